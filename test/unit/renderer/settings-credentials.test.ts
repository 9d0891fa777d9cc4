// @vitest-environment happy-dom
/**
 * 平台账号与门店 against a fake desk: the fields come from the main side's view (which has no
 * secrets), a save sends a secret only when one was typed, the main side's refusal is shown,
 * and a config file or the demo makes the section read-only. Keys here are made up.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppConfigInput, AppConfigView, DeskApi } from '../../../shared/api.js';
import type { DeskClient } from '../../../renderer/src/api/desk-client.js';
import CredentialsSection from '../../../renderer/src/components/settings/CredentialsSection.js';
import '../../../renderer/src/i18n/index.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';

const VIEW: AppConfigView = {
  platforms: [],
  meituan: { developerId: '100234', apiBase: 'https://api-open-cater.meituan.com', authBase: 'https://open-erp.meituan.com', signKeySet: true },
  union: { callbackSecretSet: true },
  stores: [{ id: 'store-1', name: '湘北人家', autoAccept: true, autoAcceptDelaySeconds: 5 }],
  editable: true,
  source: 'app',
};

function fakeDesk(view: AppConfigView, save: (input: AppConfigInput) => Promise<AppConfigView> = async () => view) {
  const saveAppConfig = vi.fn(save);
  const api = { getAppConfig: vi.fn(async () => view), saveAppConfig } as Partial<DeskApi> as DeskApi;
  const desk: DeskClient = { api, subscribe: () => () => undefined, resolveLink: (p) => p, openLink: () => Promise.resolve(true), onConnection: () => () => undefined };
  return { desk, saveAppConfig };
}

async function show(desk: DeskClient): Promise<void> {
  render(createElement(DeskContext.Provider, { value: desk }, createElement(CredentialsSection)));
  await screen.findByTestId('meituan-developer-id');
}

const field = (id: string): HTMLInputElement => screen.getByTestId(id);
const type = (id: string, value: string): boolean => fireEvent.change(field(id), { target: { value } });
const clickSave = (): Promise<void> => act(async () => void fireEvent.click(screen.getByTestId('save-credentials')));

afterEach(cleanup);

describe('CredentialsSection', () => {
  it('fills the fields from the view and shows a saved secret only as 已保存', async () => {
    await show(fakeDesk(VIEW).desk);
    expect(field('meituan-developer-id').value).toBe('100234');
    expect(field('meituan-sign-key').value).toBe('');
    expect(field('meituan-sign-key').type).toBe('password');
    expect(field('meituan-sign-key').placeholder).toBe('已保存（留空则不修改）');
    expect(field('store-id-0').value).toBe('store-1');
    expect(field('store-id-0').readOnly).toBe(true);
    expect(field('store-name-0').value).toBe('湘北人家');
  });

  it('saves without any secret when none was typed, keeping store settings and new stores', async () => {
    const { desk, saveAppConfig } = fakeDesk(VIEW);
    await show(desk);
    type('store-name-0', '湘北人家（总店）');
    fireEvent.click(screen.getByTestId('add-store'));
    expect(field('store-id-1').value).toBe('store-2');
    type('store-name-1', '川味小馆');
    await clickSave();
    expect(saveAppConfig).toHaveBeenCalledWith({
      meituan: { developerId: '100234', apiBase: 'https://api-open-cater.meituan.com', authBase: 'https://open-erp.meituan.com' },
      union: {},
      stores: [
        { id: 'store-1', name: '湘北人家（总店）', autoAccept: true, autoAcceptDelaySeconds: 5 },
        { id: 'store-2', name: '川味小馆' },
      ],
    });
    expect(await screen.findByTestId('credentials-saved')).toHaveProperty('textContent', '已保存，接单服务已按新设置重启');
  });

  it('sends a secret that was typed, then clears it from the screen', async () => {
    const { desk, saveAppConfig } = fakeDesk(VIEW);
    await show(desk);
    type('meituan-sign-key', 'madeUpNewKey9');
    type('union-callback-secret', 'madeUpUnion3');
    await clickSave();
    const sent = saveAppConfig.mock.calls[0]?.[0];
    expect(sent?.meituan?.signKey).toBe('madeUpNewKey9');
    expect(sent?.union).toEqual({ callbackSecret: 'madeUpUnion3' });
    expect(field('meituan-sign-key').value).toBe('');
    expect(document.body.innerHTML).not.toContain('madeUpNewKey9');
  });

  it('sends nothing for an unconfigured Meituan left blank, and shows the refusal', async () => {
    const empty: AppConfigView = { platforms: [], meituan: null, union: null, stores: [], editable: true, source: 'app' };
    const { desk, saveAppConfig } = fakeDesk(empty, async () => Promise.reject(new Error('第 1 个门店：门店名称不能为空')));
    await show(desk);
    expect(field('meituan-sign-key').placeholder).toBe('粘贴美团开放平台的 signKey');
    fireEvent.click(screen.getByTestId('add-store'));
    await clickSave();
    expect(saveAppConfig).toHaveBeenCalledWith({ meituan: null, union: null, stores: [{ id: 'store-1', name: '' }] });
    expect((await screen.findByTestId('credentials-error')).textContent).toBe('保存失败：第 1 个门店：门店名称不能为空');
  });

  it('is read-only, with the reason, when a config file or the demo manages the settings', async () => {
    await show(fakeDesk({ ...VIEW, editable: false, source: 'sandbox' }).desk);
    expect(screen.getByTestId('credentials-readonly').textContent).toContain('演示模式');
    // Disabled through its fieldset (happy-dom does not apply that to the input's :disabled).
    for (const id of ['meituan-developer-id', 'meituan-sign-key', 'store-name-0']) expect(field(id).closest('fieldset')?.disabled).toBe(true);
    expect(field('meituan-sign-key').placeholder).toBe('已设置');
    expect(screen.queryByTestId('save-credentials')).toBeNull();
    expect(screen.queryByTestId('add-store')).toBeNull();
  });
});
