/**
 * Orders put on disk before a Desk or `serve` starts, laid out as the store keeps them:
 * `orders/<day>.json` = `{v:1, orders}`, `orders/index.jsonl` = `[key, day]` lines. Used to
 * seed history for tests and the benchmark.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Order } from '../../shared/order.js';

export async function writeOrderDays(dataDir: string, orders: readonly Order[]): Promise<void> {
  const dir = join(dataDir, 'orders');
  await mkdir(dir, { recursive: true });
  const days = new Map<string, Order[]>();
  for (const o of orders) {
    const list = days.get(o.businessDay);
    if (list) list.push(o);
    else days.set(o.businessDay, [o]);
  }
  for (const [day, list] of days) await writeFile(join(dir, `${day}.json`), JSON.stringify({ v: 1, orders: list }));
  await writeFile(join(dir, 'index.jsonl'), orders.map((o) => JSON.stringify([o.key, o.businessDay])).join('\n') + '\n');
}
