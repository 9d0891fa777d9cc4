/**
 * A client trickling its request cannot hold a connection (through the tunnel, one of its few
 * sockets) for long: past the header or request limit it is answered 408 and closed, the refusal
 * is audited, and the receiver keeps serving. Raw sockets, short limits; the production limits
 * are checked on the server as the desk starts it.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meituan as meituanPlatform } from '../../electron/core/platforms/meituan/index.js';
import { Receiver, RECEIVER_TIMEOUTS } from '../../electron/core/receiver/server.js';
import { ownerOnlyFileBox } from '../../electron/core/storage/bindings.js';
import { DeskStorage } from '../../electron/core/storage/desk-storage.js';
import { quietLogger, tempDir } from '../support/helpers.js';

const LIMITS = { headersMs: 400, requestMs: 800, keepAliveMs: 400, checkEveryMs: 50 };
let store: DeskStorage;
let receiver: Receiver;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const tmp = await tempDir();
  cleanup = tmp.cleanup;
  store = new DeskStorage({ dataDir: tmp.dir, timeZone: 'Asia/Shanghai', stores: [], platforms: [meituanPlatform], secretBox: ownerOnlyFileBox });
  await store.open();
  receiver = new Receiver({ routes: meituanPlatform.routes, storage: store, configFor: () => undefined, pendingBinding: () => false, logger: quietLogger, timeouts: LIMITS });
  await receiver.listen();
});
afterAll(async () => {
  await receiver.close();
  await store.close();
  await cleanup();
});

/**
 * Open a socket, send `head` at once, then one byte of `trickle` every 50 ms until the server
 * closes the connection. Resolves with what came back and how long the connection lived; the
 * trickle itself is bounded, so a server that never closes fails the test instead of hanging it.
 */
function trickle(head: string, trickleText: string): Promise<{ reply: string; livedMs: number; closedByServer: boolean }> {
  const { port } = new URL(receiver.url);
  return new Promise((resolve) => {
    const started = Date.now();
    const socket: Socket = connect(Number(port), '127.0.0.1');
    let reply = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on('data', (d) => (reply += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ reply, livedMs: Date.now() - started, closedByServer: sent < trickleText.length });
    });
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent >= trickleText.length) {
          clearInterval(timer);
          socket.destroy();
          return;
        }
        socket.write(trickleText[sent++]!);
      }, 50);
    });
  });
}

describe('a trickling client', () => {
  it('is answered 408 and closed when its headers do not arrive in time', async () => {
    // 200 bytes at 50 ms each would take 10 s.
    const r = await trickle('POST /meituan/order/new HTTP/1.1\r\nHost: x\r\n', `X-Slow: ${'a'.repeat(200)}\r\n\r\n`);
    expect(r.closedByServer).toBe(true);
    expect(r.reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(r.livedMs).toBeLessThan(LIMITS.requestMs + 1_000);
  });

  it('is answered 408 and closed when its body does not arrive in time', async () => {
    const body = `developerId=1&order=${'b'.repeat(180)}`;
    const head = `POST /meituan/order/new HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`;
    const r = await trickle(head, body);
    expect(r.closedByServer).toBe(true);
    expect(r.reply).toMatch(/^HTTP\/1\.1 408 /);
    expect(r.livedMs).toBeLessThan(LIMITS.requestMs + 1_000);
    const audit = (await store.readAudit(store.today())).filter((e) => e.type === 'callback');
    // The aborted body may also be audited on its route (400); the timeout itself must be there.
    expect(audit).toContainEqual(expect.objectContaining({ route: '(connection)', verdict: 'rejected', http: 408 }));
  });

  it('leaves the receiver serving the next request', async () => {
    const res = await fetch(`${receiver.url}/meituan/order/new`, { method: 'POST', body: '' });
    expect(res.status).toBe(200);
  });
});

describe('the limits the desk runs with', () => {
  it('are a few seconds, enforced by the server itself', async () => {
    const r = new Receiver({ routes: [], storage: store, configFor: () => undefined, pendingBinding: () => false, logger: quietLogger });
    expect(r.timeouts).toEqual({ headersMs: RECEIVER_TIMEOUTS.headersMs, requestMs: RECEIVER_TIMEOUTS.requestMs, keepAliveMs: RECEIVER_TIMEOUTS.keepAliveMs, idleMs: RECEIVER_TIMEOUTS.requestMs });
    expect(RECEIVER_TIMEOUTS.requestMs).toBeLessThanOrEqual(10_000);
    expect(RECEIVER_TIMEOUTS.headersMs).toBeLessThanOrEqual(RECEIVER_TIMEOUTS.requestMs);
    await r.close();
  });
});
