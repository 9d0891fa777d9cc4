/**
 * Eleme OAuth (README-outbound.md here, "Authorization"): the authorize page address with a
 * one-time `state`, the code exchange, the refresh grant (refresh tokens rotate: store what
 * comes back before using it), the client-credentials grant, and the whole binding step
 * (code → tokens → the account and its shops).
 *
 * Token endpoint: `POST {host}/token`, HTTP Basic with appKey:appSecret, a form body; answers
 * `{access_token, token_type, expires_in, refresh_token}` or `{error, error_description}`.
 */
import { randomBytes } from 'node:crypto';
import type { ShopGrant, TokenGrant } from '../../storage/credentials.js';
import { asRecord, numberOf, parseJsonExact, prop, text } from '../common/exact-json.js';

export const ELEME_PRODUCTION_HOST = 'https://open-api.shop.ele.me';
export const ELEME_SANDBOX_HOST = 'https://open-api-sandbox.shop.ele.me';
const DEFAULT_TIMEOUT_MS = 8000;

/** The host for the config section: `apiBase` when set, else the sandbox or production host. */
export function elemeHost(config: { apiBase?: string | undefined; sandbox?: boolean | undefined }): string {
  const base = config.apiBase?.trim() || (config.sandbox ? ELEME_SANDBOX_HOST : ELEME_PRODUCTION_HOST);
  return base.replace(/\/+$/, '');
}

export interface AuthorizeUrlOptions {
  host: string;
  appKey: string;
  /** Sent encoded, and sent again, identical, when the code is exchanged. */
  redirectUri: string;
  state: string;
  scope?: string;
}

export function authorizeUrl(o: AuthorizeUrlOptions): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: o.appKey,
    redirect_uri: o.redirectUri,
    scope: o.scope ?? 'all',
    state: o.state,
  });
  return `${o.host.replace(/\/+$/, '')}/authorize?${q.toString()}`;
}

/**
 * One-time `state` values for authorize links: each names what the link was opened for (the
 * store, the redirect address) and can be taken back once, within its time.
 */
export class OAuthStates<T> {
  private readonly pending = new Map<string, { value: T; until: number }>();

  constructor(
    private readonly ttlMs = 30 * 60 * 1000,
    private readonly now: () => number = Date.now,
    private readonly max = 100,
  ) {}

  issue(value: T): string {
    this.sweep();
    // Oldest first out when someone opens links without end.
    while (this.pending.size >= this.max) this.pending.delete(this.pending.keys().next().value as string);
    const state = randomBytes(18).toString('base64url');
    this.pending.set(state, { value, until: this.now() + this.ttlMs });
    return state;
  }

  /** The value the state was issued for; undefined when unknown, used already or expired. */
  take(state: string | null | undefined): T | undefined {
    if (!state) return undefined;
    const hit = this.pending.get(state);
    this.pending.delete(state);
    return hit && hit.until > this.now() ? hit.value : undefined;
  }

  private sweep(): void {
    const now = this.now();
    for (const [k, v] of this.pending) if (v.until <= now) this.pending.delete(k);
  }
}

/**
 * A failed token request. `definitive`: the platform refused the grant itself (the code or
 * refresh token is dead), so trying again cannot help and the shop must authorize again.
 */
export class ElemeOAuthError extends Error {
  override name = 'ElemeOAuthError';
  constructor(
    /** The OAuth `error` (`invalid_grant` …), or `network`, `timeout`, `http`, `bad_response`. */
    readonly error: string,
    message: string,
    readonly definitive: boolean,
  ) {
    super(message);
  }
}

/** OAuth errors that mean the grant (code or refresh token) is gone for good. */
const DEAD_GRANT = new Set(['invalid_grant', 'invalid_token', 'expired_token', 'unauthorized']);

export interface ElemeGrant extends TokenGrant {
  tokenType: string;
}

export interface ElemeOAuthOptions {
  host: string;
  appKey: string;
  appSecret: string;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

export class ElemeOAuth {
  private readonly fetchImpl: typeof globalThis.fetch;

  constructor(private readonly o: ElemeOAuthOptions) {
    this.fetchImpl = o.fetch ?? globalThis.fetch;
  }

  exchangeCode(code: string, redirectUri: string): Promise<ElemeGrant> {
    return this.token({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: this.o.appKey });
  }

  refresh(refreshToken: string): Promise<ElemeGrant> {
    return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken, scope: 'all' });
  }

  /** Personal apps: a token for the developer's own shops, no user step. */
  clientCredentials(): Promise<ElemeGrant> {
    return this.token({ grant_type: 'client_credentials' });
  }

  private async token(form: Record<string, string>): Promise<ElemeGrant> {
    const basic = Buffer.from(`${encodeURIComponent(this.o.appKey)}:${encodeURIComponent(this.o.appSecret)}`).toString('base64');
    const secrets = [this.o.appSecret, form['refresh_token'] ?? '', form['code'] ?? ''];
    const fail = (error: string, message: string, definitive = false) =>
      new ElemeOAuthError(error, scrub(`饿了么授权接口：${message}`, secrets), definitive);
    let status: number;
    let body: string;
    try {
      const res = await this.fetchImpl(`${this.o.host.replace(/\/+$/, '')}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${basic}`,
          'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
          accept: 'application/json',
        },
        body: new URLSearchParams(form).toString(),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      status = res.status;
      body = await res.text();
    } catch (err) {
      const e = err as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError') throw fail('timeout', '没有及时回答');
      throw fail('network', `无法连接（${e.message}）`);
    }
    let json: Record<string, unknown> | undefined;
    try {
      json = asRecord(parseJsonExact(body));
    } catch {
      json = undefined;
    }
    const error = json ? text(prop(json, 'error')) : '';
    if (error) {
      const description = text(prop(json!, 'error_description'));
      throw fail(error, `${error}${description ? ` ${description}` : ''}`, DEAD_GRANT.has(error));
    }
    if (status >= 500) throw fail('http', `HTTP ${status}`);
    const accessToken = json ? text(prop(json, 'access_token')) : '';
    if (status !== 200 || !json || !accessToken) throw fail('bad_response', `HTTP ${status}，回答里没有 access_token`);
    const refreshToken = text(prop(json, 'refresh_token'));
    const expires = numberOf(prop(json, 'expires_in'));
    return {
      accessToken,
      ...(refreshToken ? { refreshToken } : {}),
      expiresInSeconds: expires !== null && expires > 0 ? expires : null,
      tokenType: text(prop(json, 'token_type')) || 'Bearer',
    };
  }
}

/** The account behind a token and the shops it authorized (`eleme.user.getUser`). */
export interface ElemeAccount {
  /** Exact decimal text: merchant account ids exceed 2^53. */
  accountId: string;
  accountName: string;
  shops: ShopGrant[];
}

/**
 * The binding step after the authorize page came back with a code: exchange it, then ask who
 * authorized and for which shops. The caller keeps the result in the credential vault.
 */
export async function completeAuthorization(
  oauth: ElemeOAuth,
  getUser: (accessToken: string) => Promise<ElemeAccount>,
  code: string,
  redirectUri: string,
): Promise<{ grant: ElemeGrant; account: ElemeAccount }> {
  const grant = await oauth.exchangeCode(code, redirectUri);
  return { grant, account: await getUser(grant.accessToken) };
}

export function scrub(message: string, secrets: readonly string[]): string {
  let out = message;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
  return out;
}
