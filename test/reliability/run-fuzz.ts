/** `npm run fuzz [-- --count N --seed S]`: prints a summary, exits 1 on any violation. */
import { parseArgs } from 'node:util';
import { runFuzz } from './fuzz.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '10000' }, seed: { type: 'string', default: '1' }, concurrency: { type: 'string', default: '16' } } });
const count = Number(values.count);
const seed = Number(values.seed);
console.log(`fuzz: ${count} generated bad requests, seed ${seed}`);
const s = await runFuzz({ count, seed, concurrency: Number(values.concurrency), log: (l) => console.log(l) });
console.log(`\n${s.requests} requests in ${s.seconds.toFixed(1)} s (${Math.round(s.requests / s.seconds)}/s)`);
console.log('by kind:   ' + Object.entries(s.byKind).sort().map(([k, n]) => `${k} ${n}`).join(', '));
console.log('by answer: ' + Object.entries(s.byStatus).sort().map(([k, n]) => `${k} ${n}`).join(', '));
console.log(`answered OK (taken as empty URL checks, nothing stored): ${s.answeredOk} — ` + Object.entries(s.okByKind).sort().map(([k, n]) => `${k} ${n}`).join(', '));
console.log(`orders: ${s.ordersBefore} before, ${s.ordersAfter} after; order, binding or settings files changed (or journal lines that change something): ${s.filesChanged.length}`);
console.log(`memory: rss ${s.memory.rssStartMb} → max ${s.memory.rssMaxMb} MiB; heap ${s.memory.heapStartMb} → max ${s.memory.heapMaxMb}, last ${s.memory.heapLastMb} MiB (${s.memory.samples} samples)`);
if (s.violations.length > 0) {
  console.log(`\n${s.violations.length} VIOLATION(S):`);
  for (const v of s.violations) console.log(`  ${v}`);
  process.exit(1);
}
console.log('\nno violations');
process.exit(0);
