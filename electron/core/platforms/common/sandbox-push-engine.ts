/**
 * The sandboxes' outgoing pushes: an HTTP request re-sent until the receiver's answer counts as
 * delivered, then given up (platforms do not publish their retry schedules, so the delays are an
 * option). Every timer and request is tracked, so stop() leaves nothing behind, and a dead
 * receiver never produces an unhandled rejection: failures are results, never throws.
 *
 * It knows nothing of any platform: what the body is, how it is encoded and which answer counts
 * as success come with each push.
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

/** One attempt that got an answer or an error (an attempt cut short by stop() is not reported). */
export interface PushAttempt {
  /** The address as the push gave it at this attempt. */
  url: string;
  body: string;
  attempt: number;
  answer: string | null;
  httpStatus: number | null;
  error: string | null;
  ok: boolean;
  duplicate: boolean;
}

/** What the engine knows besides the attempt itself. */
export interface PushStep {
  /** The address parsed, null when it is not an http(s) URL (nothing was sent). */
  target: URL | null;
  /** No attempt follows this one: delivered, or the retries ran out. */
  last: boolean;
}

export interface OutgoingPush {
  /** Read at each attempt, so a receiver that starts later is found on retry. */
  url: () => string;
  method: 'POST' | 'GET';
  body: string;
  contentType: string;
  /** Whether this answer counts as delivered. */
  accepted: (status: number | null, body: string | null) => boolean;
  duplicate?: boolean;
  /** Called after each reported attempt of this push, after the engine's own `onAttempt`. */
  onAttempt?: (attempt: PushAttempt, step: PushStep) => void;
}

interface Answer {
  status: number | null;
  body: string | null;
  error: string | null;
}

const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * A top-level field of a JSON object answer (`message` of `{"message":"ok"}`); undefined when
 * there is no answer, it is not JSON or not an object.
 */
export function answerField(body: string | null, name: string): unknown {
  if (body === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    return Object.hasOwn(parsed, name) ? (parsed as Record<string, unknown>)[name] : undefined;
  } catch {
    return undefined;
  }
}

/** A string equal to `want` but for case (answers are compared leniently on case only). */
export function isTextLike(value: unknown, want: string): boolean {
  return typeof value === 'string' && value.toLowerCase() === want.toLowerCase();
}

function parseUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

export class PushEngine {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly requests = new Set<http.ClientRequest>();
  /** Wakes sleeping retry loops on stop(). */
  private readonly sleepers = new Set<() => void>();
  private stopped = false;

  constructor(
    private readonly opts: {
      /** Waits before each re-send; the number of entries bounds the retries. */
      retryDelaysMs: readonly number[];
      timeoutMs: number;
      onAttempt?: (attempt: PushAttempt, step: PushStep) => void;
    },
  ) {}

  start(): void {
    this.stopped = false;
  }

  /** Resolves when delivered, given up or cancelled. Never rejects. */
  async send(push: OutgoingPush): Promise<PushResult> {
    let last: Answer = { status: null, body: null, error: null };
    for (let attempt = 1; ; attempt++) {
      if (this.stopped) return { ok: false, attempts: attempt - 1, answer: last.body, gaveUp: false, cancelled: true };
      const urlText = push.url();
      const target = parseUrl(urlText);
      last = target ? await this.request(target, push) : { status: null, body: null, error: `bad URL ${urlText}` };
      if (this.stopped) continue; // answered by the loop head: an aborted request is not a failure
      const ok = push.accepted(last.status, last.body);
      const delay = ok ? undefined : this.opts.retryDelaysMs[attempt - 1];
      const report: PushAttempt = {
        url: urlText,
        body: push.body,
        attempt,
        answer: last.body,
        httpStatus: last.status,
        error: last.error,
        ok,
        duplicate: push.duplicate ?? false,
      };
      const step: PushStep = { target, last: delay === undefined };
      this.opts.onAttempt?.(report, step);
      push.onAttempt?.(report, step);
      if (ok) return { ok: true, attempts: attempt, answer: last.body, gaveUp: false, cancelled: false };
      if (delay === undefined) return { ok: false, attempts: attempt, answer: last.body, gaveUp: true, cancelled: false };
      await this.sleep(delay);
    }
  }

  /** Cancel every pending retry and abort every request in flight. */
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

  private request(url: URL, push: OutgoingPush): Promise<Answer> {
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
      const hasBody = push.method === 'POST';
      // agent:false + Connection: close — one socket per push, nothing kept alive after stop().
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
