/**
 * A localtunnel server for tests that behaves like the reference one (electron/core/tunnel/
 * README.md, "The server as it behaves"), loopback only. `GET /?new` and `GET /:name` hand out
 * tunnels; a taken name gets a random one instead; each client gets its own TCP listener that
 * accepts `maxConn` sockets and drops any more at once (while announcing `announce`); public
 * requests are routed by the Host header's first label (`<name>.<domain>`) and forwarded over
 * an idle socket by an http.Agent whose connections are those sockets, as the reference
 * server's TunnelAgent: no idle socket → the request waits; a request carrying
 * `Connection: close` costs its socket; after a burst only one free socket is kept, the
 * others are dropped; and a forward that fails is never answered — the request just hangs
 * (`hung` counts them).
 * Tests cannot resolve `name.localtest`, so they connect to 127.0.0.1:<port> and send the Host
 * header (`fetchVia`), or push through a `HostShim` that adds it.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { httpGet, type TunnelFetch } from '../../electron/core/tunnel/http-get.js';

/** How long the reference server keeps a new tunnel's name before its first socket arrives. */
const FIRST_CONNECT_GRACE_MS = 1000;

const NAME = /^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/;

interface Client {
  name: string;
  tcp: net.Server;
  port: number;
  sockets: Set<net.Socket>;
  idle: net.Socket[];
  waiting: ((s: net.Socket) => void)[];
  agent: http.Agent;
  grace: NodeJS.Timeout | null;
  /** Sockets accepted over the client's life, and sockets dropped for being over `maxConn`. */
  accepted: number;
  refused: number;
}

export interface TunnelServerOptions {
  domain?: string;
  /** Sockets accepted per client (the reference server: 10, whatever it announces). */
  maxConn?: number;
  /** `max_conn_count` in the handshake (the reference server: its `--max-sockets`); default `maxConn`. */
  announce?: number;
  /** How long a name outlives its last socket. */
  graceMs?: number;
}

type ServerEvents = { socket: [name: string]; refused: [name: string]; hung: [name: string] };

export class TestTunnelServer extends EventEmitter<ServerEvents> {
  private http: http.Server | null = null;
  private port_ = 0;
  private readonly clients = new Map<string, Client>();
  private readonly publicConns = new Set<net.Socket>();
  readonly domain: string;
  /** Every public request the server routed, by name (what the tests count). */
  readonly forwarded: string[] = [];
  /** Public requests left without an answer because forwarding failed. */
  hung = 0;

  constructor(private readonly o: TunnelServerOptions = {}) {
    super();
    this.domain = o.domain ?? 'localtest';
  }

  /** A tunnel's sockets now, accepted over its life, and dropped for being over the limit. */
  sockets(name: string): { open: number; accepted: number; refused: number } | null {
    const c = this.clients.get(name);
    return c ? { open: c.sockets.size, accepted: c.accepted, refused: c.refused } : null;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port_}`;
  }

  get port(): number {
    return this.port_;
  }

  /** Listen — again on the same port after `kill()`/`close()`. */
  async start(): Promise<void> {
    const server = http.createServer((req, res) => void this.handle(req, res));
    server.on('connection', (s) => {
      this.publicConns.add(s);
      s.once('close', () => this.publicConns.delete(s));
    });
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(this.port_, '127.0.0.1', () => ok());
    });
    this.port_ = (server.address() as net.AddressInfo).port;
    this.http = server;
  }

  /** A crash: every socket dropped at once, every name forgotten. */
  async kill(): Promise<void> {
    for (const c of this.clients.values()) this.drop(c);
    for (const s of this.publicConns) s.destroy();
    const server = this.http;
    this.http = null;
    if (server) await new Promise<void>((ok) => server.close(() => ok()));
  }

  close(): Promise<void> {
    return this.kill();
  }

  /** A fetch that reaches this server's public names over loopback (Host header kept). */
  fetchVia(): TunnelFetch {
    return (url, init) => httpGet(url, init, { host: '127.0.0.1', port: this.port_ });
  }

  private nameOf(host: string | undefined): string | null {
    const h = (host ?? '').replace(/:\d+$/, '');
    return h.endsWith(`.${this.domain}`) ? h.slice(0, -(this.domain.length + 1)).split('.').pop()! : null;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const name = this.nameOf(req.headers.host);
    if (name !== null) {
      const client = this.clients.get(name);
      if (!client) return void res.writeHead(404).end('404');
      this.forwarded.push(name);
      return this.forward(client, req, res);
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const wanted = url.pathname.slice(1);
    if (req.method !== 'GET' || (!url.searchParams.has('new') && (wanted === '' || wanted.includes('/')))) return void res.writeHead(404).end('404');
    if (wanted && !url.searchParams.has('new') && !NAME.test(wanted)) {
      return void res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Invalid subdomain. Subdomains must be lowercase and between 4 and 63 alphanumeric characters.' }));
    }
    const id = wanted && !url.searchParams.has('new') && !this.clients.has(wanted) ? wanted : randomBytes(5).toString('hex');
    const client = await this.newClient(id);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id, port: client.port, max_conn_count: this.o.announce ?? this.o.maxConn ?? 10, url: `http://${id}.${this.domain}:${this.port_}` }));
  }

  private async newClient(name: string): Promise<Client> {
    const tcp = net.createServer();
    // maxFreeSockets 1, as the reference server: after a burst all free sockets but one are closed.
    const agent = new http.Agent({ keepAlive: true, maxFreeSockets: 1 });
    const client: Client = { name, tcp, port: 0, sockets: new Set(), idle: [], waiting: [], agent, grace: null, accepted: 0, refused: 0 };
    // The agent's connections are the client's pooled sockets: hand out an idle one, or wait.
    (agent as unknown as { createConnection: unknown }).createConnection = (_opts: unknown, cb: (err: Error | null, s?: net.Socket) => void) => {
      const s = client.idle.shift();
      if (s) cb(null, s);
      else client.waiting.push((sock) => cb(null, sock));
    };
    tcp.on('connection', (s) => {
      if (client.sockets.size >= (this.o.maxConn ?? 10)) {
        client.refused++;
        s.destroy();
        return void this.emit('refused', name);
      }
      client.accepted++;
      if (client.grace) clearTimeout(client.grace);
      client.grace = null;
      client.sockets.add(s);
      s.on('error', () => undefined);
      s.once('close', () => {
        client.sockets.delete(s);
        client.idle = client.idle.filter((x) => x !== s);
        if (client.sockets.size === 0) this.startGrace(client);
      });
      const waiter = client.waiting.shift();
      if (waiter) waiter(s);
      else client.idle.push(s);
      this.emit('socket', name);
    });
    await new Promise<void>((ok) => tcp.listen(0, '127.0.0.1', () => ok()));
    client.port = (tcp.address() as net.AddressInfo).port;
    this.clients.set(name, client);
    // A client that never connects loses its name too, after the reference server's second at
    // least: a short `graceMs` is for names freed by a closed tunnel, and a loaded machine may
    // take longer than that to dial the first socket.
    this.startGrace(client, Math.max(this.o.graceMs ?? 1000, FIRST_CONNECT_GRACE_MS));
    return client;
  }

  private startGrace(client: Client, ms = this.o.graceMs ?? 1000): void {
    if (client.grace) clearTimeout(client.grace);
    client.grace = setTimeout(() => {
      if (client.sockets.size === 0 && this.clients.get(client.name) === client) this.drop(client);
    }, ms);
  }

  private drop(client: Client): void {
    if (client.grace) clearTimeout(client.grace);
    this.clients.delete(client.name);
    for (const s of client.sockets) s.destroy();
    client.agent.destroy();
    client.tcp.close();
  }

  private forward(client: Client, req: http.IncomingMessage, res: http.ServerResponse): void {
    const out = http.request({ agent: client.agent, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    // As the reference server: a failed forward is never answered (no 502); the platform waits.
    out.on('error', () => {
      this.hung++;
      this.emit('hung', client.name);
    });
    req.pipe(out);
  }
}

/**
 * A plain loopback URL for clients that cannot send a Host header (the sandbox's fetch): every
 * request is passed on to the tunnel server with `Host` set to the current public URL's host.
 */
export class HostShim {
  private server: http.Server | null = null;
  url = '';

  constructor(
    private readonly tunnelPort: () => number,
    private readonly publicUrl: () => string | null,
  ) {}

  async start(): Promise<void> {
    const server = http.createServer((req, res) => {
      const pub = this.publicUrl();
      if (!pub) return void res.writeHead(503).end('no tunnel');
      const out = http.request({ host: '127.0.0.1', port: this.tunnelPort(), method: req.method, path: req.url, headers: { ...req.headers, host: new URL(pub).host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      // The tunnel server unreachable: what a platform sees is a failed connection.
      out.on('error', () => res.destroy());
      req.pipe(out);
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((ok) => s.close(() => ok()));
  }
}
