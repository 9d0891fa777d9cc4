/**
 * What the crash suite checks on disk and through the console API: every data file parses,
 * and every acknowledged push is there exactly once with its acknowledged status.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Order } from '../../shared/order.js';

/**
 * Every JSON file parses and every journal/index line parses. `afterKill`: the line being
 * written when the process died may be torn (no newline yet); start-up repairs it.
 */
export async function unparseable(dataDir: string, afterKill: boolean): Promise<string[]> {
  const bad: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        await walk(path);
        continue;
      }
      // Temp files from a write cut short and files moved aside are not data; locks are not JSON.
      if (e.name.endsWith('.tmp') || e.name.includes('.corrupt-') || !/\.jsonl?$/.test(e.name)) continue;
      const text = await readFile(path, 'utf8');
      if (e.name.endsWith('.json')) {
        try {
          JSON.parse(text);
        } catch {
          bad.push(`${path}: not JSON (${text.length} bytes)`);
        }
        continue;
      }
      const lines = text.split('\n');
      const last = lines.pop();
      if (last !== '' && !afterKill) bad.push(`${path}: last line has no newline`);
      lines.forEach((line, i) => {
        try {
          JSON.parse(line);
        } catch {
          bad.push(`${path}:${i + 1}: not JSON: ${line.slice(0, 60)}`);
        }
      });
    }
  };
  await walk(dataDir);
  return bad;
}

export interface Acknowledged {
  /** Meituan new orders answered OK. */
  meituan: Set<string>;
  union: Set<string>;
  /** Meituan status pushes answered OK: orderId → the status the order must have now. */
  status: Map<string, Order['status']>;
}

export interface Verdict {
  stored: number;
  lost: string[];
  doubled: string[];
  wrongStatus: string[];
}

export function verify(orders: readonly Order[], ack: Acknowledged, seeded: number): Verdict {
  const byKey = new Map<string, number>();
  for (const o of orders) byKey.set(o.key, (byKey.get(o.key) ?? 0) + 1);
  const doubled = [...byKey].filter(([, n]) => n > 1).map(([k]) => k);
  const count = (platform: string, id: string): number => orders.filter((o) => o.platform === platform && o.orderId === id).length;
  const lost = [
    ...[...ack.meituan].filter((id) => count('meituan', id) === 0).map((id) => `meituan:${id}`),
    ...[...ack.union].filter((id) => count('union', id) === 0).map((id) => `union:${id}`),
  ];
  const seededHere = orders.filter((o) => /^1000000000000\d{5}$/.test(o.orderId)).length;
  if (seededHere !== seeded) lost.push(`${seeded - seededHere} of the ${seeded} orders already on disk`);
  const byId = new Map(orders.filter((o) => o.platform === 'meituan').map((o) => [o.orderId, o]));
  const wrongStatus = [...ack.status].filter(([id, s]) => byId.get(id)?.status !== s).map(([id, s]) => `${id}: ${byId.get(id)?.status ?? 'missing'}, acknowledged ${s}`);
  return { stored: orders.length, lost, doubled, wrongStatus };
}
