/** The Union sandbox's delivery: re-sends until ok (string or integer errcode), bounded, stoppable. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parse as parseLossless } from 'lossless-json';
import { isUnionOk, UnionSandbox } from '../../../../electron/core/platforms/union/sandbox.js';
import { unionSign } from '../../../../electron/core/platforms/union/sign.js';
import { parseUnionCallback } from '../../../../electron/core/platforms/union/routes.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

/** A receiver answering from `answers` in turn (the last one repeats), recording the bodies. */
async function receiver(answers: string[]): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.end(answers[Math.min(bodies.length - 1, answers.length - 1)]);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies };
}

describe('UnionSandbox', () => {
  it('takes errcode "0" and 0 as ok, anything else not', () => {
    expect(isUnionOk('{"errcode":"0","errmsg":"ok"}')).toBe(true);
    expect(isUnionOk('{"errcode":0,"errmsg":"ok"}')).toBe(true);
    expect(isUnionOk('{"errcode":"1","errmsg":"err"}')).toBe(false);
    expect(isUnionOk('ok')).toBe(false);
    expect(isUnionOk(null)).toBe(false);
  });

  it('sends signed JSON with raw numbers and re-sends until answered ok', async () => {
    const r = await receiver(['{"errcode":"1","errmsg":"err"}', '{"errcode":0,"errmsg":"ok"}']);
    const sb = new UnionSandbox({ callbackSecret: 's3cret', receiverUrl: r.url, retryDelaysMs: [5, 5], duplicateRate: 0 });
    closers.push(() => sb.stop());
    const id = await sb.pushOrder({ total: '30', payPrice: '25.5' });
    expect(r.bodies).toHaveLength(2);
    expect(r.bodies[0]).toBe(r.bodies[1]);
    expect(r.bodies[0]).toContain(`"orderid":${id}`);
    expect(r.bodies[0]).toContain('"total":30,"payPrice":25.5');
    expect(r.bodies[0]).toContain('"tradeTypeList":[2,3]');
    const fields = parseUnionCallback({ method: 'POST', headers: {}, query: '', body: Buffer.from(r.bodies[0]!) });
    expect(fields['sign']).toBe(unionSign('s3cret', fields));
    expect((parseLossless(r.bodies[0]!) as Record<string, unknown>)['sign']).toBe(fields['sign']);
  });

  it('gives up after the configured retries', async () => {
    const r = await receiver(['{"errcode":"1","errmsg":"err"}']);
    const sb = new UnionSandbox({ callbackSecret: 's', receiverUrl: r.url, retryDelaysMs: [5, 5], duplicateRate: 0 });
    closers.push(() => sb.stop());
    const gaveUp = new Promise((resolve) => sb.once('push-gave-up', resolve));
    await sb.pushOrder();
    await gaveUp;
    expect(r.bodies).toHaveLength(3);
  });

  it('stops a pending re-send at once', async () => {
    const r = await receiver(['{"errcode":"1","errmsg":"err"}']);
    const sb = new UnionSandbox({ callbackSecret: 's', receiverUrl: () => r.url, retryDelaysMs: [60_000], duplicateRate: 0 });
    const first = new Promise((resolve) => sb.once('pushed', resolve));
    const pending = sb.pushOrder();
    await first;
    await sb.stop();
    await pending;
    expect(r.bodies).toHaveLength(1);
  });
});
