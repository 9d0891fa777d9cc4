// @vitest-environment happy-dom
/**
 * 平台账号与门店 against a fake desk whose view describes its platforms' settings forms as data:
 * the sections are drawn from those forms (no platform is written into the screen), a secret
 * is write-only (已设置 / 未设置, never a value), the fields' rules are checked before saving,
 * a secret is sent only when typed, and a config file or the demo makes the section read-only.
 * Keys here are made up.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppConfigInput, AppConfigView, DeskApi } from '../../../shared/api.js';
import type { SettingsForm } from '../../../shared/platforms.js';
import type { DeskClient } from '../../../renderer/src/api/desk-client.js';
import CredentialsSection from '../../../renderer/src/components/settings/CredentialsSection.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';

/** A made-up platform's form: a text id with a rule, a secret, an address with a default and a switch. */
const FORM: SettingsForm = {
  platform: 'eleme',
  title: { zh: '试验外卖', en: 'Test Takeaway' },
  fields: [
    {
      key: 'appKey',
      kind: 'text',
      label: { zh: '应用 Key', en: 'App key' },
      help: { zh: '开放平台「应用信息」里的 Key', en: 'On the app info page' },
      required: true,
      pattern: { source: '^[A-Za-z0-9]{4,32}$', message: { zh: '应用 Key 只能是 4–32 位字母或数字', en: 'Letters and digits only' } },
    },
    { key: 'appSecret', kind: 'secret', label: { zh: '应用密钥', en: 'App secret' }, required: true },
    { key: 'apiBase', kind: 'url', label: { zh: '接口地址', en: 'API address' }, required: false, default: 'https://open-api.example.com' },
    { key: 'sandbox', kind: 'boolean', label: { zh: '沙箱环境', en: 'Sandbox' }, required: false, default: false },
  ],
};
/** A second, promotion-style form with only a secret: sections follow the view, not the code. */
const FORM2: SettingsForm = {
  platform: 'union',
  title: { zh: '试验联盟', en: 'Test Union' },
  fields: [{ key: 'callbackSecret', kind: 'secret', label: { zh: '回调密钥', en: 'Callback secret' }, required: true }],
};

type View = AppConfigView;
type Input = Record<string, Record<string, string | boolean> | null> & { stores: AppConfigInput['stores'] };

function view(over: Partial<View> = {}): View {
  return {
    meituan: null,
    union: null,
    platforms: [
      { platform: 'eleme', form: FORM, values: { appKey: 'abcd1234', apiBase: 'https://open-api.example.com', sandbox: true }, secretsSet: { appSecret: true } },
      { platform: 'union', form: FORM2, values: null, secretsSet: { callbackSecret: false } },
    ],
    stores: [{ id: 'store-1', name: '湘北人家', autoAccept: true, autoAcceptDelaySeconds: 5 }],
    editable: true,
    source: 'app',
    ...over,
  } as View;
}

function fakeDesk(v: AppConfigView, save: (input: AppConfigInput) => Promise<AppConfigView> = async () => v) {
  const saveAppConfig = vi.fn(save);
  const api = { getAppConfig: vi.fn(async () => v), saveAppConfig } as Partial<DeskApi> as DeskApi;
  const desk: DeskClient = { api, subscribe: () => () => undefined, resolveLink: (p) => p, openLink: () => Promise.resolve(true), onConnection: () => () => undefined };
  return { desk, saveAppConfig, sent: () => saveAppConfig.mock.calls.at(-1)?.[0] as unknown as Input | undefined };
}

async function show(desk: DeskClient): Promise<void> {
  render(createElement(DeskContext.Provider, { value: desk }, createElement(CredentialsSection)));
  await screen.findByTestId('credentials-eleme');
}

const field = (id: string): HTMLInputElement => screen.getByTestId(id);
const type = (id: string, value: string): boolean => fireEvent.change(field(id), { target: { value } });
const clickSave = (): Promise<void> => act(async () => void fireEvent.click(screen.getByTestId('save-credentials')));

beforeAll(async () => {
  await i18n.changeLanguage('zh-CN');
});
afterEach(cleanup);

describe('CredentialsSection', () => {
  it('draws each platform section from its form: labels, help, a switch, an address under 高级, the secret only as 已设置', async () => {
    await show(fakeDesk(view()).desk);
    const section = screen.getByTestId('credentials-eleme');
    expect(within(section).getByText('试验外卖')).toBeTruthy();
    expect(within(section).getByLabelText(/应用 Key/)).toBe(field('cred-eleme-appKey'));
    expect(field('cred-eleme-appKey').value).toBe('abcd1234');
    expect(within(section).getByText('开放平台「应用信息」里的 Key')).toBeTruthy();
    // The secret: a password field that starts empty, and its state in words.
    expect(field('cred-eleme-appSecret').type).toBe('password');
    expect(field('cred-eleme-appSecret').value).toBe('');
    expect(field('cred-eleme-appSecret').placeholder).toBe('已设置（留空则不修改）');
    expect(field('cred-eleme-appSecret-state').textContent).toBe('已设置');
    // The switch, as saved.
    expect(field('cred-eleme-sandbox').type).toBe('checkbox');
    expect(field('cred-eleme-sandbox').checked).toBe(true);
    // The optional address with a default is under 高级.
    expect(field('cred-eleme-apiBase').closest('details')).not.toBeNull();
    expect(field('cred-eleme-appKey').closest('details')).toBeNull();
    // The second section, unconfigured: its secret is 未设置.
    expect(within(screen.getByTestId('credentials-union')).getByText('试验联盟')).toBeTruthy();
    expect(field('cred-union-callbackSecret-state').textContent).toBe('未设置');
    expect(field('cred-union-callbackSecret').placeholder).toBe('粘贴回调密钥');
  });

  it('saves without any secret when none was typed; a blank unconfigured platform stays null', async () => {
    const { desk, sent } = fakeDesk(view());
    await show(desk);
    fireEvent.click(field('cred-eleme-sandbox'));
    type('store-name-0', '湘北人家（总店）');
    fireEvent.click(screen.getByTestId('add-store'));
    type('store-name-1', '川味小馆');
    await clickSave();
    expect(sent()).toEqual({
      eleme: { appKey: 'abcd1234', apiBase: 'https://open-api.example.com', sandbox: false },
      union: null,
      stores: [
        { id: 'store-1', name: '湘北人家（总店）', autoAccept: true, autoAcceptDelaySeconds: 5 },
        { id: 'store-2', name: '川味小馆' },
      ],
    });
    expect(await screen.findByTestId('credentials-saved')).toHaveProperty('textContent', '已保存，接单服务已按新设置重启');
  });

  it('sends a secret that was typed, then clears it from the screen', async () => {
    const { desk, sent } = fakeDesk(view());
    await show(desk);
    type('cred-eleme-appSecret', 'madeUpNewSecret9');
    type('cred-union-callbackSecret', 'madeUpUnion3');
    await clickSave();
    expect(sent()?.['eleme']?.['appSecret']).toBe('madeUpNewSecret9');
    expect(sent()?.['union']).toEqual({ callbackSecret: 'madeUpUnion3' });
    await screen.findByTestId('credentials-saved');
    expect(field('cred-eleme-appSecret').value).toBe('');
    expect(document.body.innerHTML).not.toContain('madeUpNewSecret9');
  });

  it('checks the fields by their rules before saving, says what to fix, and saves once fixed', async () => {
    const fresh = view({
      platforms: [{ platform: 'eleme', form: FORM, values: null, secretsSet: { appSecret: false } }],
    });
    const { desk, saveAppConfig, sent } = fakeDesk(fresh);
    await show(desk);
    // Something typed makes the section one being set up: its required fields count now.
    type('cred-eleme-appKey', 'ab!');
    type('cred-eleme-apiBase', 'open-api.example.com');
    await clickSave();
    expect(saveAppConfig).not.toHaveBeenCalled();
    expect(screen.getByTestId('credentials-error').textContent).toBe('还有没填好的地方（标红处），请改好后再保存');
    expect(field('cred-eleme-appKey-problem').textContent).toBe('应用 Key 只能是 4–32 位字母或数字');
    expect(field('cred-eleme-appSecret-problem').textContent).toBe('请填写应用密钥');
    expect(field('cred-eleme-apiBase-problem').textContent).toContain('不是有效的网址');
    expect(field('cred-eleme-appKey').getAttribute('aria-invalid')).toBe('true');
    // The address with a problem is shown, not hidden under 高级.
    expect((field('cred-eleme-apiBase').closest('details') as HTMLDetailsElement).open).toBe(true);

    type('cred-eleme-appKey', 'abcd1234');
    type('cred-eleme-appSecret', 'madeUpSecret1');
    type('cred-eleme-apiBase', '');
    expect(screen.queryByTestId('cred-eleme-appKey-problem')).toBeNull();
    await clickSave();
    // A blank address is left out: the platform's default applies; the switch goes as it stands.
    const { stores: _stores, ...sections } = sent()!;
    expect(sections).toEqual({ eleme: { appKey: 'abcd1234', appSecret: 'madeUpSecret1', sandbox: false } });
  });

  it('shows the main side refusal', async () => {
    const { desk } = fakeDesk(view(), async () => Promise.reject(new Error('第 1 个门店：门店名称不能为空')));
    await show(desk);
    await clickSave();
    expect((await screen.findByTestId('credentials-error')).textContent).toBe('保存失败：第 1 个门店：门店名称不能为空');
  });

  it('is read-only, with the reason, when a config file or the demo manages the settings: secrets only as their state', async () => {
    await show(fakeDesk(view({ editable: false, source: 'sandbox' })).desk);
    expect(screen.getByTestId('credentials-readonly').textContent).toContain('演示模式');
    // Disabled through its fieldset (happy-dom does not apply that to the input's :disabled).
    for (const id of ['cred-eleme-appKey', 'cred-eleme-sandbox', 'store-name-0']) expect(field(id).closest('fieldset')?.disabled).toBe(true);
    expect(screen.queryByTestId('cred-eleme-appSecret')).toBeNull();
    expect(field('cred-eleme-appSecret-state').textContent).toBe('已设置');
    expect(screen.queryByTestId('save-credentials')).toBeNull();
    expect(screen.queryByTestId('add-store')).toBeNull();
  });
});
