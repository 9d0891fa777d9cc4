/** `npm run soak -- --minutes N [--rate R]`: prints the figures, exits 1 if anything was lost or duplicated. */
import { parseArgs } from 'node:util';
import { runSoak, type Percentiles } from './soak.js';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '1' }, rate: { type: 'string', default: '10' }, 'drop-every': { type: 'string', default: '20' }, 'big-day': { type: 'string', default: '10000' } } });
const s = await runSoak({ minutes: Number(values.minutes), rate: Number(values.rate), dropEverySeconds: Number(values['drop-every']), bigDay: Number(values['big-day']), log: (l) => console.log(l) });
const p = (x: Percentiles): string => `p50 ${x.p50} ms, p90 ${x.p90} ms, p99 ${x.p99} ms, max ${x.max} ms (n=${x.n})`;
console.log(`\n${s.seconds.toFixed(0)} s: ${s.placed} orders placed, ${s.acknowledged} acknowledged (${s.throughput}/s), ${s.drops} tunnel drops`);
console.log(`latency (first attempt answered OK): ${p(s.latency)}`);
console.log(`latency while the ${values['big-day']}-order day was being folded: ${p(s.latencyDuringFold)}`);
console.log(`folds: ${s.folds}, ${p(s.foldMs)}`);
console.log(`memory: rss ${s.memory.rssStartMb} → max ${s.memory.rssMaxMb} MiB; heap ${s.memory.heapStartMb} → max ${s.memory.heapMaxMb} MiB`);
console.log(`memory over time [s, rss MiB, heap MiB]: ${s.memory.series.map((x) => `[${x.join(', ')}]`).join(' ')}`);
console.log(`lost ${s.lost.length}, duplicated ${s.duplicated.length} (placed but never arrived, even by recovery: ${s.missing.length})`);
const bad = [...s.lost.map((id) => `lost ${id}`), ...s.duplicated.map((id) => `duplicated ${id}`), ...s.missing.map((id) => `never arrived ${id}`)];
if (bad.length > 0) {
  console.log(`\n${bad.length} VIOLATION(S):`);
  for (const b of bad.slice(0, 50)) console.log(`  ${b}`);
  process.exit(1);
}
console.log('no violations');
process.exit(0);
