/** Realistic signed Meituan new-order pushes for the benchmark, made with the sandbox's generator. */
import { orderJson } from '../../electron/core/platforms/meituan/sandbox-notify.js';
import { generateOrderInput } from '../../electron/core/platforms/meituan/sandbox-orders.js';
import { newOrderState } from '../../electron/core/platforms/meituan/sandbox-state.js';
import { meituanSign } from '../../electron/core/platforms/meituan/sign.js';

export const BENCH_DEVELOPER_ID = '100001';
export const BENCH_SIGN_KEY = 'benchSignKey0001';
export const BENCH_STORE = 'store-1';

/** A small seeded generator: the same pushes in every run. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function signedPushBodies(count: number, seed = 7): string[] {
  const random = seeded(seed);
  const now = Math.floor(Date.now() / 1000);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const input = generateOrderInput(random, BENCH_STORE, String(i + 1), now);
    const order = orderJson(newOrderState(input, BENCH_STORE, now));
    const fields = { developerId: BENCH_DEVELOPER_ID, ePoiId: BENCH_STORE, order };
    out.push(new URLSearchParams({ ...fields, sign: meituanSign(BENCH_SIGN_KEY, fields) }).toString());
  }
  return out;
}

/** One signed new-order push body (form-encoded) for any key and store, as Meituan sends it. */
export function signedOrderBody(o: { developerId: string; signKey: string; storeId: string; daySeq: string; random: () => number }): { body: string; orderId: string } {
  const now = Math.floor(Date.now() / 1000);
  const state = newOrderState(generateOrderInput(o.random, o.storeId, o.daySeq, now), o.storeId, now);
  const fields = { developerId: o.developerId, ePoiId: o.storeId, order: orderJson(state) };
  return { body: new URLSearchParams({ ...fields, sign: meituanSign(o.signKey, fields) }).toString(), orderId: String(state.orderId) };
}
