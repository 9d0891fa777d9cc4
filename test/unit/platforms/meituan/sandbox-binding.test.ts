/**
 * Meituan sandbox binding pages (README, "Binding"): signed /storemap → login → authorize → bound callback;
 * /releasebinding → confirm → unbound callback; the token works on the API until released.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MeituanSandbox } from '../../../../electron/core/platforms/meituan/sandbox.js';
import { meituanSign } from '../../../../electron/core/platforms/meituan/sign.js';
import { SANDBOX_TEST_KEY as KEY, callApi, postForm, sessionOf, startPair, waitFor, type FakeReceiver } from './sandbox-helpers.js';

let receiver: FakeReceiver;
let sb: MeituanSandbox;

let stop: () => Promise<void>;

beforeEach(async () => {
  ({ receiver, sandbox: sb, stop } = await startPair({ retryDelaysMs: [5, 5], pushTimeoutMs: 5000 }));
});
afterEach(() => stop());

function signedUrl(path: string, params: Record<string, string>, key = KEY): string {
  return `${sb.baseUrl}${path}?${new URLSearchParams({ ...params, sign: meituanSign(key, params) })}`;
}

const storemapParams = (extra: Record<string, string> = {}) => ({
  developerId: '100001',
  businessId: '2',
  ePoiId: 'store-1',
  ePoiName: '湘北人家',
  timestamp: String(Date.now()),
  ...extra,
});

async function authorize(extra: Record<string, string> = {}): Promise<string> {
  const login = await fetch(signedUrl('/storemap', storemapParams(extra)));
  expect(login.status).toBe(200);
  const loginHtml = await login.text();
  expect(loginHtml).toContain('美团商家登录');
  const pick = await postForm(`${sb.baseUrl}/storemap/login`, {
    session: sessionOf(loginHtml),
    account: 'any',
    password: 'x',
  });
  expect(pick.html).toContain('选择门店并授权');
  const done = await postForm(`${sb.baseUrl}/storemap/authorize`, {
    session: sessionOf(pick.html),
    poi: '1',
  });
  expect(done.html).toContain('授权成功，可以关闭此页面');
  expect(done.html).toContain('window.close()');
  expect(done.html).not.toMatch(/<script[^>]+src=/); // no external scripts
  return done.html;
}

describe('storemap', () => {
  it('rejects a bad sign, a missing param and the retired signKey param with 获取门店出错(3)', async () => {
    const bad = await fetch(signedUrl('/storemap', storemapParams(), 'wrongkey'));
    expect(await bad.text()).toContain('获取门店出错(3)');
    const { ePoiId: _drop, ...noStore } = storemapParams();
    expect(await (await fetch(signedUrl('/storemap', noStore))).text()).toContain('获取门店出错(3)');
    const legacy = await fetch(signedUrl('/storemap', storemapParams({ signKey: KEY })));
    expect(await legacy.text()).toContain('获取门店出错(3)');
  });

  it('authorize posts the bound callback (2017 wire shape) and the token works on the API', async () => {
    const bound = waitFor<{ ePoiId: string; token: string }>(sb, 'bound');
    await authorize();
    const { token } = await bound;
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    expect(sb.tokenFor('store-1')).toBe(token);
    const [cb] = receiver.at('/meituan/store/bound');
    expect(cb?.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.keys(cb!.fields).sort()).toEqual(['appAuthToken', 'businessId', 'ePoiId', 'timestamp']);
    expect(cb!.fields).toMatchObject({ ePoiId: 'store-1', appAuthToken: token, businessId: '2' });
    expect(cb!.fields['timestamp']).toMatch(/^\d{13}$/);

    const id = await sb.pushNewOrder('store-1');
    expect(
      await callApi(sb.baseUrl, KEY, '/waimai/order/confirm', { appAuthToken: token, orderId: id }),
    ).toBe('{"data":"ok"}');
  });

  it('re-posts the bound callback until it is answered {"data":"success"}, to callbackUrl when given', async () => {
    receiver.script('/custom/bound', { body: '{"data":"OK"}' }, { body: '{"data":"success"}' });
    const ok = waitFor<{ path: string; attempts: number }>(sb, 'push-ok', (p) => p.path === '/custom/bound');
    const html = await authorize({ callbackUrl: `${receiver.url}/custom/bound` });
    expect(html).toContain('稍后重试'); // first attempt was not answered with success
    expect((await ok).attempts).toBe(2);
    expect(receiver.at('/meituan/store/bound')).toHaveLength(0);
  });
});

describe('releasebinding', () => {
  it('shows a confirm page, revokes the token and posts the unbound callback', async () => {
    const { token } = await sb.bind('store-1');
    const url = signedUrl('/releasebinding', {
      businessId: '2',
      appAuthToken: token,
      timestamp: String(Date.now()),
    });
    const page = await (await fetch(url)).text();
    expect(page).toContain('解除绑定');
    expect(page).toContain('store-1');
    const unbound = waitFor<{ ePoiId: string }>(sb, 'unbound');
    const done = await postForm(`${sb.baseUrl}/releasebinding/confirm`, { session: sessionOf(page) });
    expect(done.html).toContain('解除绑定成功');
    expect((await unbound).ePoiId).toBe('store-1');
    expect(sb.tokenFor('store-1')).toBeUndefined();
    const [cb] = receiver.at('/meituan/store/unbound');
    expect(cb!.fields).toMatchObject({ businessId: '2', developerId: '100001', ePoiId: 'store-1' });
    expect(cb!.fields['timestamp']).toMatch(/^\d{13}$/);

    const id = await sb.pushNewOrder('store-1');
    const r = await callApi(sb.baseUrl, KEY, '/waimai/order/confirm', { appAuthToken: token, orderId: id });
    expect(r).toBe('{"error":{"code":2,"error_type":"param_error","message":"参数异常"}}');
    // The released link is dead now.
    expect(await (await fetch(url)).text()).toContain('解除绑定出错');
  });

  it('rejects a bad sign', async () => {
    const { token } = await sb.bind('store-1');
    const url = signedUrl(
      '/releasebinding',
      { businessId: '2', appAuthToken: token, timestamp: '1700000000000' },
      'nope',
    );
    expect(await (await fetch(url)).text()).toContain('解除绑定出错(3)');
    expect(sb.tokenFor('store-1')).toBe(token);
  });
});

describe('merchant back office: unbinding from Meituan\'s side', () => {
  it('lists the bound stores; unbinding one kills its token and posts the unsigned callback to the console URL', async () => {
    const { token } = await sb.bind('store-1');
    const list = await (await fetch(`${sb.baseUrl}/merchant`)).text();
    expect(list).toContain('美团商家后台');
    expect(list).toContain('value="store-1"');

    const done = await postForm(`${sb.baseUrl}/merchant/unbind`, { ePoiId: 'store-1' });
    expect(done.html).toContain('已在美团解除绑定');
    expect(sb.tokenFor('store-1')).toBeUndefined();
    const [cb] = receiver.at('/meituan/store/unbound');
    expect(cb!.fields).toMatchObject({ businessId: '2', ePoiId: 'store-1' });
    expect(cb!.fields['sign']).toBeUndefined();
    // The store's cheap read with the old token: the auth error a dead token gets.
    const r = await callApi(sb.baseUrl, KEY, '/waimai/order/queryByEpoids', { appAuthToken: token, epoiIds: 'store-1' });
    expect(r).toBe('{"error":{"code":2,"error_type":"param_error","message":"参数异常"}}');
    expect(await (await fetch(`${sb.baseUrl}/merchant`)).text()).not.toContain('value="store-1"');
    // Nothing left to unbind.
    expect((await postForm(`${sb.baseUrl}/merchant/unbind`, { ePoiId: 'store-1' })).html).toContain('解除绑定出错(2)');
  });
});
