/**
 * A stand-in for Meituan Union's order callback (README.md here): it keeps a
 * few promotion orders and POSTs each status change as signed JSON, numbers written as JSON
 * numbers (decimals, ids beyond 2^53) so the receiver's raw-text signing is exercised. Union's
 * retry policy is not published, so the re-send delays are an option; every timer and request
 * is tracked so stop() leaves nothing running.
 */
import { EventEmitter } from 'node:events';
import { LosslessNumber, parse as parseLossless, stringify as stringifyLossless } from 'lossless-json';
import { DurableJsonFile } from '../../storage/durable-file.js';
import { PushEngine } from '../common/sandbox-push-engine.js';
import { UNION_PATH } from './routes.js';
import { jsonValueText, unionSign } from './sign.js';

type Value = string | LosslessNumber | number[];
export type UnionBody = Record<string, Value>;

export interface UnionOrderInput {
  orderid: string;
  sid: string;
  smstitle: string;
  quantity: number;
  /** Yuan as decimal text, e.g. '25.5'. */
  total: string;
  payPrice: string;
  /** Commission ratio as decimal text ('0.05'), '' for none. */
  ratio: string;
}

export interface UnionPushEvent {
  orderid: string;
  status: string;
  attempt: number;
  answer: string | null;
  ok: boolean;
  duplicate: boolean;
}

export interface UnionSandboxOptions {
  callbackSecret: string;
  receiverUrl: string | (() => string);
  /** Waits before each re-send; the number of entries bounds the retries. */
  retryDelaysMs?: number[];
  /** Chance that a delivered callback is sent once more, unchanged (Union re-pushes). */
  duplicateRate?: number;
  random?: () => number;
  requestTimeoutMs?: number;
  /**
   * Keep the orders in this JSON file (the desk's data folder), taken back by `restore()`, so a
   * restarted demo goes on completing and refunding the orders the desk already shows.
   */
  stateFile?: string;
}

/** The state file: each order as its exact JSON text (ids beyond 2^53 stay whole). */
interface UnionSnapshot {
  version: 1;
  seq: number;
  bodies: string[];
}

const isSnapshot = (v: unknown): boolean => {
  const s = v as Partial<UnionSnapshot> | null;
  return typeof s === 'object' && s !== null && s.version === 1 && typeof s.seq === 'number' && Array.isArray(s.bodies) && s.bodies.every((b) => typeof b === 'string');
};

const SIDS = ['group-01', 'group-02', 'mini-01', 'mini-02', 'app-07'];
const TITLES: [string, string][] = [
  ['湘北人家 双人套餐', '68.8'],
  ['湘北人家 剁椒鱼头单人餐', '32.5'],
  ['川味小馆 麻婆豆腐饭', '19.9'],
  ['川味小馆 水煮牛肉三人餐', '128'],
  ['茶饮 招牌奶茶两杯', '25'],
];

/** Success is errcode "0" — or 0: the sources disagree on string vs integer (PLATFORM 2, "Expected response"). */
export function isUnionOk(answer: string | null): boolean {
  if (answer === null) return false;
  try {
    const parsed = JSON.parse(answer) as { errcode?: unknown };
    return parsed.errcode === '0' || parsed.errcode === 0;
  } catch {
    return false;
  }
}

function num(text: string | number): LosslessNumber {
  return new LosslessNumber(String(text));
}

export class UnionSandbox extends EventEmitter<{ pushed: [UnionPushEvent]; 'push-gave-up': [UnionPushEvent] }> {
  private readonly orders = new Map<string, UnionBody>();
  private readonly engine: PushEngine;
  private demo: NodeJS.Timeout | null = null;
  private seq = 0;
  private readonly random: () => number;
  private readonly state: DurableJsonFile<UnionSnapshot> | null;

  constructor(private readonly opts: UnionSandboxOptions) {
    super();
    // A damaged file is moved aside by the adapter: the demo starts over, its data is made up.
    this.state = opts.stateFile ? new DurableJsonFile<UnionSnapshot>(opts.stateFile, { validate: isSnapshot, onCorrupt: () => undefined }) : null;
    this.random = opts.random ?? Math.random;
    this.engine = new PushEngine({ retryDelaysMs: opts.retryDelaysMs ?? [1000, 3000, 10_000], timeoutMs: opts.requestTimeoutMs ?? 5000 });
  }

  getOrder(orderid: string): UnionBody | undefined {
    return this.orders.get(orderid);
  }

  /** A new paid order (status 1); resolves with its id once the callback is delivered or given up. */
  async pushOrder(overrides: Partial<UnionOrderInput> = {}): Promise<string> {
    const [title, price] = TITLES[Math.floor(this.random() * TITLES.length)] ?? TITLES[0]!;
    // 19-digit ids, beyond 2^53, sent as JSON numbers: a float would lose the last digits.
    const orderid = overrides.orderid ?? `${7_100_000_000_000_000_000n + BigInt(Date.now() % 1e9) * 1000n + BigInt(++this.seq)}`;
    const total = overrides.total ?? price;
    const payPrice = overrides.payPrice ?? (Number(total) - (this.random() < 0.5 ? 3 : 0)).toFixed(1);
    const now = Math.floor(Date.now() / 1000);
    const body: UnionBody = {
      orderid: num(orderid),
      sid: overrides.sid ?? SIDS[Math.floor(this.random() * SIDS.length)] ?? 'group-01',
      status: num(1),
      smstitle: overrides.smstitle ?? title,
      quantity: num(overrides.quantity ?? 1),
      total: num(total),
      payPrice: num(payPrice),
      paytime: num(now),
      ordertime: num(now - 10),
      modTime: num(now),
      businessLine: num(2),
      subBusinessLine: num(1),
      actId: num(33),
      appkey: 'sandbox-media',
      uid: num(9001),
      tradeTypeList: [2, 3],
    };
    const ratio = overrides.ratio ?? '0.05';
    if (ratio !== '') body['ratio'] = ratio;
    this.orders.set(orderid, body);
    await this.persist();
    await this.send(body);
    return orderid;
  }

  async complete(orderid: string): Promise<boolean> {
    return this.change(orderid, { status: num(8) });
  }

  /** Status 9; refundType 1 full, 2 partial, 3 risk-control. */
  async refund(orderid: string, refundType: 1 | 2 | 3): Promise<boolean> {
    return this.change(orderid, { status: num(9), refundType: num(refundType) });
  }

  private async change(orderid: string, patch: UnionBody): Promise<boolean> {
    const prev = this.orders.get(orderid);
    if (!prev) throw new Error(`union sandbox: no order ${orderid}`);
    const next: UnionBody = { ...prev, ...patch, modTime: num(Math.floor(Date.now() / 1000)) };
    this.orders.set(orderid, next);
    await this.persist();
    return this.send(next);
  }

  /** Take back the orders the state file holds (nothing without one). */
  async restore(): Promise<void> {
    const snap = await this.state?.read();
    if (!snap) return;
    this.seq = Math.max(this.seq, snap.seq);
    for (const text of snap.bodies) {
      const body = parseLossless(text) as UnionBody;
      this.orders.set(jsonValueText(body['orderid']), body);
    }
  }

  /** On disk before the callback that announces the change; a failed save does not stop the demo. */
  private async persist(): Promise<void> {
    const bodies = [...this.orders.values()].map((b) => stringifyLossless(b) ?? '');
    await this.state?.write({ version: 1, seq: this.seq, bodies }).catch(() => undefined);
  }

  /** The exact JSON text for a body, signed with the callback secret. */
  signedJson(body: UnionBody): string {
    const fields = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, jsonValueText(v)]));
    return stringifyLossless({ ...body, sign: unionSign(this.opts.callbackSecret, fields) }) ?? '';
  }

  /** POST until answered ok or the retries run out; sometimes once more as a duplicate. */
  async send(body: UnionBody): Promise<boolean> {
    const json = this.signedJson(body);
    const ok = await this.deliver(body, json, false);
    if (ok && this.random() < (this.opts.duplicateRate ?? 0.1)) await this.deliver(body, json, true);
    return ok;
  }

  private async deliver(body: UnionBody, json: string, duplicate: boolean): Promise<boolean> {
    const orderid = jsonValueText(body['orderid']);
    const status = jsonValueText(body['status']);
    const result = await this.engine.send({
      url: () => {
        const base = typeof this.opts.receiverUrl === 'function' ? this.opts.receiverUrl() : this.opts.receiverUrl;
        return base === '' ? '' : base + UNION_PATH;
      },
      method: 'POST',
      body: json,
      contentType: 'application/json',
      accepted: (_status, answer) => isUnionOk(answer),
      duplicate,
      onAttempt: (a, step) => {
        const event: UnionPushEvent = { orderid, status, attempt: a.attempt, answer: a.answer, ok: a.ok, duplicate };
        this.emit('pushed', event);
        if (!a.ok && step.last) this.emit('push-gave-up', event);
      },
    });
    return result.ok;
  }

  /** Every interval: a new order, or a paid one completed, or (less often) a completed one refunded. */
  startDemo(o: { intervalMs: number; maxOrders: number }): void {
    this.stopDemo();
    let created = 0;
    const tick = (): void => {
      const all = [...this.orders.entries()];
      const paid = all.filter(([, b]) => jsonValueText(b['status']) === '1');
      const completed = all.filter(([, b]) => jsonValueText(b['status']) === '8');
      const r = this.random();
      const done = (): void => undefined;
      if (completed.length > 0 && r < 0.15) {
        const type = this.random() < 0.6 ? 1 : this.random() < 0.7 ? 2 : 3;
        void this.refund(completed[0]![0], type).then(done, done);
      } else if (paid.length > 0 && r < 0.5) void this.complete(paid[0]![0]).then(done, done);
      else if (created < o.maxOrders) {
        created++;
        void this.pushOrder().then(done, done);
      }
    };
    this.demo = setInterval(tick, o.intervalMs);
  }

  stopDemo(): void {
    if (this.demo) clearInterval(this.demo);
    this.demo = null;
  }

  /** Ends the demo, pending re-sends and requests in flight. */
  async stop(): Promise<void> {
    this.stopDemo();
    this.engine.stop();
    await Promise.resolve();
  }
}
