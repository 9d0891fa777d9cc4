/**
 * Meituan's side of the sandbox's outgoing callbacks: form POSTs, re-pushed on anything but the
 * expected answer (README.md here, "Pushes" and "Binding"), through the shared push engine.
 * Meituan's real schedule is not published, so the delays are an option.
 */
import { answerField, isTextLike, PushEngine, type PushAttempt, type PushResult } from '../common/sandbox-push-engine.js';

export type { PushResult } from '../common/sandbox-push-engine.js';

/** Order pushes want `{"data":"OK"}`; binding callbacks want `{"data":"success"}` (README.md here, "Pushes"). */
export type PushExpect = 'OK' | 'success';

/** One attempt as the sandbox's 'push' event tells it: the form fields instead of the encoded body. */
export interface PushEvent extends Omit<PushAttempt, 'body'> {
  path: string;
  fields: Record<string, string>;
}

export interface PushDelivery {
  /** Settles after the first attempt: true when it was answered with success. */
  firstAttempt: Promise<boolean>;
  /** Settles when delivered, given up or cancelled. Never rejects. */
  done: Promise<PushResult>;
}

/** Lenient on case only: `{"data":"ok"}` passes, `{"data":"NOT OK"}` or `OK` (not JSON) do not. */
export function isSuccessAnswer(body: string | null, expect: PushExpect): boolean {
  return isTextLike(answerField(body, 'data'), expect);
}

export class Pusher {
  private readonly engine: PushEngine;

  constructor(
    private readonly opts: {
      retryDelaysMs: readonly number[];
      timeoutMs: number;
      emit: (event: 'push' | 'push-ok' | 'push-gave-up', payload: Record<string, unknown>) => void;
    },
  ) {
    this.engine = new PushEngine({ retryDelaysMs: opts.retryDelaysMs, timeoutMs: opts.timeoutMs });
  }

  start(): void {
    this.engine.start();
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
    const done = this.engine.send({
      url: typeof url === 'string' ? () => url : url,
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
      accepted: (status, body) => status === 200 && isSuccessAnswer(body, expect),
      duplicate,
      onAttempt: (a, step) => {
        const base = { path: step.target?.pathname ?? '', url: step.target?.toString() ?? a.url, fields, duplicate };
        const ev: PushEvent = { ...base, attempt: a.attempt, answer: a.answer, httpStatus: a.httpStatus, error: a.error, ok: a.ok };
        this.opts.emit('push', { ...ev });
        if (a.attempt === 1) resolveFirst(a.ok);
        if (a.ok) this.opts.emit('push-ok', { ...base, attempts: a.attempt });
        else if (step.last) this.opts.emit('push-gave-up', { ...base, attempts: a.attempt, answer: a.answer, error: a.error });
      },
    });
    // Cancelled before any attempt was answered: the first attempt did not succeed.
    void done.then(() => resolveFirst(false));
    return { firstAttempt, done };
  }

  /** Cancel every pending retry and abort every request in flight. */
  stop(): void {
    this.engine.stop();
  }
}
