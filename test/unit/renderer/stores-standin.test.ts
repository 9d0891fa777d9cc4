// @vitest-environment happy-dom
/**
 * The stand-in address notice in the status bar: shown only while a stand-in is still served,
 * naming it and the address to go back to; 已改回 asks the desk to stop serving it.
 */
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskApi, DeskStatus } from '../../../shared/api.js';
import type { DeskClient } from '../../../renderer/src/api/desk-client.js';
import StandInConfirm from '../../../renderer/src/components/stores/StandInConfirm.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';

function show(tunnel: DeskStatus['tunnel'], api: Partial<DeskApi> = {}) {
  const desk: DeskClient = {
    api: api as DeskApi,
    subscribe: () => () => undefined,
    resolveLink: (p) => p,
    openLink: () => Promise.resolve(true),
    onConnection: () => () => undefined,
  };
  return render(createElement(DeskContext.Provider, { value: desk }, createElement(StandInConfirm, { tunnel })));
}

const UP = { state: 'up', url: 'https://my-shop.loca.lt', lastOkAt: null, lastError: '' } as const;

beforeAll(async () => {
  await i18n.changeLanguage('zh-CN');
});
afterEach(cleanup);

describe('StandInConfirm', () => {
  it('shows nothing while no stand-in address is served', () => {
    show({ ...UP });
    expect(screen.queryByTestId('tunnel-standin')).toBeNull();
  });

  it('names the stand-in and the address to go back to; 已改回 confirms it', async () => {
    const confirmTunnelAddress = vi.fn(() => Promise.resolve({} as DeskStatus));
    show({ ...UP, standInUrls: ['https://ab12cd.loca.lt'] }, { confirmTunnelAddress });
    const notice = screen.getByTestId('tunnel-standin');
    expect(notice.textContent).toContain('临时地址 https://ab12cd.loca.lt 仍在接单');
    expect(notice.textContent).toContain('https://my-shop.loca.lt');
    fireEvent.click(screen.getByRole('button', { name: '已改回' }));
    expect(confirmTunnelAddress).toHaveBeenCalledTimes(1);
  });

  it('says why when the desk refuses', async () => {
    show({ ...UP, standInUrls: ['https://ab12cd.loca.lt'] }, { confirmTunnelAddress: () => Promise.reject(new Error('没有需要确认的公网地址变更')) });
    fireEvent.click(screen.getByRole('button', { name: '已改回' }));
    expect(await screen.findByText(/没有需要确认/)).toBeTruthy();
  });
});
