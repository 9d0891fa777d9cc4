/**
 * Union (推广) orders put on disk before a Desk or `serve` starts — the Union receiver is built
 * separately, so the report is tested against orders as the store keeps them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Order } from '../../shared/order.js';

export { unionOrder } from '../unit/renderer/fake-union-order.js';

/** The store's on-disk layout: `orders/<day>.json` = `{v:1, orders}`, `orders/index.jsonl` = `[key, day]` lines. */
export async function writeOrderDays(dataDir: string, orders: readonly Order[]): Promise<void> {
  const dir = join(dataDir, 'orders');
  await mkdir(dir, { recursive: true });
  const days = new Map<string, Order[]>();
  for (const o of orders) days.set(o.businessDay, [...(days.get(o.businessDay) ?? []), o]);
  for (const [day, list] of days) await writeFile(join(dir, `${day}.json`), JSON.stringify({ v: 1, orders: list }));
  await writeFile(join(dir, 'index.jsonl'), orders.map((o) => JSON.stringify([o.key, o.businessDay])).join('\n') + '\n');
}
