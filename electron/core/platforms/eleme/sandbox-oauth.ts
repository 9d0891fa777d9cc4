/**
 * The Eleme sandbox's authorization: the authorize page (log in as the test merchant, pick the
 * shops, approve or refuse; the browser goes back to `redirect_uri` with `code` and `state`, or
 * with `error`), the token endpoint (HTTP Basic app credentials; authorization-code, refresh
 * and client-credentials grants; OAuth error bodies), and the grants behind the API's tokens.
 *
 * Refresh tokens rotate: a refresh answers a new pair, and the old refresh token keeps working
 * for a grace period (30 minutes by default) so a client that lost the answer can repeat it.
 * Lifetimes are options, so tests can make them short.
 */
import { randomBytes } from 'node:crypto';
import { sameSecret } from '../common/secure-compare.js';
import { escapeHtml as h } from '../common/sandbox-http.js';

export interface SandboxShop {
  shopId: string;
  name: string;
  /** The merchant's own code for the shop (the desk's store id when it is set up that way). */
  openId: string;
}

export interface SandboxAccount {
  /** The merchant account id: 19 digits, beyond 2^53. */
  userId: string;
  userName: string;
  shops: SandboxShop[];
}

interface Grant {
  id: string;
  userId: string;
  shopIds: Set<string>;
  /** Access token → expiry (ms). */
  access: Map<string, number>;
  refresh: string;
  refreshUntil: number;
  /** The refresh token this one replaced, accepted until `until`. */
  previous: { token: string; until: number } | null;
}

export interface SavedGrant {
  id: string;
  userId: string;
  shopIds: string[];
  access: [string, number][];
  refresh: string;
  refreshUntil: number;
  previous: { token: string; until: number } | null;
}

interface PendingCode {
  userId: string;
  shopIds: string[];
  redirectUri: string;
  until: number;
}

interface Session {
  redirectUri: string;
  state: string;
  until: number;
}

export interface AuthAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface SandboxAuthOptions {
  appKey: string;
  appSecret: string;
  account: SandboxAccount;
  /** Access token lifetime in seconds (default one day). */
  accessTtlSeconds?: number;
  /** Refresh token lifetime in seconds (default 30 days). */
  refreshTtlSeconds?: number;
  /** How long a replaced refresh token still works (default 30 minutes). */
  refreshGraceMs?: number;
  now?: () => number;
  emit: (event: string, payload: Record<string, unknown>) => void;
}

const CODE_TTL_MS = 10 * 60 * 1000;
const SESSION_TTL_MS = 30 * 60 * 1000;

const token = (): string => randomBytes(16).toString('hex');

export type TokenLookup = { ok: true; userId: string; shopIds: ReadonlySet<string> } | { ok: false; reason: string };

export class SandboxAuth {
  private readonly grants = new Map<string, Grant>();
  private readonly codes = new Map<string, PendingCode>();
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;

  constructor(private readonly o: SandboxAuthOptions) {
    this.now = o.now ?? Date.now;
  }

  get accessTtlSeconds(): number {
    return this.o.accessTtlSeconds ?? 86400;
  }

  // ── the authorize page ───────────────────────────────────────────────────────────────────

  /** GET /authorize?response_type=code&client_id&redirect_uri&scope&state */
  authorizePage(query: URLSearchParams): AuthAnswer {
    const redirectUri = query.get('redirect_uri') ?? '';
    if (query.get('client_id') !== this.o.appKey) return page(400, '授权失败', '应用 client_id 不正确，请检查 appKey（沙箱与正式环境不同）。');
    if (query.get('response_type') !== 'code') return page(400, '授权失败', 'response_type 必须是 code。');
    if (!validRedirect(redirectUri)) return page(400, '授权失败', '回调地址 redirect_uri 不正确。');
    const session = token();
    this.sessions.set(session, { redirectUri, state: query.get('state') ?? '', until: this.now() + SESSION_TTL_MS });
    const shops = this.o.account.shops
      .map((s) => `<label><input type="checkbox" name="shop" value="${h(s.shopId)}" checked> ${h(s.name)}（店铺 ${h(s.shopId)}）</label><br>`)
      .join('\n');
    return page(
      200,
      '饿了么商家授权（沙箱）',
      `<p>应用请求访问您的店铺订单。</p>
<form method="post" action="/authorize">
<input type="hidden" name="session" value="${h(session)}">
<p><label>商家账号 <input name="account" value="${h(this.o.account.userName)}"></label></p>
<p><label>密码 <input name="password" type="password" value="sandbox"></label></p>
<fieldset><legend>授权的店铺</legend>
${shops}
</fieldset>
<p><button name="decision" value="approve">同意授权</button> <button name="decision" value="deny">拒绝</button></p>
</form>`,
    );
  }

  /** POST /authorize (the page's form): redirect back with a code, or with an error. */
  authorizeDecision(form: URLSearchParams): AuthAnswer {
    const sessionId = form.get('session') ?? '';
    const session = this.sessions.get(sessionId);
    this.sessions.delete(sessionId);
    if (!session || session.until <= this.now()) return page(400, '页面已过期', '请回到收银软件重新打开授权页面。');
    const back = new URL(session.redirectUri);
    if (session.state) back.searchParams.set('state', session.state);
    if (form.get('decision') !== 'approve') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', '商家拒绝授权');
      return redirect(back);
    }
    const known = new Set(this.o.account.shops.map((s) => s.shopId));
    const shopIds = form.getAll('shop').filter((id) => known.has(id));
    if (shopIds.length === 0) return page(400, '请选择店铺', '至少选择一个店铺再授权。');
    const code = token();
    this.codes.set(code, { userId: this.o.account.userId, shopIds, redirectUri: session.redirectUri, until: this.now() + CODE_TTL_MS });
    back.searchParams.set('code', code);
    this.o.emit('authorized', { userId: this.o.account.userId, shopIds });
    return redirect(back);
  }

  // ── the token endpoint ───────────────────────────────────────────────────────────────────

  /** POST /token with HTTP Basic app credentials and a form body. */
  tokenEndpoint(authorization: string | undefined, form: URLSearchParams): AuthAnswer {
    if (!this.basicOk(authorization)) return oauthError(401, 'invalid_client', '应用凭证不正确');
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = form.get('code') ?? '';
      const pending = this.codes.get(code);
      this.codes.delete(code); // one use, right or wrong
      if (!pending || pending.until <= this.now()) return oauthError(400, 'invalid_grant', '授权码无效或已过期');
      if (form.get('redirect_uri') !== pending.redirectUri) return oauthError(400, 'invalid_grant', 'redirect_uri 与授权时不一致');
      return this.issue(this.newGrant(pending.userId, pending.shopIds));
    }
    if (grantType === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      const now = this.now();
      for (const g of this.grants.values()) {
        const current = g.refresh === presented && g.refreshUntil > now;
        const previous = g.previous?.token === presented && g.previous.until > now;
        if (!current && !previous) continue;
        // Rotate: the presented token stays usable for the grace period only.
        if (current) g.previous = { token: g.refresh, until: now + (this.o.refreshGraceMs ?? 30 * 60 * 1000) };
        g.refresh = token();
        g.refreshUntil = now + (this.o.refreshTtlSeconds ?? 30 * 86400) * 1000;
        this.o.emit('refreshed', { userId: g.userId, withPrevious: previous });
        return this.issue(g);
      }
      return oauthError(400, 'invalid_grant', 'refresh_token 无效或已过期');
    }
    if (grantType === 'client_credentials') {
      return this.issue(this.newGrant(this.o.account.userId, this.o.account.shops.map((s) => s.shopId)), false);
    }
    return oauthError(400, 'unsupported_grant_type', `不支持的 grant_type：${grantType ?? ''}`);
  }

  // ── what the API and the drivers use ─────────────────────────────────────────────────────

  lookup(accessToken: string): TokenLookup {
    const now = this.now();
    for (const g of this.grants.values()) {
      const until = g.access.get(accessToken);
      if (until === undefined) continue;
      if (until <= now) return { ok: false, reason: '访问令牌已过期' };
      if (g.shopIds.size === 0) return { ok: false, reason: '授权已解除' };
      return { ok: true, userId: g.userId, shopIds: g.shopIds };
    }
    return { ok: false, reason: '访问令牌无效' };
  }

  /** Grant tokens without the pages (a demo store that starts bound). */
  grantDirect(shopIds: readonly string[]): { accessToken: string; refreshToken: string; expiresIn: number } {
    const g = this.newGrant(this.o.account.userId, shopIds);
    const accessToken = this.newAccess(g);
    return { accessToken, refreshToken: g.refresh, expiresIn: this.accessTtlSeconds };
  }

  /** The shop withdrew the app's authorization: every grant loses it; a grant left empty dies. */
  revokeShop(shopId: string): string[] {
    const users = new Set<string>();
    for (const [id, g] of this.grants) {
      if (!g.shopIds.delete(shopId)) continue;
      users.add(g.userId);
      if (g.shopIds.size === 0) this.grants.delete(id);
    }
    return [...users];
  }

  /** The grants as plain data (the sandbox's state file keeps them across restarts). */
  snapshot(): SavedGrant[] {
    return [...this.grants.values()].map((g) => ({
      id: g.id,
      userId: g.userId,
      shopIds: [...g.shopIds],
      access: [...g.access.entries()],
      refresh: g.refresh,
      refreshUntil: g.refreshUntil,
      previous: g.previous,
    }));
  }

  restore(saved: readonly SavedGrant[]): void {
    for (const s of saved) {
      this.grants.set(s.id, {
        id: s.id,
        userId: s.userId,
        shopIds: new Set(s.shopIds),
        access: new Map(s.access),
        refresh: s.refresh,
        refreshUntil: s.refreshUntil,
        previous: s.previous,
      });
    }
  }

  /** Tests: every access token expires now (the next call answers UNAUTHORIZED). */
  expireAccessTokens(): void {
    for (const g of this.grants.values()) for (const t of g.access.keys()) g.access.set(t, this.now());
  }

  /** Tests: refresh tokens stop working (the platform revoked them): refresh answers invalid_grant. */
  killRefreshTokens(): void {
    for (const g of this.grants.values()) {
      g.refreshUntil = 0;
      g.previous = null;
    }
  }

  private newGrant(userId: string, shopIds: readonly string[]): Grant {
    const g: Grant = {
      id: token(),
      userId,
      shopIds: new Set(shopIds),
      access: new Map(),
      refresh: token(),
      refreshUntil: this.now() + (this.o.refreshTtlSeconds ?? 30 * 86400) * 1000,
      previous: null,
    };
    this.grants.set(g.id, g);
    return g;
  }

  private newAccess(g: Grant): string {
    const now = this.now();
    for (const [t, until] of g.access) if (until <= now) g.access.delete(t);
    const t = token();
    g.access.set(t, now + this.accessTtlSeconds * 1000);
    return t;
  }

  private issue(g: Grant, withRefresh = true): AuthAnswer {
    const body = {
      access_token: this.newAccess(g),
      token_type: 'Bearer',
      expires_in: this.accessTtlSeconds,
      ...(withRefresh ? { refresh_token: g.refresh } : {}),
    };
    return { status: 200, headers: { 'content-type': 'application/json;charset=utf-8', 'cache-control': 'no-store' }, body: JSON.stringify(body) };
  }

  private basicOk(header: string | undefined): boolean {
    const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
    if (!m) return false;
    const got = Buffer.from(m[1]!, 'base64').toString('utf8');
    return sameSecret(got, `${encodeURIComponent(this.o.appKey)}:${encodeURIComponent(this.o.appSecret)}`);
  }
}

function validRedirect(uri: string): boolean {
  try {
    const u = new URL(uri);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

function redirect(to: URL): AuthAnswer {
  return { status: 302, headers: { location: to.toString(), 'cache-control': 'no-store' }, body: '' };
}

function oauthError(status: number, error: string, description: string): AuthAnswer {
  return { status, headers: { 'content-type': 'application/json;charset=utf-8' }, body: JSON.stringify({ error, error_description: description }) };
}

function page(status: number, title: string, content: string): AuthAnswer {
  const html = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>${h(title)}</title>
<body style="font-family:sans-serif;max-width:32em;margin:2em auto"><h1>${h(title)}</h1>${content.startsWith('<') ? content : `<p>${h(content)}</p>`}</body></html>`;
  return { status, headers: { 'content-type': 'text/html;charset=utf-8', 'cache-control': 'no-store' }, body: html };
}
