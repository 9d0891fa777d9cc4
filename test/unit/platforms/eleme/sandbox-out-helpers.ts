/**
 * Test helpers for the Eleme outbound tests: a fake receiver for `/eleme/push` that records
 * every request (raw text, envelope fields as exact text) and answers as scripted, and waiting
 * on its events (never on sleeps).
 */
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLosslessNumber, parse } from 'lossless-json';

export interface PushSeen {
  method: string;
  raw: string;
  contentType: string;
  /** Top-level envelope values as text exactly as sent (numbers' digits, strings unquoted). */
  fields: Record<string, string>;
  /** Whether `userId` came as a JSON string. */
  userIdIsString: boolean;
  type: number;
  /** The `message` string parsed (numbers kept exact). */
  body: Record<string, unknown>;
}

export type Reply = { status?: number; body: string } | 'hang';

export class FakeElemeReceiver extends EventEmitter {
  readonly seen: PushSeen[] = [];
  private readonly scripted: Reply[] = [];
  private server: http.Server | null = null;
  url = '';

  script(...replies: Reply[]): void {
    this.scripted.push(...replies);
  }

  ofType(type: number): PushSeen[] {
    return this.seen.filter((p) => p.type === type);
  }

  /** Resolves with the first push (seen now or later) that passes `test`. */
  waitFor(test: (p: PushSeen) => boolean): Promise<PushSeen> {
    const hit = this.seen.find(test);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve) => {
      const on = (p: PushSeen) => {
        if (!test(p)) return;
        this.off('push', on);
        resolve(p);
      };
      this.on('push', on);
    });
  }

  async start(): Promise<void> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const fields: Record<string, string> = {};
        let userIdIsString = false;
        let body: Record<string, unknown> = {};
        try {
          const env = parse(raw) as Record<string, unknown>;
          for (const [k, v] of Object.entries(env)) fields[k] = isLosslessNumber(v) ? v.value : String(v);
          userIdIsString = typeof env['userId'] === 'string';
          body = parse(String(env['message'])) as Record<string, unknown>;
        } catch {
          // a GET check or a broken body: recorded raw
        }
        const rec: PushSeen = {
          method: req.method ?? '',
          raw,
          contentType: req.headers['content-type'] ?? '',
          fields,
          userIdIsString,
          type: Number(fields['type'] ?? NaN),
          body,
        };
        this.seen.push(rec);
        const reply = this.scripted.shift() ?? { body: '{"message":"ok"}' };
        if (reply !== 'hang') {
          res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
          res.end(reply.body);
        }
        this.emit('push', rec);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    await new Promise<void>((r) => {
      s.close(() => r());
      s.closeAllConnections();
    });
  }
}

/** The text of an exact JSON value (LosslessNumber digits, strings as they are). */
export function exact(v: unknown): string {
  return isLosslessNumber(v) ? v.value : typeof v === 'string' ? v : JSON.stringify(v);
}
