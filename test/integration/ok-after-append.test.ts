/**
 * "Persist, then answer": the receiver may say OK to Meituan only once the callback's journal
 * line is fsync'ed, and a sync that fails is a failure answer, never OK. The journal's data
 * sync is held or failed through a gated `node:fs/promises`; the push is a real HTTP request.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { seeded, signedOrderBody } from '../bench/payloads.js';
import { startFixture, TEST_DEVELOPER_ID, TEST_SIGN_KEY, type Fixture } from '../support/desk-fixture.js';
import { journalSync } from '../support/gated-fs.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const { gatedFsModule } = await import('../support/gated-fs.js');
  return gatedFsModule(await importOriginal());
});

let fx: Fixture | undefined;
afterEach(async () => {
  journalSync.reset();
  await fx?.close();
  fx = undefined;
});

const random = seeded(91);
let daySeq = 0;

function push(receiver: string): { orderId: string; answer: Promise<{ status: number; body: string }> } {
  const { body, orderId } = signedOrderBody({ developerId: TEST_DEVELOPER_ID, signKey: TEST_SIGN_KEY, storeId: 'store-1', daySeq: String(++daySeq), random });
  const answer = fetch(`${receiver}/meituan/order/new`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }).then(async (res) => {
    const text = await res.text();
    journalSync.log.push('answer');
    return { status: res.status, body: text };
  });
  return { orderId, answer };
}

describe('the receiver answers only after the journal append is durable', () => {
  it('sends no answer while the journal sync is held, and OK right after it completes', async () => {
    fx = await startFixture({ stores: [{ id: 'store-1', name: '湘北人家', autoAccept: false }] });
    const receiver = fx.desk.receiver.url;
    journalSync.log = [];
    const release = journalSync.holdSyncs();

    const { orderId, answer } = push(receiver);
    await expect.poll(() => journalSync.log.includes('sync-start')).toBe(true);
    // A request made after the held one, answered in full: had the push been answered before its
    // sync, that answer would be in by now.
    const health = await fetch(`${receiver}/_waimai-desk/health?nonce=x`);
    expect(health.status).toBe(200);
    expect(journalSync.log).not.toContain('answer');

    journalSync.log.push('released');
    release();
    const { status, body } = await answer;
    expect(status).toBe(200);
    expect(body).toBe('{"data":"OK"}');
    expect(journalSync.log.indexOf('answer')).toBeGreaterThan(journalSync.log.indexOf('sync-end'));
    expect(journalSync.log.indexOf('sync-end')).toBeGreaterThan(journalSync.log.indexOf('released'));
    expect(await fx.desk.getOrder(`meituan:${orderId}`)).toMatchObject({ orderId });
  });

  it('answers a failed sync with the platform failure body (503), never OK, and keeps nothing', async () => {
    fx = await startFixture({ stores: [{ id: 'store-1', name: '湘北人家', autoAccept: false }] });
    const receiver = fx.desk.receiver.url;
    journalSync.fail = 'EIO';
    const failed = push(receiver);
    const { status, body } = await failed.answer;
    expect(status).toBe(503);
    expect(JSON.parse(body)).toMatchObject({ data: 'NOT OK' });
    expect(await fx.desk.getOrder(`meituan:${failed.orderId}`)).toBeNull();

    // The disk is back: the platform's re-push is kept and answered OK.
    journalSync.fail = null;
    const again = push(receiver);
    expect((await again.answer).status).toBe(200);
    expect(await fx.desk.getOrder(`meituan:${again.orderId}`)).toMatchObject({ orderId: again.orderId });
  });
});
