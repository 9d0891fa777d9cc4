/**
 * Outgoing callbacks of the sandbox: form POSTs with re-push on anything but the expected answer
 * (README.md here, "Pushes" and "Binding"). Meituan's real schedule is not published, so the
 * delays are an option. Every timer and request is tracked so stop() leaves nothing behind, and
 * a dead receiver never produces an unhandled rejection: failures are results, not throws.
 */
import http from 'node:http';
import https from 'node:https';

/** Order pushes want `{"data":"OK"}`; binding callbacks want `{"data":"success"}` (README.md here, "Pushes"). */
export type PushExpect = 'OK' | 'success';

export interface PushResult {
  ok: boolean;
  attempts: number;
  /** Body of the last answer, null when no answer came (refused, timeout). */
  answer: string | null;
  gaveUp: boolean;
  /** stop() was called while the push was pending. */
  cancelled: boolean;
}

export interface PushEvent {
  path: string;
  url: string;
  fields: Record<string, string>;
  attempt: number;
  answer: string | null;
  httpStatus: number | null;
  error: string | null;
  ok: boolean;
  duplicate: boolean;
}

export interface PushDelivery {
  /** Settles after the first attempt: true when it was answered with success. */
  firstAttempt: Promise<boolean>;
  /** Settles when delivered, given up or cancelled. Never rejects. */
  done: Promise<PushResult>;
}

interface Answer {
  status: number | null;
  body: string | null;
  error: string | null;
}

const MAX_ANSWER_BYTES = 64 * 1024;

/** Lenient on case only: `{"data":"ok"}` passes, `{"data":"NOT OK"}` or `OK` (not JSON) do not. */
export function isSuccessAnswer(body: string | null, expect: PushExpect): boolean {
  if (body === null) return false;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
    const data = (parsed as Record<string, unknown>)['data'];
    return typeof data === 'string' && data.toLowerCase() === expect.toLowerCase();
  } catch {
    return false;
  }
}

function parseUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

export class Pusher {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly requests = new Set<http.ClientRequest>();
  /** Wakes sleeping retry loops on stop(). */
  private readonly sleepers = new Set<() => void>();
  private stopped = false;

  constructor(
    private readonly opts: {
      retryDelaysMs: readonly number[];
      timeoutMs: number;
      emit: (event: 'push' | 'push-ok' | 'push-gave-up', payload: Record<string, unknown>) => void;
    },
  ) {}

  start(): void {
    this.stopped = false;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  /** `url` may be a function: resolved at each attempt, so a receiver that starts later is found on retry. */
  send(
    url: string | (() => string),
    fields: Record<string, string>,
    expect: PushExpect,
    duplicate = false,
  ): PushDelivery {
    let resolveFirst: (ok: boolean) => void = () => undefined;
    const firstAttempt = new Promise<boolean>((r) => (resolveFirst = r));
    const done = this.run(typeof url === 'string' ? () => url : url, fields, expect, duplicate, resolveFirst);
    return { firstAttempt, done };
  }

  /** Cancel every pending retry and abort every request in flight. */
  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const wake of [...this.sleepers]) wake();
    for (const req of [...this.requests]) req.destroy(new Error('sandbox stopped'));
  }

  private async run(
    urlOf: () => string,
    fields: Record<string, string>,
    expect: PushExpect,
    duplicate: boolean,
    resolveFirst: (ok: boolean) => void,
  ): Promise<PushResult> {
    const body = new URLSearchParams(fields).toString();
    let answer: Answer = { status: null, body: null, error: null };
    for (let attempt = 1; ; attempt++) {
      if (this.stopped) {
        resolveFirst(false);
        return { ok: false, attempts: attempt - 1, answer: answer.body, gaveUp: false, cancelled: true };
      }
      const url = parseUrl(urlOf());
      const base = { path: url?.pathname ?? '', url: url?.toString() ?? urlOf(), fields, duplicate };
      answer = url ? await this.post(url, body) : { status: null, body: null, error: `bad URL ${base.url}` };
      if (this.stopped) continue; // answered by the loop head: an aborted request is not a failure
      const ok = answer.status === 200 && isSuccessAnswer(answer.body, expect);
      const ev: PushEvent = {
        ...base,
        attempt,
        answer: answer.body,
        httpStatus: answer.status,
        error: answer.error,
        ok,
      };
      this.opts.emit('push', { ...ev });
      if (attempt === 1) resolveFirst(ok);
      if (ok) {
        this.opts.emit('push-ok', { ...base, attempts: attempt });
        return { ok: true, attempts: attempt, answer: answer.body, gaveUp: false, cancelled: false };
      }
      const delay = this.opts.retryDelaysMs[attempt - 1];
      if (delay === undefined) {
        this.opts.emit('push-gave-up', {
          ...base,
          attempts: attempt,
          answer: answer.body,
          error: answer.error,
        });
        return { ok: false, attempts: attempt, answer: answer.body, gaveUp: true, cancelled: false };
      }
      await this.sleep(delay);
    }
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

  private post(url: URL, body: string): Promise<Answer> {
    return new Promise((resolve) => {
      let settled = false;
      const finish = (a: Answer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.timers.delete(timer);
        this.requests.delete(req);
        resolve(a);
      };
      const client = url.protocol === 'https:' ? https : http;
      // agent:false + Connection: close — one socket per push, nothing kept alive after stop().
      const req = client.request(
        url,
        {
          method: 'POST',
          agent: false,
          headers: {
            'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
            'content-length': Buffer.byteLength(body),
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
          res.on('end', () =>
            finish({
              status: res.statusCode ?? null,
              body: Buffer.concat(chunks).toString('utf8'),
              error: null,
            }),
          );
          res.on('error', (e) => finish({ status: res.statusCode ?? null, body: null, error: e.message }));
          res.on('close', () =>
            finish({ status: res.statusCode ?? null, body: null, error: 'connection closed' }),
          );
        },
      );
      const timer = setTimeout(
        () => req.destroy(new Error(`no answer within ${this.opts.timeoutMs} ms`)),
        this.opts.timeoutMs,
      );
      this.timers.add(timer);
      this.requests.add(req);
      req.on('error', (e) => finish({ status: null, body: null, error: e.message }));
      req.end(body);
    });
  }
}
