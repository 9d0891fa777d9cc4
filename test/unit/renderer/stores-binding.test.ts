// @vitest-environment happy-dom
/**
 * The stores page's binding blocks against a fake desk, one per takeaway platform, in the way
 * each platform binds: a signed page (bind / unbind, waiting for the platform's callback) and
 * OAuth (authorize, the authorization's shops mapped to our stores, 需要重新授权 with what to
 * do, unbind and remove after a confirmation; a core without the calls gets a disabled block).
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskApi, DeskEventName, DeskEvents } from '../../../shared/api.js';
import { UNBOUND, type Store } from '../../../shared/store.js';
import type { DeskClient, DeskListener } from '../../../renderer/src/api/desk-client.js';
import type { AuthorizationApi, AuthorizationView } from '../../../renderer/src/components/stores/authorizations.js';
import StoresPage from '../../../renderer/src/components/stores/StoresPage.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';

const SETTINGS = { autoAccept: false, autoAcceptDelaySeconds: 0 };
const store = (id: string, name: string, bound = false): Store => ({
  id,
  name,
  bindings: { meituan: { ...UNBOUND, bound, boundAt: bound ? '2026-12-01T02:00:00Z' : null }, eleme: { ...UNBOUND } },
  settings: SETTINGS,
});
const STORES = [store('store-1', '湘北人家'), store('store-2', '川味小馆')];

const auth = (over: Partial<AuthorizationView> = {}): AuthorizationView => ({
  platform: 'eleme',
  accountId: 'acc-1',
  accountName: '湘北餐饮',
  obtainedAt: '2026-12-01T02:00:00Z',
  expiresAt: '2026-12-31T02:00:00Z',
  state: 'ok',
  problem: null,
  shops: [
    { shopId: 'shop-9', name: '湘北人家（饿了么）', storeId: 'store-1' },
    { shopId: 'shop-10', name: '湘北二店', storeId: null },
  ],
  ...over,
});

function fakeDesk(api: Partial<DeskApi & AuthorizationApi>) {
  const listeners = new Set<DeskListener>();
  const openLink = vi.fn((_path: string) => Promise.resolve(true));
  const full = {
    listStores: () => Promise.resolve(STORES),
    status: () => new Promise(() => undefined),
    callbackUrls: () => Promise.resolve([]),
    bindUrl: vi.fn((p: string, id: string) => Promise.resolve(`/binding/${p}/${id}`)),
    unbindUrl: vi.fn((p: string, id: string) => Promise.resolve(`/unbinding/${p}/${id}`)),
    ...api,
  } as unknown as DeskApi & AuthorizationApi;
  const desk: DeskClient = {
    api: full,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    resolveLink: (p) => `http://127.0.0.1:1${p}`,
    openLink,
    onConnection: () => () => undefined,
  };
  const emit = <E extends DeskEventName>(name: E, payload: DeskEvents[E]): void => act(() => listeners.forEach((l) => l(name, payload)));
  return { desk, api: full, openLink, emit };
}

async function show(desk: DeskClient): Promise<HTMLElement> {
  render(createElement(DeskContext.Provider, { value: desk }, createElement(StoresPage)));
  const rows = await screen.findAllByTestId('store-row');
  return rows[0]!;
}

beforeAll(async () => {
  await i18n.changeLanguage('zh-CN');
});
afterEach(cleanup);

describe('stores page: one binding block per takeaway platform', () => {
  it('has a column per takeaway platform, named from the identity data, and none for a promotion platform', async () => {
    const { desk } = fakeDesk({ authorizations: () => Promise.resolve([]) });
    const row = await show(desk);
    expect(within(row).getByTestId('binding-meituan')).toBeTruthy();
    expect(within(row).getByTestId('binding-eleme')).toBeTruthy();
    expect(within(row).queryByTestId('binding-union')).toBeNull();
    const head = document.querySelector('.store-head')!;
    expect(head.textContent).toContain('美团外卖');
    expect(head.textContent).toContain('饿了么');
    expect(head.textContent).not.toContain('美团联盟');
  });

  it("says a platform's account is not set up yet instead of offering to bind", async () => {
    const view = { platforms: [{ platform: 'eleme', values: null }, { platform: 'meituan', values: { developerId: '1' } }] };
    const { desk } = fakeDesk({ authorizations: () => Promise.resolve([]), getAppConfig: () => Promise.resolve(view as never) });
    const row = await show(desk);
    expect(await within(row).findByText('还没有填写饿了么账号：请先在「设置 → 平台账号与门店」里填写，再回来绑定。')).toBeTruthy();
    expect(within(row).queryByRole('button', { name: '授权饿了么店铺' })).toBeNull();
    expect(within(row).getByTestId('bind-meituan')).toBeTruthy();
  });
});

describe('signed-page flow', () => {
  it('binds through the platform page and waits until the bound callback flips the block', async () => {
    const { desk, api, openLink, emit } = fakeDesk({ authorizations: () => Promise.resolve([]) });
    const row = await show(desk);
    const block = within(row).getByTestId('binding-meituan');
    expect(block.getAttribute('data-bound')).toBe('false');
    await act(async () => fireEvent.click(within(block).getByTestId('bind-meituan')));
    expect(api.bindUrl).toHaveBeenCalledWith('meituan', 'store-1');
    expect(openLink).toHaveBeenCalledWith('/binding/meituan/store-1');
    expect(within(block).getByRole('status').textContent).toContain('等待美团外卖授权');

    emit('store-changed', { store: store('store-1', '湘北人家', true) });
    const after = within(row).getByTestId('binding-meituan');
    expect(after.getAttribute('data-bound')).toBe('true');
    expect(within(after).queryByRole('status')).toBeNull();
    expect(after.textContent).toContain('已绑定');
  });

  it('asks before unbinding, then opens the unbind page', async () => {
    const bound = [store('store-1', '湘北人家', true)];
    const { desk, api } = fakeDesk({ listStores: () => Promise.resolve(bound), authorizations: () => Promise.resolve([]) });
    const row = await show(desk);
    const block = within(row).getByTestId('binding-meituan');
    fireEvent.click(within(block).getByTestId('unbind-meituan'));
    expect(api.unbindUrl).not.toHaveBeenCalled();
    expect(within(block).getByRole('dialog').textContent).toContain('解绑后将收不到这家门店的美团外卖订单');
    await act(async () => fireEvent.click(within(block).getByTestId('dialog-confirm')));
    expect(api.unbindUrl).toHaveBeenCalledWith('meituan', 'store-1');
  });
});

describe('oauth flow', () => {
  it('authorizes in the binding window, then lists the shops of the authorization mapped to our stores', async () => {
    let list: AuthorizationView[] = [];
    const mapShop = vi.fn((_p: string, shopId: string, storeId: string | null) => {
      list = [auth({ shops: auth().shops.map((s) => (s.shopId === shopId ? { ...s, storeId } : s)) })];
      return Promise.resolve(list);
    });
    const { desk, api, openLink, emit } = fakeDesk({ authorizations: () => Promise.resolve(list), mapShop, removeAuthorization: vi.fn() });
    const row = await show(desk);
    const block = within(row).getByTestId('binding-eleme');
    expect(block.getAttribute('data-state')).toBe('unbound');
    expect(block.textContent).toContain('未绑定');
    expect(await screen.findByText('还没有授权：在上面任一门店点「授权饿了么店铺」。')).toBeTruthy();

    await act(async () => fireEvent.click(within(block).getByRole('button', { name: '授权饿了么店铺' })));
    expect(api.bindUrl).toHaveBeenCalledWith('eleme', 'store-1');
    expect(openLink).toHaveBeenCalledWith('/binding/eleme/store-1');
    expect(within(block).getByRole('status').textContent).toContain('等待饿了么授权');

    // The authorization came back: the core says the store changed, the list is read again.
    list = [auth()];
    await act(async () => emit('store-changed', { store: STORES[0]! }));
    const bound = within(row).getByTestId('binding-eleme');
    expect(bound.getAttribute('data-state')).toBe('bound');
    expect(within(bound).queryByRole('status')).toBeNull();
    expect(bound.textContent).toContain('饿了么门店 湘北人家（饿了么）');

    const shops = screen.getByTestId('shops-eleme');
    expect(within(shops).getAllByTestId('authorized-shop')).toHaveLength(2);
    expect((within(shops).getByTestId('shop-store-shop-9') as HTMLSelectElement).value).toBe('store-1');
    expect((within(shops).getByTestId('shop-store-shop-10') as HTMLSelectElement).value).toBe('');
    expect(shops.textContent).toContain('未对应门店');

    await act(async () => fireEvent.change(within(shops).getByTestId('shop-store-shop-10'), { target: { value: 'store-2' } }));
    expect(mapShop).toHaveBeenCalledWith('eleme', 'shop-10', 'store-2');
    const second = screen.getAllByTestId('store-row')[1]!;
    expect(within(second).getByTestId('binding-eleme').getAttribute('data-state')).toBe('bound');
  });

  it('says 需要重新授权 with the reason and what to do, and offers 重新授权', async () => {
    const { desk, api } = fakeDesk({
      authorizations: () => Promise.resolve([auth({ state: 'needs-reauth', problem: '授权已过期，续期失败' })]),
      mapShop: vi.fn(),
      removeAuthorization: vi.fn(),
    });
    const row = await show(desk);
    const block = await within(row).findByText('需要重新授权');
    const cell = block.closest('[data-testid="binding-eleme"]') as HTMLElement;
    expect(cell.getAttribute('data-state')).toBe('needs-reauth');
    expect(within(cell).getByRole('note').textContent).toBe(
      '授权已过期，续期失败。在重新授权之前收不到这家门店的饿了么订单：请点「重新授权」，用饿了么商家账号登录并同意。',
    );
    await act(async () => fireEvent.click(within(cell).getByRole('button', { name: '重新授权' })));
    expect(api.bindUrl).toHaveBeenCalledWith('eleme', 'store-1');

    // The account says the same, and can be authorized again from there (for a store it serves).
    const account = within(screen.getByTestId('shops-eleme')).getByTestId('authorization');
    expect(account.getAttribute('data-state')).toBe('needs-reauth');
    expect(within(account).getByRole('note').textContent).toContain('这个账号下的店铺都收不到饿了么订单');
    vi.mocked(api.bindUrl).mockClear();
    await act(async () => fireEvent.click(within(account).getByTestId('reauthorize-account')));
    expect(api.bindUrl).toHaveBeenCalledWith('eleme', 'store-1');
  });

  it('unbinds a store and removes an authorization only after a confirmation', async () => {
    const mapShop = vi.fn(() => Promise.resolve([auth({ shops: [{ shopId: 'shop-9', name: '湘北人家（饿了么）', storeId: null }] })]));
    const removeAuthorization = vi.fn(() => Promise.resolve([]));
    const { desk } = fakeDesk({ authorizations: () => Promise.resolve([auth()]), mapShop, removeAuthorization });
    const row = await show(desk);
    await within(row).findByText('饿了么门店 湘北人家（饿了么）');
    const cell = within(row).getByTestId('binding-eleme');
    fireEvent.click(within(cell).getByTestId('unmap-eleme'));
    expect(mapShop).not.toHaveBeenCalled();
    expect(within(cell).getByRole('dialog').textContent).toContain('解绑后这家门店收不到饿了么店铺「湘北人家（饿了么）」的订单');
    await act(async () => fireEvent.click(within(cell).getByTestId('dialog-confirm')));
    expect(mapShop).toHaveBeenCalledWith('eleme', 'shop-9', null);
    expect(within(row).getByTestId('binding-eleme').getAttribute('data-state')).toBe('unbound');

    const shops = screen.getByTestId('shops-eleme');
    fireEvent.click(within(shops).getByTestId('remove-authorization'));
    expect(removeAuthorization).not.toHaveBeenCalled();
    await act(async () => fireEvent.click(within(shops).getByTestId('dialog-confirm')));
    expect(removeAuthorization).toHaveBeenCalledWith('eleme', 'acc-1');
    expect(shops.textContent).toContain('还没有授权');
  });

  it('shows the shops block disabled, with why, when the core has no authorization calls; authorizing still opens the page', async () => {
    const { desk, api } = fakeDesk({});
    const row = await show(desk);
    expect(screen.getByTestId('shops-eleme-unavailable').textContent).toContain('还不能列出饿了么授权的店铺');
    const cell = within(row).getByTestId('binding-eleme');
    await act(async () => fireEvent.click(within(cell).getByRole('button', { name: '授权饿了么店铺' })));
    expect(api.bindUrl).toHaveBeenCalledWith('eleme', 'store-1');
  });

  it('treats the console answering "no such call" as a core without the calls', async () => {
    const { desk } = fakeDesk({ authorizations: () => Promise.reject(new Error('no such call: authorizations')), mapShop: vi.fn(), removeAuthorization: vi.fn() });
    await show(desk);
    expect(await screen.findByTestId('shops-eleme-unavailable')).toBeTruthy();
  });
});
