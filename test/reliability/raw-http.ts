/**
 * One HTTP/1.1 exchange over a raw socket, so a suite can send bytes no HTTP client would (a
 * truncated body, a broken request line, a header block of junk) and still read the answer.
 * The request should say `Connection: close`; the answer is whatever arrived before the server
 * closed, parsed leniently enough to judge.
 */
import net from 'node:net';

export interface RawAnswer {
  /** null: the connection closed (or timed out) before a status line arrived. */
  status: number | null;
  headers: Record<string, string>;
  body: Buffer;
  /** The answer declared more body than arrived, or its chunked body was cut. */
  cut: boolean;
  timedOut: boolean;
  ms: number;
}

export interface RawRequest {
  bytes: Buffer;
  /** Half-close after writing (a client that stops sending mid-body). */
  endAfterWrite?: boolean;
}

export function exchange(port: number, req: RawRequest, timeoutMs: number): Promise<RawAnswer> {
  const started = performance.now();
  return new Promise<RawAnswer>((resolve) => {
    const chunks: Buffer[] = [];
    let timedOut = false;
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.write(req.bytes, () => {
        if (req.endAfterWrite) socket.end();
      });
    });
    const timer = setTimeout(() => {
      timedOut = true;
      socket.destroy();
    }, timeoutMs);
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ ...parseAnswer(Buffer.concat(chunks)), timedOut, ms: performance.now() - started });
    });
  });
}

function parseAnswer(raw: Buffer): Omit<RawAnswer, 'timedOut' | 'ms'> {
  // Interim answers (100 Continue) come before the real one.
  while (/^HTTP\/1\.[01] 1\d\d /.test(raw.subarray(0, 16).toString('latin1')) && raw.indexOf('\r\n\r\n') >= 0) {
    raw = raw.subarray(raw.indexOf('\r\n\r\n') + 4);
  }
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return { status: null, headers: {}, body: Buffer.alloc(0), cut: raw.length > 0 };
  const [statusLine, ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = raw.subarray(end + 4);
  let cut = false;
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const out: Buffer[] = [];
    let rest = body;
    for (;;) {
      const eol = rest.indexOf('\r\n');
      const size = eol < 0 ? NaN : parseInt(rest.subarray(0, eol).toString('latin1'), 16);
      if (!Number.isFinite(size) || rest.length < eol + 2 + size) {
        cut = true;
        break;
      }
      if (size === 0) break;
      out.push(rest.subarray(eol + 2, eol + 2 + size));
      rest = rest.subarray(eol + 4 + size);
    }
    body = Buffer.concat(out);
  } else if (headers['content-length'] !== undefined) {
    const n = Number(headers['content-length']);
    cut = body.length < n;
    body = body.subarray(0, n);
  }
  return { status: m ? Number(m[1]) : null, headers, body, cut: cut || !m };
}

/** `METHOD target HTTP/1.1` + headers (+ Connection: close unless given) + body, as bytes. */
export function rawRequest(method: string, target: string, headers: [string, string][], body: Buffer | string = Buffer.alloc(0), opts: { contentLength?: number | null } = {}): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const all: [string, string][] = [['Host', '127.0.0.1'], ...headers];
  if (!all.some(([k]) => k.toLowerCase() === 'connection')) all.push(['Connection', 'close']);
  const length = opts.contentLength === undefined ? b.length : opts.contentLength;
  if (length !== null && !all.some(([k]) => k.toLowerCase() === 'content-length' || k.toLowerCase() === 'transfer-encoding')) {
    all.push(['Content-Length', String(length)]);
  }
  const head = `${method} ${target} HTTP/1.1\r\n${all.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), b]);
}
