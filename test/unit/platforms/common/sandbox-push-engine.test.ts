/**
 * The sandboxes' shared push engine: re-sends until the push's own success test passes, gives
 * up after the configured delays, treats an address it cannot send to as a failed attempt (never
 * a throw), and stop() ends a pending re-send at once.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { PushEngine, type PushAttempt } from '../../../../electron/core/platforms/common/sandbox-push-engine.js';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((r) => { s.close(() => r()); s.closeAllConnections(); });
});

/** Answers each request with the next body of `answers` (the last one repeats). */
async function receiver(answers: string[]): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.end(answers[Math.min(bodies.length, answers.length) - 1]);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/push`, bodies };
}

const push = (url: string) => ({
  url: () => url,
  method: 'POST' as const,
  body: 'a=1',
  contentType: 'application/x-www-form-urlencoded',
  accepted: (status: number | null, body: string | null) => status === 200 && body === 'yes',
});

describe('sandbox push engine', () => {
  it('re-sends until the answer counts as delivered, reporting every attempt', async () => {
    const r = await receiver(['no', 'no', 'yes']);
    const seen: [PushAttempt, boolean][] = [];
    const engine = new PushEngine({ retryDelaysMs: [1, 1, 1], timeoutMs: 2000, onAttempt: (a, step) => seen.push([a, step.last]) });
    const result = await engine.send(push(r.url));
    expect(result).toEqual({ ok: true, attempts: 3, answer: 'yes', gaveUp: false, cancelled: false });
    expect(r.bodies).toEqual(['a=1', 'a=1', 'a=1']);
    expect(seen.map(([a, last]) => `${a.attempt}:${a.ok}:${last}`)).toEqual(['1:false:false', '2:false:false', '3:true:true']);
  });

  it('gives up once the delays run out', async () => {
    const r = await receiver(['no']);
    const result = await new PushEngine({ retryDelaysMs: [1], timeoutMs: 2000 }).send(push(r.url));
    expect(result).toMatchObject({ ok: false, attempts: 2, gaveUp: true, answer: 'no' });
  });

  it('takes an address it cannot send to as a failed attempt, not a throw', async () => {
    const errors: (string | null)[] = [];
    const engine = new PushEngine({ retryDelaysMs: [], timeoutMs: 2000, onAttempt: (a) => errors.push(a.error) });
    await expect(engine.send(push('ftp://127.0.0.1/push'))).resolves.toMatchObject({ ok: false, gaveUp: true, attempts: 1 });
    await expect(engine.send(push('not a url'))).resolves.toMatchObject({ ok: false, gaveUp: true });
    expect(errors).toEqual(['bad URL ftp://127.0.0.1/push', 'bad URL not a url']);
  });

  it('stop() ends a pending re-send at once', async () => {
    const r = await receiver(['no']);
    const engine = new PushEngine({ retryDelaysMs: [60_000], timeoutMs: 2000 });
    const first = new Promise<void>((resolve) => {
      const p = push(r.url);
      void engine.send({ ...p, onAttempt: () => resolve() }).then((res) => results.push(res.cancelled));
    });
    const results: boolean[] = [];
    await first;
    engine.stop();
    await expect.poll(() => results).toEqual([true]);
    expect(r.bodies).toHaveLength(1);
  });
});
