/**
 * The sandbox's store binding pages (README.md here, "Binding"): a signed `/storemap` link opens a
 * fake 美团商家登录, then 选择门店并授权; authorizing issues an appAuthToken and posts the bound
 * callback. `/releasebinding` does the reverse. `/merchant` is Meituan's merchant back office: the
 * shop ends a binding there (from the platform's side), which sends the unsigned unbound callback
 * to the console's URL without the app having asked. Plain HTML forms, no external scripts, so they
 * work in the app's binding window with no network.
 */
import { randomBytes } from 'node:crypto';
import { verifyMeituanSign } from './sign.js';
import { escapeHtml as h } from '../common/sandbox-http.js';

export interface PagesHost {
  readonly developerId: string;
  readonly signKey: string;
  storeForToken(token: string): string | undefined;
  /** Issue a token for the store and post the bound callback; `delivered` = first attempt answered success. */
  bind(ePoiId: string, callbackUrl?: string): Promise<{ token: string; delivered: boolean }>;
  /** Revoke the token and post the unbound callback; null when the token is unknown. */
  unbind(token: string, callbackUrl?: string): Promise<{ ePoiId: string; delivered: boolean } | null>;
  /** The stores that hold a token now. */
  boundStores(): string[];
  /** Revoke the store's token and post the unsigned unbound callback to the console's URL; null when not bound. */
  unbindStore(ePoiId: string): Promise<{ ePoiId: string; delivered: boolean } | null>;
}

export interface PageAnswer {
  status: number;
  html: string;
}

interface Session {
  kind: 'bind' | 'unbind';
  params: Record<string, string>;
  createdAt: number;
}

const SESSION_TTL_MS = 30 * 60 * 1000;
const MAX_SESSIONS = 200;

export const PAGE_PATHS = [
  '/storemap',
  '/storemap/login',
  '/storemap/authorize',
  '/releasebinding',
  '/releasebinding/confirm',
  '/merchant',
  '/merchant/unbind',
] as const;

export class BindingPages {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly host: PagesHost) {}

  async handle(method: string, path: string, params: Record<string, string>): Promise<PageAnswer | null> {
    if (method === 'GET' && path === '/storemap') return this.openStoremap(params);
    if (method === 'GET' && path === '/releasebinding') return this.openRelease(params);
    if (method === 'GET' && path === '/merchant') return merchantPage(this.host.boundStores());
    if (method === 'POST' && path === '/merchant/unbind') return this.unbindFromPlatform(params['ePoiId'] ?? '');
    if (method !== 'POST') return null;
    const session = this.session(params['session'], path.startsWith('/storemap') ? 'bind' : 'unbind');
    if (!session) return errorPage('页面已过期(2)', '请回到收银软件重新打开绑定页面。');
    const p = session.params;
    if (path === '/storemap/login') {
      if (!params['account']?.trim()) return loginPage(params['session'] ?? '', p, '请输入账号');
      return pickPage(params['session'] ?? '', p);
    }
    if (path === '/storemap/authorize') {
      this.sessions.delete(params['session'] ?? '');
      const r = await this.host.bind(p['ePoiId'] ?? '', p['callbackUrl'] || undefined);
      return donePage(
        '授权成功，可以关闭此页面',
        r.delivered ? '' : '通知贵方系统失败，美团将稍后重试推送。',
      );
    }
    if (path === '/releasebinding/confirm') {
      this.sessions.delete(params['session'] ?? '');
      const r = await this.host.unbind(p['appAuthToken'] ?? '', p['callbackUrl'] || undefined);
      if (!r) return errorPage('解除绑定出错(2)', '该授权已失效或已解除。');
      return donePage(
        '解除绑定成功，可以关闭此页面',
        r.delivered ? '' : '通知贵方系统失败，美团将稍后重试推送。',
      );
    }
    return null;
  }

  /** The shop ends the binding in the back office: token revoked, callback to the console's URL. */
  private async unbindFromPlatform(ePoiId: string): Promise<PageAnswer> {
    const r = await this.host.unbindStore(ePoiId);
    if (!r) return errorPage('解除绑定出错(2)', '该门店没有绑定或已解除。');
    return donePage('已在美团解除绑定', r.delivered ? '' : '通知贵方系统失败，美团将稍后重试推送。');
  }

  private openStoremap(params: Record<string, string>): PageAnswer {
    const problem = this.checkLink(params, ['developerId', 'businessId', 'ePoiId', 'timestamp', 'sign']);
    if (problem) return errorPage('获取门店出错(3)', problem);
    return loginPage(this.newSession('bind', params), params, '');
  }

  private openRelease(params: Record<string, string>): PageAnswer {
    const problem = this.checkLink(params, ['businessId', 'appAuthToken', 'timestamp', 'sign']);
    if (problem) return errorPage('解除绑定出错(3)', problem);
    const ePoiId = this.host.storeForToken(params['appAuthToken'] ?? '');
    if (ePoiId === undefined) return errorPage('解除绑定出错(2)', '该授权已失效或已解除。');
    return releasePage(this.newSession('unbind', params), ePoiId);
  }

  /** The post-2019 signed link rules (README.md here, "Binding"): no signKey, ms timestamp, sign over the rest. */
  private checkLink(params: Record<string, string>, required: readonly string[]): string | null {
    if ('signKey' in params) return '链接中不能再携带signKey（2019-02-26起停用），请改用timestamp与sign。';
    const missing = required.filter((k) => !params[k]);
    if (missing.length) return `缺少参数：${missing.join(', ')}`;
    if (params['developerId'] !== undefined && params['developerId'] !== this.host.developerId)
      return 'developerId 不正确。';
    if (params['businessId'] !== '2') return '仅支持 businessId=2（外卖）。';
    if (!verifyMeituanSign(this.host.signKey, params, params['sign'])) return '签名验证失败。';
    return null;
  }

  private newSession(kind: Session['kind'], params: Record<string, string>): string {
    const now = Date.now();
    for (const [id, s] of this.sessions) if (now - s.createdAt > SESSION_TTL_MS) this.sessions.delete(id);
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    const id = randomBytes(16).toString('hex');
    this.sessions.set(id, { kind, params: { ...params }, createdAt: now });
    return id;
  }

  private session(id: string | undefined, kind: Session['kind']): Session | undefined {
    const s = id ? this.sessions.get(id) : undefined;
    if (!s || s.kind !== kind || Date.now() - s.createdAt > SESSION_TTL_MS) return undefined;
    return s;
  }
}

const STYLE = `body{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f5f5;color:#333}
header{background:#ffd100;padding:14px 24px;font-size:18px;font-weight:600}
main{max-width:420px;margin:40px auto;background:#fff;border-radius:8px;padding:28px 32px;box-shadow:0 2px 10px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 18px}label{display:block;margin:12px 0 4px;font-size:14px;color:#666}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:9px 10px;border:1px solid #ddd;border-radius:4px;font-size:15px}
button{margin-top:22px;width:100%;padding:11px;border:0;border-radius:4px;background:#ffd100;font-size:16px;font-weight:600;cursor:pointer}
.store{border:1px solid #ffd100;background:#fffbe6;border-radius:6px;padding:12px;margin:8px 0}
.muted{color:#999;font-size:13px}.err{color:#d4380d}.ok{color:#389e0d}`;

function page(title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${h(title)}</title><style>${STYLE}</style></head><body><header>美团外卖 · 商家授权（沙箱）</header><main>${body}</main>${script}</body></html>`;
}

function errorPage(title: string, detail: string): PageAnswer {
  return { status: 400, html: page(title, `<h1 class="err">${h(title)}</h1><p>${h(detail)}</p>`) };
}

function loginPage(session: string, p: Record<string, string>, error: string): PageAnswer {
  const body = `<h1>美团商家登录</h1>
<p class="muted">沙箱环境：任意账号密码均可登录。</p>${error ? `<p class="err">${h(error)}</p>` : ''}
<form method="post" action="/storemap/login"><input type="hidden" name="session" value="${h(session)}">
<label for="account">商家账号</label><input type="text" id="account" name="account" value="xiangbei_demo">
<label for="password">密码</label><input type="password" id="password" name="password" value="123456">
<button type="submit">登录</button></form>
<p class="muted">正在为门店 ${h(p['ePoiName'] || p['ePoiId'] || '')} 绑定美团外卖</p>`;
  return { status: 200, html: page('美团商家登录', body) };
}

function pickPage(session: string, p: Record<string, string>): PageAnswer {
  const name = p['ePoiName'] || p['ePoiId'] || '';
  const body = `<h1>选择门店并授权</h1>
<form method="post" action="/storemap/authorize"><input type="hidden" name="session" value="${h(session)}">
<div class="store"><label><input type="radio" name="poi" value="1" checked> ${h(name)}（美团外卖门店）</label>
<div class="muted">将映射到贵方门店编号：${h(p['ePoiId'] ?? '')}</div></div>
<p class="muted">授权后，贵方系统可接收该门店的外卖订单并代为接单、取消、处理退款。</p>
<button type="submit">确认授权</button></form>`;
  return { status: 200, html: page('选择门店并授权', body) };
}

function releasePage(session: string, ePoiId: string): PageAnswer {
  const body = `<h1>解除绑定</h1><div class="store">门店编号：${h(ePoiId)}</div>
<p>解除后，贵方系统将不再收到该门店的订单。</p>
<form method="post" action="/releasebinding/confirm"><input type="hidden" name="session" value="${h(session)}">
<button type="submit">确认解除绑定</button></form>`;
  return { status: 200, html: page('解除绑定', body) };
}

function merchantPage(stores: string[]): PageAnswer {
  const rows = stores
    .map(
      (id) => `<form method="post" action="/merchant/unbind"><div class="store">门店编号：${h(id)}
<input type="hidden" name="ePoiId" value="${h(id)}"><button type="submit">解除与接单软件的绑定</button></div></form>`,
    )
    .join('');
  const body = `<h1>美团商家后台 · 已授权的软件</h1>
<p class="muted">在这里解除绑定，就是「从美团一侧解除」：贵方软件事先不知道，只会收到一条解绑通知。</p>
${rows || '<p class="muted">没有绑定中的门店。</p>'}`;
  return { status: 200, html: page('美团商家后台', body) };
}

function donePage(title: string, warning: string): PageAnswer {
  const body = `<h1 class="ok">${h(title)}</h1>${warning ? `<p class="err">${h(warning)}</p>` : ''}`;
  // Binding windows are opened by the app; closing may be refused by the browser, which is fine.
  const script = '<script>setTimeout(function(){try{window.close()}catch(e){}},1500)</script>';
  return { status: 200, html: page(title, body, script) };
}
