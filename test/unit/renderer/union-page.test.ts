// @vitest-environment happy-dom
/**
 * The 推广订单 page against a fake main side: totals straight from the report, renaming a
 * promoter goes through namePromoter, the status filter narrows the list, a union
 * `order-changed` event reloads, and 导出 CSV downloads the core's text under the period's name.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskApi, DeskEvents, UnionReport } from '../../../shared/api.js';
import type { DeskClient, DeskListener } from '../../../renderer/src/api/desk-client.js';
import UnionPage from '../../../renderer/src/components/union/UnionPage.js';
import { quickPeriod } from '../../../renderer/src/components/union/period.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';
import { unionOrder } from './fake-union-order.js';

const TODAY = '2026-11-25';
const orders = [
  unionOrder({ id: '1001', day: TODAY, sid: 's-wang', status: 'completed', paidCents: 3990, commissionCents: 200, title: '双人套餐' }),
  unionOrder({ id: '1002', day: TODAY, sid: 's-li', status: 'paid', paidCents: 1550, commissionCents: 80, title: '单人餐', minute: 5 }),
  unionOrder({ id: '1003', day: TODAY, sid: 's-wang', status: 'refunded', paidCents: 2000, commissionCents: 100, title: '家庭桶', minute: 9 }),
];
const report: UnionReport = {
  orders,
  byPromoter: [
    { sid: 's-wang', name: '王姐', orders: 2, paidCents: 3990, refundedCents: 2000, commissionCents: 200 },
    { sid: 's-li', name: '', orders: 1, paidCents: 1550, refundedCents: 0, commissionCents: 80 },
  ],
  byDay: [{ day: TODAY, orders: 3, paidCents: 5540, refundedCents: 2000, commissionCents: 280 }],
};

function renderPage(calls: Partial<DeskApi>) {
  const listeners = new Set<DeskListener>();
  const api = new Proxy(calls, {
    get: (target, method: string) => target[method as keyof DeskApi] ?? (() => Promise.reject(new Error(`unexpected call ${method}`))),
  }) as DeskApi;
  const desk: DeskClient = {
    api,
    subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
    resolveLink: (p) => p,
    openLink: () => Promise.resolve(true),
    onConnection: () => () => undefined,
  };
  const emit = (payload: DeskEvents['order-changed']): void => listeners.forEach((l) => l('order-changed', payload));
  render(createElement(DeskContext.Provider, { value: desk }, createElement(UnionPage, { today: TODAY })));
  return { emit };
}

beforeAll(async () => {
  await i18n.changeLanguage('zh-CN');
});
afterEach(cleanup);

describe('UnionPage', () => {
  it('shows the totals from the report, for today by default', async () => {
    const unionReport = vi.fn(async () => report);
    renderPage({ unionReport });
    expect((await screen.findByTestId('union-total-orders')).textContent).toBe('3');
    expect(screen.getByTestId('union-total-paid').textContent).toBe('¥55.40');
    expect(screen.getByTestId('union-total-refunded').textContent).toBe('¥20.00');
    expect(screen.getByTestId('union-total-commission').textContent).toBe('¥2.80');
    expect(unionReport).toHaveBeenCalledWith(TODAY, TODAY);
    const rows = screen.getAllByTestId('promoter-row');
    expect(rows.map((r) => r.dataset.sid)).toEqual(['s-wang', 's-li']);
    expect(screen.getByTestId('union-page').textContent).toContain('已退款');
  });

  it('asks for 本月 and 本周 periods (weeks start on Monday)', async () => {
    const unionReport = vi.fn(async () => report);
    renderPage({ unionReport });
    await screen.findByTestId('union-total-orders');
    fireEvent.click(screen.getByRole('button', { name: '本月' }));
    await waitFor(() => expect(unionReport).toHaveBeenLastCalledWith('2026-11-01', TODAY));
    expect(quickPeriod('week', TODAY)).toEqual({ from: '2026-11-23', to: TODAY }); // a Wednesday
    expect(quickPeriod('week', '2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-23' });
    expect(quickPeriod('week', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // Sunday
  });

  it('renames a promoter through namePromoter and reloads', async () => {
    const unionReport = vi.fn(async () => report);
    const namePromoter = vi.fn(async (sid: string, name: string) => ({ sid, name }));
    renderPage({ unionReport, namePromoter });
    await screen.findAllByTestId('promoter-row');
    const input = screen.getAllByTestId('promoter-name-input')[1] as HTMLInputElement;
    expect(input.value).toBe('');
    fireEvent.change(input, { target: { value: ' 小李 ' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.blur(input);
    await waitFor(() => expect(namePromoter).toHaveBeenCalledWith('s-li', '小李'));
    expect(namePromoter).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(unionReport).toHaveBeenCalledTimes(2));
  });

  it('lists only the orders of the chosen status', async () => {
    renderPage({ unionReport: async () => report });
    await screen.findByTestId('union-total-orders');
    const listed = (): string[] => screen.getAllByTestId('union-order-row').map((r) => r.dataset.orderKey ?? '');
    expect(listed()).toEqual(['union:1003', 'union:1002', 'union:1001']);
    fireEvent.change(screen.getByTestId('union-status-filter'), { target: { value: 'refunded' } });
    expect(listed()).toEqual(['union:1003']);
    fireEvent.change(screen.getByTestId('union-status-filter'), { target: { value: 'paid' } });
    expect(listed()).toEqual(['union:1002']);
    expect(screen.getByTestId('union-total-orders').textContent).toBe('3'); // totals are the period's
  });

  it('reloads when a union order of the period changes, not for takeaway orders', async () => {
    const unionReport = vi.fn(async () => report);
    const { emit } = renderPage({ unionReport });
    await screen.findByTestId('union-total-orders');
    await waitFor(() => expect(unionReport).toHaveBeenCalledTimes(1));
    act(() => emit({ order: { ...orders[0]!, platform: 'meituan' }, created: true, previousStatus: null }));
    act(() => emit({ order: { ...orders[0]!, businessDay: '2026-11-20' }, created: true, previousStatus: null }));
    expect(unionReport).toHaveBeenCalledTimes(1);
    act(() => emit({ order: orders[1]!, created: false, previousStatus: 'paid' }));
    await waitFor(() => expect(unionReport).toHaveBeenCalledTimes(2));
  });

  it('exports the CSV as 推广订单_<from>_<to>.csv', async () => {
    const unionCsv = vi.fn(async () => '\ufeff日期\r\n');
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:union');
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    renderPage({ unionReport: async () => report, unionCsv });
    fireEvent.click(await screen.findByTestId('union-export'));
    await waitFor(() => expect(clicked).toEqual([`推广订单_${TODAY}_${TODAY}.csv`]));
    expect(unionCsv).toHaveBeenCalledWith(TODAY, TODAY);
    expect(await (createObjectURL.mock.calls[0]![0] as Blob).text()).toBe('\ufeff日期\r\n');
    await waitFor(() => expect(revoke).toHaveBeenCalledWith('blob:union'));
    vi.restoreAllMocks();
  });
});
