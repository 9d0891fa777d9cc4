/**
 * The one HTTP call shape the tunnel needs: GET with headers and an abort signal, answering
 * status and body text. Node's http/https rather than global `fetch`, because fetch drops a
 * `Host` header — and tests reach a tunnel's public name (`name.localtest`) on loopback by
 * sending exactly that header (test/support/tunnel-server.ts).
 */
import http from 'node:http';
import https from 'node:https';
import { lookup as dnsLookup } from 'node:dns';

export interface TunnelResponse {
  status: number;
  text(): Promise<string>;
}
export type TunnelFetch = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<TunnelResponse>;

/** Where to open the TCP connection instead of the URL's host (the Host header stays the URL's). */
export interface Via {
  host: string;
  port: number;
}

/** Answers beyond this are not a tunnel handshake or a health nonce: refuse to buffer them. */
const MAX_BODY = 64 * 1024;

/**
 * RFC 6761 §6.3: every `*.localhost` name is loopback. Resolvers differ on whether they know
 * that, so say it ourselves — a self-hosted tunnel server on this machine then just works.
 */
const lookup: typeof dnsLookup = ((hostname: string, options: unknown, cb: unknown) => {
  if (hostname === 'localhost' || hostname.endsWith('.localhost')) {
    const done = (typeof options === 'function' ? options : cb) as (...a: unknown[]) => void;
    const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all;
    process.nextTick(() => (all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)));
    return;
  }
  return (dnsLookup as (...a: unknown[]) => void)(hostname, options, cb);
}) as typeof dnsLookup;

export function httpGet(url: string, init: { headers: Record<string, string>; signal: AbortSignal }, via?: Via): Promise<TunnelResponse> {
  const u = new URL(url);
  const mod = u.protocol === 'https:' ? https : http;
  return new Promise<TunnelResponse>((resolve, reject) => {
    const req = mod.request(
      {
        method: 'GET',
        host: via?.host ?? u.hostname,
        port: via?.port ?? (u.port || undefined),
        path: u.pathname + u.search,
        headers: { host: u.host, ...init.headers },
        servername: u.hostname,
        signal: init.signal,
        lookup,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const body = new Promise<string>((ok, fail) => {
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size > MAX_BODY) res.destroy(new Error(`answer larger than ${MAX_BODY} bytes`));
            else chunks.push(c);
          });
          res.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
          res.on('error', fail);
        });
        body.catch(() => undefined); // read or not, a failed body must not be an unhandled rejection
        resolve({ status: res.statusCode ?? 0, text: () => body });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The default: straight to the URL's host. */
export const defaultTunnelFetch: TunnelFetch = (url, init) => httpGet(url, init);
