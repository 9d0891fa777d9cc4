/**
 * Store tokens of the sandbox: one appAuthToken per bound ePoiId (README.md here, "Binding": the
 * legacy token lives until unbinding), plus the bound/unbound callbacks that announce them.
 * Callback fields are exactly the 2017 wire capture for binding (no developerId, no sign) and
 * the unbind callback described in "Binding"; both expect `{"data":"success"}` and are
 * re-posted like pushes otherwise.
 */
import { randomBytes } from 'node:crypto';
import type { PushDelivery, Pusher } from './sandbox-push.js';

export class StoreBindings {
  private readonly tokens = new Map<string, string>(); // ePoiId → appAuthToken
  private readonly stores = new Map<string, string>(); // appAuthToken → ePoiId

  constructor(
    private readonly deps: {
      developerId: string;
      /** Resolved at each attempt (the receiver may start after the sandbox). */
      receiverUrl: () => string;
      pusher: Pusher;
      emit: (event: 'bound' | 'unbound', payload: Record<string, string>) => void;
    },
  ) {}

  tokenFor(ePoiId: string): string | undefined {
    return this.tokens.get(ePoiId);
  }

  storeFor(token: string): string | undefined {
    return this.stores.get(token);
  }

  /** Every issued token as [ePoiId, token] (the sandbox's state file keeps them). */
  entries(): [string, string][] {
    return [...this.tokens.entries()];
  }

  /** Take tokens issued before a restart back, silently (no callback: the desk already has them). */
  restore(entries: [string, string][]): void {
    for (const [ePoiId, token] of entries) {
      this.tokens.set(ePoiId, token);
      this.stores.set(token, ePoiId);
    }
  }

  /** A fresh random token (64 hex chars) for the store; a previous one stops working. */
  issue(ePoiId: string, callbackUrl?: string): { token: string; delivery: PushDelivery } {
    const old = this.tokens.get(ePoiId);
    if (old !== undefined) this.stores.delete(old);
    const token = randomBytes(32).toString('hex');
    this.tokens.set(ePoiId, token);
    this.stores.set(token, ePoiId);
    this.deps.emit('bound', { ePoiId, token });
    const fields = { ePoiId, appAuthToken: token, businessId: '2', timestamp: String(Date.now()) };
    const url = callbackUrl ?? (() => `${this.deps.receiverUrl()}/meituan/store/bound`);
    return { token, delivery: this.deps.pusher.send(url, fields, 'success') };
  }

  /** Revoke a token; undefined when it is not (or no longer) issued. */
  revoke(token: string, callbackUrl?: string): { ePoiId: string; delivery: PushDelivery } | undefined {
    const ePoiId = this.stores.get(token);
    if (ePoiId === undefined) return undefined;
    this.stores.delete(token);
    this.tokens.delete(ePoiId);
    this.deps.emit('unbound', { ePoiId });
    const fields = {
      businessId: '2',
      developerId: this.deps.developerId,
      timestamp: String(Date.now()),
      ePoiId,
    };
    const url = callbackUrl ?? (() => `${this.deps.receiverUrl()}/meituan/store/unbound`);
    return { ePoiId, delivery: this.deps.pusher.send(url, fields, 'success') };
  }
}
