/**
 * Our tunnel client's socket pool against the test tunnel server, which behaves like the
 * reference one (drops a socket after every `Connection: close` request and after bursts,
 * enforces its socket limit, never answers a forward that failed). A small local HTTP server
 * stands in for the receiver. Waits are for events, bounded by AbortSignal.timeout (internal
 * timers: they still run where a test freezes the global ones to prove no timer is needed).
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTunnel, type PoolOptions, type TunnelHandle } from '../../electron/core/tunnel/client.js';
import { TestTunnelServer, type TunnelServerOptions } from '../support/tunnel-server.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * The receiver's stand-in: POST bodies answered `ok <bytes>` once complete; `/hang` never
 * answered; `/burst` answered only once 10 of them are waiting (all sockets busy at once).
 */
class Receiver extends EventEmitter<{ request: [] }> {
  seen = 0;
  private readonly burst: (() => void)[] = [];
  private readonly server = http.createServer((req, res) => {
    this.seen++;
    this.emit('request');
    if (req.url === '/hang') return;
    let size = 0;
    req.on('data', (c: Buffer) => (size += c.length));
    req.on('end', () => {
      if (req.url !== '/burst') return void res.end(`ok ${size}`);
      this.burst.push(() => res.end(`ok ${size}`));
      if (this.burst.length === 10) this.burst.splice(0).forEach((answer) => answer());
    });
  });
  port = 0;
  async start(): Promise<void> {
    await new Promise<void>((ok) => this.server.listen(0, '127.0.0.1', () => ok()));
    this.port = (this.server.address() as net.AddressInfo).port;
    cleanups.push(() => {
      this.server.closeAllConnections();
      return new Promise((ok) => this.server.close(ok));
    });
  }
}

/** Resolve once `cond()` holds, re-checked on each `event`; bounded. */
function until<E extends EventEmitter>(emitter: E, event: string, cond: () => boolean, ms = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const signal = AbortSignal.timeout(ms);
    const check = (): void => {
      if (!cond()) return;
      emitter.off(event, check);
      resolve();
    };
    signal.addEventListener('abort', () => (emitter.off(event, check), reject(new Error(`timed out waiting for ${event}: ${String(cond)}`))));
    emitter.on(event, check);
    check();
  });
}

async function setUp(serverOpts: TunnelServerOptions = {}, pool: PoolOptions = {}): Promise<{ server: TestTunnelServer; receiver: Receiver; tunnel: TunnelHandle; name: string }> {
  const server = new TestTunnelServer({ graceMs: 100, ...serverOpts });
  await server.start();
  cleanups.push(() => server.close());
  const receiver = new Receiver();
  await receiver.start();
  const tunnel = await openTunnel({ host: server.url, subdomain: 'pool-test', localPort: receiver.port, fetch: server.fetchVia(), signal: AbortSignal.timeout(5000), pool });
  cleanups.push(() => tunnel.close());
  const name = tunnel.info.id;
  await until(server, 'socket', () => server.sockets(name)!.open === tunnel.info.maxConn);
  return { server, receiver, tunnel, name };
}

interface Answer {
  status: number;
  body: string;
}

/** A public request to the tunnel's URL. `body` undefined: a GET; `hold`: send part of the body and keep the rest. */
function request(server: TestTunnelServer, name: string, o: { path?: string; body?: string; hold?: boolean; close?: boolean; agent?: http.Agent } = {}): { answer: Promise<Answer>; abort: () => void } {
  const ac = new AbortController();
  const signal = AbortSignal.any([ac.signal, AbortSignal.timeout(5000)]);
  const headers: http.OutgoingHttpHeaders = { host: `${name}.localtest:${server.port}`, ...(o.close ? { connection: 'close' } : {}) };
  if (o.body !== undefined) headers['content-length'] = o.hold ? 1000 : Buffer.byteLength(o.body);
  const answer = new Promise<Answer>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: o.path ?? '/push', method: o.body === undefined ? 'GET' : 'POST', headers, agent: o.agent ?? false, signal }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (o.body !== undefined) req.write(o.body);
    if (!o.hold) req.end();
  });
  answer.catch(() => undefined);
  return { answer, abort: () => ac.abort() };
}

describe('the tunnel socket pool', () => {
  it('re-dials a socket the server dropped after a Connection: close request at once, with no timer', async () => {
    const { server, tunnel, name } = await setUp();
    const before = server.sockets(name)!.accepted;
    // Every timer frozen: only a re-dial that waits for none keeps the pool alive.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    for (let i = 0; i < 3 * tunnel.info.maxConn; i++) {
      expect(await request(server, name, { body: `order=${i}`, close: true }).answer).toEqual({ status: 200, body: `ok ${`order=${i}`.length}` });
    }
    // Each of those cost the server a socket, and each was dialled again.
    await until(server, 'socket', () => server.sockets(name)!.accepted - before >= 3 * tunnel.info.maxConn);
  });

  it('after a burst the server keeps one free socket; the others are dropped and dialled again', async () => {
    const { server, name } = await setUp();
    const agent = new http.Agent({ keepAlive: true });
    cleanups.push(() => agent.destroy());
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => request(server, name, { path: '/burst', body: `b${i}`, agent }).answer));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await until(server, 'socket', () => server.sockets(name)!.accepted >= 19 && server.sockets(name)!.open === 10);
  });

  it('dials no more sockets than the server enforces, whatever it announces', async () => {
    const { server, tunnel, name } = await setUp({ maxConn: 10, announce: 20 });
    expect(tunnel.info.maxConn).toBe(10);
    expect(server.sockets(name)).toEqual({ open: 10, accepted: 10, refused: 0 });
    expect(tunnel.counts?.socketsRefused).toBe(0);
    for (let i = 0; i < 20; i++) expect((await request(server, name, { body: 'x' }).answer).status).toBe(200);
  });

  it('dials a refused socket again only after a doubling wait, never in a loop', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const server = new TestTunnelServer({ graceMs: 100, maxConn: 4, announce: 10 });
    await server.start();
    cleanups.push(() => server.close());
    const receiver = new Receiver();
    await receiver.start();
    const tunnel = await openTunnel({ host: server.url, localPort: receiver.port, fetch: server.fetchVia(), signal: AbortSignal.timeout(5000), pool: { refusedBackoffMs: 250, refusedBackoffCapMs: 1000 } });
    cleanups.push(() => tunnel.close());
    const name = tunnel.info.id;
    const refused = (): number => server.sockets(name)!.refused;
    // Counted by the client once it has scheduled the next dial: wait on that, not on the server.
    const counted = (n: number): Promise<void> => until(tunnel, 'count', () => tunnel.counts!.socketsRefused === n && refused() === n);
    // Each of the 6 extra sockets is refused, tried once more at once, refused again, then waits.
    await counted(12);
    const agent = new http.Agent({ keepAlive: true });
    cleanups.push(() => agent.destroy());
    const traffic = async (): Promise<void> => {
      for (let i = 0; i < 10; i++) expect((await request(server, name, { body: 'x', agent }).answer).status).toBe(200);
    };
    await traffic();
    expect(refused()).toBe(12); // no re-dial before its wait is over
    vi.advanceTimersByTime(250);
    await counted(18);
    vi.advanceTimersByTime(250);
    await traffic();
    expect(refused()).toBe(18); // the next wait is twice as long
    vi.advanceTimersByTime(250);
    await counted(24);
  });

  it('answers 504 and counts it when the receiver does not answer in time', async () => {
    const { server, receiver, tunnel, name } = await setUp({}, { forwardTimeoutMs: 200 });
    const counted = new Promise((ok) => tunnel.once('count', ok));
    expect((await request(server, name, { path: '/hang', body: 'x' }).answer).status).toBe(504);
    expect(await counted).toBe('forwardTimeouts');
    expect(tunnel.counts).toMatchObject({ forwardTimeouts: 1, forwardErrors: 0 });
    expect(receiver.seen).toBe(1);
  });

  it('answers 502 and counts it when the receiver is not there', async () => {
    const server = new TestTunnelServer({ graceMs: 100 });
    await server.start();
    cleanups.push(() => server.close());
    const gone = net.createServer();
    await new Promise<void>((ok) => gone.listen(0, '127.0.0.1', () => ok()));
    const port = (gone.address() as net.AddressInfo).port;
    await new Promise((ok) => gone.close(ok));
    const tunnel = await openTunnel({ host: server.url, localPort: port, fetch: server.fetchVia(), signal: AbortSignal.timeout(5000) });
    cleanups.push(() => tunnel.close());
    await until(server, 'socket', () => server.sockets(tunnel.info.id)!.open === tunnel.info.maxConn);
    expect((await request(server, tunnel.info.id, { body: 'x' }).answer).status).toBe(502);
    expect(tunnel.counts).toMatchObject({ forwardErrors: 1, forwardTimeouts: 0 });
  });

  it('cuts a request whose body does not arrive in time (408) and dials its socket again', async () => {
    const { server, tunnel, name } = await setUp({}, { requestDeadlineMs: 300, slowAfterMs: 60_000 });
    const before = server.sockets(name)!.accepted;
    const slow = request(server, name, { body: 'order=', hold: true });
    cleanups.push(slow.abort);
    expect((await slow.answer).status).toBe(408);
    expect(tunnel.counts?.slowCut).toBe(1);
    await until(server, 'socket', () => server.sockets(name)!.accepted > before && server.sockets(name)!.open === 10);
  });

  it('slow uploads on every socket cannot starve a normal push: the oldest are cut to keep the reserve', async () => {
    const { server, receiver, tunnel, name } = await setUp({}, { requestDeadlineMs: 60_000, slowAfterMs: 100, reserve: 2 });
    const slow = Array.from({ length: 10 }, () => request(server, name, { body: 'order=', hold: true }));
    for (const s of slow) cleanups.push(s.abort);
    await until(receiver, 'request', () => receiver.seen === 10); // every socket holds one
    const done: number[] = [];
    for (const s of slow) s.answer.then((a) => done.push(a.status), () => undefined);
    const push = await request(server, name, { body: 'order=1' }).answer;
    expect(push).toEqual({ status: 200, body: 'ok 7' });
    // Exactly two are cut (the second may still be on its way); the other eight go on.
    await until(tunnel, 'count', () => tunnel.counts!.slowCut === 2);
    await expect.poll(() => done).toEqual([408, 408]);
    expect(tunnel.counts?.slowCut).toBe(2);
  });

  it('the tunnel server never answers a forward that failed: the request hangs', async () => {
    const server = new TestTunnelServer({ graceMs: 100 });
    await server.start();
    cleanups.push(() => server.close());
    const hello = await server.fetchVia()(`${server.url}/dropper`, { headers: {}, signal: AbortSignal.timeout(5000) });
    const { port } = JSON.parse(await hello.text()) as { port: number };
    // A tunnel client that drops its socket as soon as a request arrives.
    const sock = net.connect({ host: '127.0.0.1', port });
    sock.on('data', () => sock.destroy());
    sock.on('error', () => undefined);
    await until(server, 'socket', () => server.sockets('dropper')?.open === 1);
    let answered = false;
    const r = request(server, 'dropper', { body: 'x' });
    cleanups.push(r.abort);
    r.answer.then(
      () => (answered = true),
      () => undefined,
    );
    await until(server, 'hung', () => server.hung === 1);
    // A full round trip to the server later, still no answer for the failed forward.
    const later = await server.fetchVia()(`${server.url}/not/a/tunnel`, { headers: {}, signal: AbortSignal.timeout(5000) });
    expect(later.status).toBe(404);
    expect(answered).toBe(false);
  });
});
