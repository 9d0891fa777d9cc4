/**
 * A DeskStorage in a child process, to be killed for real (SIGKILL) by a test. Reads one JSON
 * line per push on stdin — `{ clock, push }` — accepts it under that clock and answers
 * `ack <key> <seq>` once it is acknowledged. Prints `open` when the store has opened.
 * Usage: node --import tsx store-child.ts <dataDir> <clockMs>
 */
import { createInterface } from 'node:readline';
import { accept, openDeskStorage, type Push } from './storage-pushes.js';

const [dir, start] = process.argv.slice(2) as [string, string];
let clock = Number(start);
const store = openDeskStorage(dir, () => new Date(clock));
await store.open();
process.stdout.write('open\n');
let queue = Promise.resolve();
for await (const line of createInterface({ input: process.stdin })) {
  const { clock: at, push } = JSON.parse(line) as { clock: number; push: Push };
  queue = queue.then(async () => {
    clock = at;
    const { seq } = await accept(store, push);
    process.stdout.write(`ack ${push.key} ${seq}\n`);
  });
}
await queue;
await store.close();
