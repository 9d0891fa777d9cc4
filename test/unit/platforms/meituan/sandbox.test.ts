/**
 * Meituan sandbox pushes: wire shape ("Pushes", "Order JSON"), signatures ("Signing"), re-push and give-up,
 * duplicates, stop() hygiene and the bounded demo loop.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLosslessNumber, parse } from 'lossless-json';
import { MeituanSandbox } from '../../../../electron/core/platforms/meituan/sandbox.js';
import type { PushResult } from '../../../../electron/core/platforms/meituan/sandbox.js';
import { verifyMeituanSign } from '../../../../electron/core/platforms/meituan/sign.js';
import { FakeReceiver, waitFor } from './sandbox-helpers.js';

const KEY = 'demosignkey0001x';
let receiver: FakeReceiver;
let sandbox: MeituanSandbox;

function make(opts: Partial<ConstructorParameters<typeof MeituanSandbox>[0]> = {}): MeituanSandbox {
  sandbox = new MeituanSandbox({
    developerId: '100001',
    signKey: KEY,
    receiverUrl: receiver.url,
    retryDelaysMs: [5, 10],
    duplicateRate: 0,
    pushTimeoutMs: 500,
    ...opts,
  });
  return sandbox;
}

beforeEach(async () => {
  receiver = new FakeReceiver();
  await receiver.start();
});
afterEach(async () => {
  await sandbox?.stop();
  await receiver.stop();
});

describe('new-order push', () => {
  it('is a signed form POST whose order JSON keeps big ids and nested JSON strings', async () => {
    const sb = make();
    await sb.start();
    const id = await sb.pushNewOrder('store-1');
    expect(BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(id).toMatch(/^[1-9]\d{16,18}$/);

    const [req] = receiver.at('/meituan/order/new');
    expect(req?.method).toBe('POST');
    expect(req?.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    const f = req!.fields;
    expect(Object.keys(f).sort()).toEqual(['developerId', 'ePoiId', 'order', 'sign']);
    expect(f['developerId']).toBe('100001');
    expect(f['ePoiId']).toBe('store-1');
    expect(verifyMeituanSign(KEY, f, f['sign'])).toBe(true);
    expect(f['sign']).toMatch(/^[0-9a-f]{40}$/);

    const text = f['order']!;
    expect(text).toContain(`"orderId":${id}`); // a bare number, not rounded, not quoted
    const order = parse(text) as Record<string, unknown>;
    expect(isLosslessNumber(order['orderId']) && String(order['orderId'])).toBe(id);
    expect(String(order['orderIdView'])).toMatch(/^\d{17,19}$/);
    expect(Number(order['status'])).toBe(2);
    expect(order['daySeq']).toBe('1');
    expect(order['ePoiId']).toBe('store-1');
    expect(String(order['recipientAddress'])).toContain('@#');
    expect(String(order['recipientPhone'])).toMatch(/^1\d{10}_\d{4}$/);
    expect(String(order['ctime'])).toMatch(/^\d{10}$/);
    for (const key of ['detail', 'extras', 'poiReceiveDetail']) expect(typeof order[key]).toBe('string');
    const detail = JSON.parse(String(order['detail'])) as Record<string, unknown>[];
    expect(detail.length).toBeGreaterThan(0);
    expect(Object.keys(detail[0]!)).toEqual(
      expect.arrayContaining([
        'app_food_code',
        'food_name',
        'quantity',
        'price',
        'unit',
        'spec',
        'food_property',
        'box_num',
        'box_price',
        'cart_id',
      ]),
    );
    expect(Array.isArray(JSON.parse(String(order['extras'])))).toBe(true);
    expect(JSON.parse(String(order['poiReceiveDetail']))).toHaveProperty('wmPoiReceiveCent');
    // RESTO sample keys are all present.
    for (const k of [
      'avgSendTime',
      'caution',
      'cityId',
      'utime',
      'logisticsCode',
      'originalPrice',
      'payType',
      'poiId',
      'shippingFee',
      'total',
    ])
      expect(order).toHaveProperty(k);
  });

  it('numbers orders per store per day from "1", honours overrides and amounts add up', async () => {
    const sb = make();
    await sb.start();
    const dish = {
      code: 'A1',
      name: '小炒黄牛肉',
      price: 38,
      quantity: 2,
      unit: '份',
      spec: '大份',
      property: '中辣,微甜',
      boxNum: 1,
      boxPrice: 1,
      cartId: 0,
    };
    const a = await sb.pushNewOrder('s1', {
      dishes: [dish],
      shippingFee: 3,
      discount: 5,
      discountRemark: '满30元减5元',
      caution: '少辣，不要香菜',
    });
    await sb.pushNewOrder('s1');
    await sb.pushNewOrder('s2');
    const seqs = receiver
      .at('/meituan/order/new')
      .map((r) => [r.fields['ePoiId'], (JSON.parse(r.fields['order']!) as { daySeq: string }).daySeq]);
    expect(seqs).toEqual([
      ['s1', '1'],
      ['s1', '2'],
      ['s2', '1'],
    ]);
    const o = parse(sb.orderJson(a)!) as Record<string, unknown>;
    expect(Number(o['originalPrice'])).toBe(80); // 38×2 + box 1 + shipping 3
    expect(Number(o['total'])).toBe(75);
    expect(o['caution']).toBe('少辣，不要香菜');
  });
});

describe('re-push', () => {
  it('re-pushes on a non-OK answer and stops at the first OK (case-insensitive)', async () => {
    receiver.script(
      '/meituan/order/new',
      { body: '{"data":"NOT OK"}' },
      { status: 500, body: '{"data":"OK"}' },
      { body: '{"data":"ok"}' },
    );
    const sb = make({ retryDelaysMs: [5, 5, 5, 5] });
    await sb.start();
    const attempts: unknown[] = [];
    sb.on('push', (p: { attempt: number; ok: boolean }) => attempts.push([p.attempt, p.ok]));
    const ok = waitFor(sb, 'push-ok');
    await sb.pushNewOrder('store-1');
    expect(await ok).toMatchObject({ path: '/meituan/order/new', attempts: 3 });
    expect(attempts).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    const bodies = receiver.at('/meituan/order/new').map((r) => r.raw);
    expect(new Set(bodies).size).toBe(1); // identical re-pushes
  });

  it('gives up after the last delay, counting timeouts as failures', async () => {
    receiver.script('/meituan/order/shipping', { body: 'success' }, 'hang', { body: '{"data":"fail"}' });
    const sb = make({ pushTimeoutMs: 100 });
    await sb.start();
    const gaveUp = waitFor<{ attempts: number }>(sb, 'push-gave-up');
    const r = await sb.push('/meituan/order/shipping', {
      developerId: '100001',
      ePoiId: 's',
      shippingStatus: '{}',
    });
    expect(r).toMatchObject({ ok: false, gaveUp: true, attempts: 3 });
    expect((await gaveUp).attempts).toBe(3);
  });

  it('survives a receiver that is down, without unhandled rejections', async () => {
    await receiver.stop();
    const sb = make();
    await sb.start();
    const result: PushResult = await sb.push('/meituan/order/new', {
      developerId: '1',
      ePoiId: 's',
      order: '{}',
    });
    expect(result).toMatchObject({ ok: false, gaveUp: true, answer: null });
  });

  it('stop() cancels pending retries and in-flight pushes', async () => {
    receiver.script('/meituan/order/new', 'hang');
    const sb = make({ retryDelaysMs: [60_000], pushTimeoutMs: 60_000 });
    await sb.start();
    const arrived = waitFor(receiver, 'request');
    const pending = sb.push('/meituan/order/new', { developerId: '1', ePoiId: 's', order: '{}' });
    await arrived;
    await sb.stop();
    expect(await pending).toMatchObject({ ok: false, cancelled: true });
  });

  it('raw push signs unless a sign is given or signing is off', async () => {
    const sb = make();
    await sb.start();
    await sb.push('/meituan/order/new', { developerId: '1', ePoiId: 's', order: '{"a":1}' });
    await sb.push('/meituan/order/new', { developerId: '1', ePoiId: 's', order: '{}', sign: 'bad' });
    await sb.push('/meituan/order/new', { a: '1' }, { sign: false });
    const [a, b, c] = receiver.at('/meituan/order/new').map((r) => r.fields);
    expect(verifyMeituanSign(KEY, a!, a!['sign'])).toBe(true);
    expect(b!['sign']).toBe('bad');
    expect(c).toEqual({ a: '1' });
  });
});

describe('duplicates', () => {
  it('sometimes sends a delivered new/confirmed push twice, identically', async () => {
    const sb = make({ duplicateRate: 1 });
    await sb.start();
    const dup = waitFor<{ duplicate: boolean }>(sb, 'push-ok', (p) => p.duplicate);
    await sb.pushNewOrder('store-1');
    await dup;
    const [first, second] = receiver.at('/meituan/order/new');
    expect(second?.raw).toBe(first?.raw);
  });
});

describe('demo loop', () => {
  it('creates maxOrders orders, walks them forward and stops by itself', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const sb = make({ random });
    await sb.start();
    const done = waitFor<{ created: number }>(sb, 'demo-done', () => true, 20_000);
    sb.startDemo({ ePoiIds: ['s1', 's2'], intervalMs: 5, maxOrders: 6 });
    expect((await done).created).toBe(6);
    expect(receiver.at('/meituan/order/new')).toHaveLength(6);
    const later = receiver.requests.filter((r) => r.path !== '/meituan/order/new').map((r) => r.path);
    expect(later).toEqual(expect.arrayContaining(['/meituan/order/confirmed', '/meituan/order/finished']));
  });
});
