/**
 * Outgoing pushes of the Eleme sandbox: a JSON POST re-sent until the receiver answers HTTP 200
 * with `{"message":"ok"}`, then given up and kept for the failed-push pull. The platform's real
 * retry schedule is not published, so the delays are an option. Every timer and request is
 * tracked, so stop() leaves nothing behind; failures are results, never throws.
 *
 * The engine itself knows nothing of Eleme beyond the success test passed in: it is the same
 * push-with-retry loop any sandbox needs.
 */
import http from 'node:http';
import https from 'node:https';

export interface PushResult {
  ok: boolean;
  attempts: number;
  /** Body of the last answer, null when none came (refused, timeout). */
  answer: string | null;
  gaveUp: boolean;
  /** stop() was called while the push was pending. */
  cancelled: boolean;
}

export interface PushAttempt {
  url: string;
  body: string;
  attempt: number;
  answer: string | null;
  httpStatus: number | null;
  error: string | null;
  ok: boolean;
  duplicate: boolean;
}

export interface OutgoingPush {
  url: () => string;
  method: 'POST' | 'GET';
  body: string;
  contentType: string;
  /** Whether this answer counts as delivered. */
  accepted: (status: number | null, body: string | null) => boolean;
  duplicate?: boolean;
}

const MAX_ANSWER_BYTES = 64 * 1024;

/** Eleme's success answer: HTTP 200 and a JSON object whose `message` is `ok` (lower case documented; case tolerated). */
export function isElemeOk(status: number | null, body: string | null): boolean {
  if (status !== 200 || body === null) return false;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
    const message = (parsed as Record<string, unknown>)['message'];
    return typeof message === 'string' && message.toLowerCase() === 'ok';
  } catch {
    return false;
  }
}

export class PushEngine {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly requests = new Set<http.ClientRequest>();
  private readonly sleepers = new Set<() => void>();
  private stopped = false;

  constructor(
    private readonly opts: {
      retryDelaysMs: readonly number[];
      timeoutMs: number;
      onAttempt: (a: PushAttempt) => void;
    },
  ) {}

  start(): void {
    this.stopped = false;
  }

  /** Resolves when delivered, given up or cancelled. Never rejects. */
  async send(push: OutgoingPush): Promise<PushResult> {
    let last: { status: number | null; body: string | null; error: string | null } = { status: null, body: null, error: null };
    for (let attempt = 1; ; attempt++) {
      if (this.stopped) return { ok: false, attempts: attempt - 1, answer: last.body, gaveUp: false, cancelled: true };
      const urlText = push.url();
      let url: URL | null;
      try {
        url = new URL(urlText);
      } catch {
        url = null;
      }
      last = url ? await this.request(url, push) : { status: null, body: null, error: `bad URL ${urlText}` };
      if (this.stopped) continue;
      const ok = push.accepted(last.status, last.body);
      this.opts.onAttempt({
        url: urlText,
        body: push.body,
        attempt,
        answer: last.body,
        httpStatus: last.status,
        error: last.error,
        ok,
        duplicate: push.duplicate ?? false,
      });
      if (ok) return { ok: true, attempts: attempt, answer: last.body, gaveUp: false, cancelled: false };
      const delay = this.opts.retryDelaysMs[attempt - 1];
      if (delay === undefined) return { ok: false, attempts: attempt, answer: last.body, gaveUp: true, cancelled: false };
      await this.sleep(delay);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const wake of [...this.sleepers]) wake();
    for (const req of [...this.requests]) req.destroy(new Error('sandbox stopped'));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.timers.delete(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.timers.add(timer);
      this.sleepers.add(wake);
    });
  }

  private request(url: URL, push: OutgoingPush): Promise<{ status: number | null; body: string | null; error: string | null }> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (a: { status: number | null; body: string | null; error: string | null }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.timers.delete(timer);
        this.requests.delete(req);
        resolve(a);
      };
      const client = url.protocol === 'https:' ? https : http;
      const hasBody = push.method === 'POST';
      const req = client.request(
        url,
        {
          method: push.method,
          agent: false,
          headers: {
            ...(hasBody ? { 'content-type': push.contentType, 'content-length': Buffer.byteLength(push.body) } : {}),
            connection: 'close',
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size <= MAX_ANSWER_BYTES) chunks.push(c);
          });
          res.on('end', () => finish({ status: res.statusCode ?? null, body: Buffer.concat(chunks).toString('utf8'), error: null }));
          res.on('error', (e) => finish({ status: res.statusCode ?? null, body: null, error: e.message }));
          res.on('close', () => finish({ status: res.statusCode ?? null, body: null, error: 'connection closed' }));
        },
      );
      const timer = setTimeout(() => req.destroy(new Error(`no answer within ${this.opts.timeoutMs} ms`)), this.opts.timeoutMs);
      this.timers.add(timer);
      this.requests.add(req);
      req.on('error', (e) => finish({ status: null, body: null, error: e.message }));
      req.end(hasBody ? push.body : undefined);
    });
  }
}
