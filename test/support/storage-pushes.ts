/**
 * Accepted callbacks as the receiver hands them to the store (already verified), made up for
 * any order id and time: Meituan order pushes from the full fixture form, Union promotion
 * orders. For store-level tests that drive a DeskStorage directly with a controllable clock.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { meituan as meituanPlatform } from '../../electron/core/platforms/meituan/index.js';
import { union as unionPlatform } from '../../electron/core/platforms/union/index.js';
import { ownerOnlyFileBox } from '../../electron/core/storage/bindings.js';
import { DeskStorage, type CallbackRecord, type OrderChange } from '../../electron/core/storage/desk-storage.js';

const FORM = new URLSearchParams(readFileSync(join(import.meta.dirname, '../fixtures/meituan/order-full.form.txt'), 'utf8').trim());
const ORDER = JSON.parse(FORM.get('order')!) as Record<string, unknown>;
const ROUTES = [...meituanPlatform.routes, ...unionPlatform.routes];

export interface Push {
  record: CallbackRecord;
  key: string;
}

/** A Meituan order push (`new`, `confirmed`, `finished`) for `orderId`, created at `ctime` (s). */
export function meituanPush(route: 'new' | 'confirmed' | 'finished', orderId: string, ctime: number, utime = ctime): Push {
  const status = { new: 2, confirmed: 4, finished: 8 }[route];
  const order = JSON.stringify({ ...ORDER, orderId: Number(orderId), orderIdView: `${orderId}01`, ctime, utime, status, daySeq: 1 });
  const fields = { developerId: FORM.get('developerId')!, ePoiId: 'store-1', order: order.replace(`"orderId":${Number(orderId)}`, `"orderId":${orderId}`) };
  return { record: callback(`/meituan/order/${route}`, 'meituan', fields), key: `meituan:${orderId}` };
}

/** A Union promotion order (1 paid, 8 completed, 9 refunded), paid at `paytime`, changed at `modTime` (s). */
export function unionPush(orderId: string, status: '1' | '8' | '9', paytime: number, modTime = paytime): Push {
  const fields = {
    orderid: orderId,
    status,
    paytime: String(paytime),
    modTime: String(modTime),
    payPrice: '25.50',
    total: '30.00',
    quantity: '1',
    smstitle: '双人套餐',
    sid: 'promoter-1',
    ratio: '0.05',
    ...(status === '9' ? { refundType: '1' } : {}),
  };
  return { record: callback('/union/order', 'union', fields), key: `union:${orderId}` };
}

function callback(route: string, platform: 'meituan' | 'union', fields: Record<string, string>): CallbackRecord {
  return { type: 'callback', route, platform, verdict: 'accepted', http: 200, fields };
}

/** Accept a push as the receiver does once it is verified: journal, then apply. */
export async function accept(store: DeskStorage, push: Push): Promise<{ seq: number; changes: OrderChange[] }> {
  const route = ROUTES.find((r) => r.path === push.record.route)!;
  const changes = await store.acceptCallback(push.record, route.interpret(push.record.fields ?? {}));
  const seqs = changes.flatMap((c) => c.order.events.map((e) => e.seq));
  return { seq: Math.max(0, ...seqs), changes };
}

export function openDeskStorage(dataDir: string, now: () => Date, foldDelayMs = 1): DeskStorage {
  return new DeskStorage({
    dataDir,
    timeZone: 'Asia/Shanghai',
    stores: [{ id: 'store-1', name: '湘北人家' }],
    platforms: [meituanPlatform, unionPlatform],
    secretBox: ownerOnlyFileBox,
    foldDelayMs,
    foldMaxDelayMs: foldDelayMs * 5,
    now,
  });
}
