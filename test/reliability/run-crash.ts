/** `npm run crash [-- --rounds N --seed S --big-day N]`: prints a table per round, exits 1 on any loss, double or bad file. */
import { parseArgs } from 'node:util';
import { HEADER, runCrash } from './crash.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20' }, seed: { type: 'string', default: '1' }, 'big-day': { type: 'string', default: '3000' }, burst: { type: 'string', default: '200' } } });
const rounds = Number(values.rounds);
console.log(`crash: ${rounds} SIGKILL rounds of serve, today's file starting with ${values['big-day']} orders\n`);
console.log(HEADER);
const s = await runCrash({ rounds, seed: Number(values.seed), bigDay: Number(values['big-day']), burst: Number(values.burst), log: (l) => console.log(l) });
const folds = s.rounds.filter((r) => r.kill === 'during-fold').length;
console.log(`\n${s.rounds.length} kills (${folds} during a fold), ${s.acknowledged} pushes acknowledged in all, ${s.seconds.toFixed(0)} s`);
console.log(`lost ${s.rounds.reduce((n, r) => n + r.lost, 0)}, doubled ${s.rounds.reduce((n, r) => n + r.doubled, 0)}, unparseable files ${s.rounds.reduce((n, r) => n + r.badFiles, 0)}`);
if (s.violations.length > 0) {
  console.log(`\n${s.violations.length} VIOLATION(S):`);
  for (const v of s.violations) console.log(`  ${v}`);
  process.exit(1);
}
console.log('no violations');
process.exit(0);
