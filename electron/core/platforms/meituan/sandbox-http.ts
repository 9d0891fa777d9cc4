/**
 * Small HTTP helpers for the sandbox server (node:http, no framework: the sandbox must see
 * query and body exactly as sent to verify signatures over their union, README.md here, "API").
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge(`body over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Union of query and form-body parameters, decoded once (README.md here, "Pushes"). The body is read as a
 * form whatever the declared content type or charset (lenient, like the legacy server);
 * on a name present in both, the first one seen (query) wins.
 */
export function collectParams(query: URLSearchParams, body: string): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (p: URLSearchParams) => {
    for (const [k, v] of p) if (!(k in out)) out[k] = v;
  };
  add(query);
  if (body.trim()) add(new URLSearchParams(body));
  return out;
}

export function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

export function sendJson(res: ServerResponse, body: string): void {
  // Legacy API: HTTP 200 even for errors (README.md here, "API").
  send(res, 200, 'application/json;charset=utf-8', body);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  send(res, status, 'text/html;charset=utf-8', html);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
