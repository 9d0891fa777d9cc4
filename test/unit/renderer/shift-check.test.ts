// @vitest-environment happy-dom
/**
 * The end-of-shift check screen against a fake main side: 开始检查 asks for the picked day and
 * shows progress until the answer; owed orders are grouped by kind and named 美#12, and a click
 * opens one on the board; the reconciliation table shows platform / desk / pulled counts and
 * errors; a clear line shows only when nothing is owed and nothing is missing.
 */
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskApi } from '../../../shared/api.js';
import type { ShiftCheckReport } from '../../../shared/shop-floor.js';
import type { DeskClient } from '../../../renderer/src/api/desk-client.js';
import ShiftCheck from '../../../renderer/src/components/shift/ShiftCheck.js';
import { orderName, owedGroups, summaryOf } from '../../../renderer/src/components/shift/shift-view.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';
import * as focus from '../../../renderer/src/state/focus.js';
import { toOrderCard } from '../../../shared/order-card.js';
import { fakeOrder } from './fake-order.js';

const TODAY = '2026-11-25';
const AT = '2026-11-25T13:00:00.000Z';

const owedReport: ShiftCheckReport = {
  day: TODAY,
  at: AT,
  owed: [
    { kind: 'unaccepted', key: 'meituan:1', platform: 'meituan', daySeq: 12, storeName: '湘北人家', since: '2026-11-25T12:00:00.000Z', detail: '待接单' },
    { kind: 'reminder-unanswered', key: 'eleme:2', platform: 'eleme', daySeq: 3, storeName: '湘北人家', since: '2026-11-25T12:10:00.000Z', detail: '顾客催单，尚未回复' },
    { kind: 'unaccepted', key: 'eleme:4', platform: 'eleme', daySeq: 5, storeName: '湘北人家', since: '2026-11-25T12:20:00.000Z', detail: '待接单' },
  ],
  platforms: [
    { platform: 'meituan', storeId: 'store-1', storeName: '湘北人家', platformCount: 14, deskCount: 13, missing: ['900'], pulled: ['900'], error: '' },
    { platform: 'eleme', storeId: 'store-1', storeName: '湘北人家', platformCount: null, deskCount: 6, missing: [], pulled: [], error: '饿了么当日订单没有取到：饿了么接口超时。请稍后再点「开始检查」' },
  ],
};

const clearReport: ShiftCheckReport = {
  day: TODAY,
  at: AT,
  owed: [],
  platforms: [
    { platform: 'meituan', storeId: 'store-1', storeName: '湘北人家', platformCount: 14, deskCount: 14, missing: [], pulled: [], error: '' },
    { platform: 'eleme', storeId: 'store-1', storeName: '湘北人家', platformCount: 6, deskCount: 6, missing: [], pulled: [], error: '' },
  ],
};

function renderCheck(calls: Partial<DeskApi>) {
  const api = new Proxy(calls, {
    get: (target, method: string) => target[method as keyof DeskApi] ?? (() => Promise.reject(new Error(`unexpected call ${method}`))),
  }) as DeskApi;
  const desk: DeskClient = {
    api,
    subscribe: () => () => undefined,
    resolveLink: (p) => p,
    openLink: () => Promise.resolve(true),
    onConnection: () => () => undefined,
  };
  render(createElement(DeskContext.Provider, { value: desk }, createElement(ShiftCheck, { today: TODAY })));
}

beforeAll(async () => {
  await i18n.changeLanguage('zh-CN');
});
afterEach(cleanup);

describe('ShiftCheck', () => {
  it('checks the picked day, shows progress until the answer, then the owed orders by kind and the table', async () => {
    let answer: (r: ShiftCheckReport) => void = () => undefined;
    const shiftCheck = vi.fn((_day?: string) => new Promise<ShiftCheckReport>((resolve) => (answer = resolve)));
    const pulled = toOrderCard(fakeOrder({ orderId: '900', daySeq: 9, status: 'accepted', businessDay: '2026-11-24' }));
    renderCheck({ shiftCheck, listOrderCards: async () => [pulled] });
    fireEvent.change(screen.getByTestId('shift-day'), { target: { value: '2026-11-24' } });
    fireEvent.click(screen.getByTestId('shift-start'));
    expect(shiftCheck).toHaveBeenCalledWith('2026-11-24');
    expect(screen.getByTestId('shift-progress').textContent).toContain('正在检查');
    expect((screen.getByTestId('shift-start') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => answer({ ...owedReport, day: '2026-11-24' }));

    expect(screen.queryByTestId('shift-progress')).toBeNull();
    expect(screen.queryByTestId('shift-all-clear')).toBeNull();
    expect(screen.getByTestId('shift-summary').textContent).toBe('还有 3 件事没处理；补回 1 单本机没收到的订单；1 处没能核对');
    const unaccepted = screen.getByTestId('shift-owed-unaccepted');
    expect(within(unaccepted).getAllByTestId('shift-owed-order').map((b) => b.textContent)).toEqual(['美#12', '饿#5']);
    expect(within(screen.getByTestId('shift-owed-reminder-unanswered')).getByTestId('shift-owed-order').textContent).toBe('饿#3');
    expect(screen.getByTestId('shift-owed-reminder-unanswered').textContent).toContain('顾客催单，尚未回复');

    const rows = screen.getAllByTestId('shift-reconcile-row');
    expect(rows.map((r) => r.getAttribute('data-platform'))).toEqual(['meituan', 'eleme']);
    const [mt, el] = rows as [HTMLElement, HTMLElement];
    expect(within(mt).getByTestId('shift-platform-count').textContent).toBe('14 单');
    expect(within(mt).getByTestId('shift-desk-count').textContent).toBe('13 单');
    expect(within(mt).getByTestId('shift-pulled-count').textContent).toBe('1 单');
    // The pulled-in order goes by its pickup number once the window has it.
    expect(await within(mt).findByText('美#9')).toBeTruthy();
    expect(within(el).getByTestId('shift-platform-count').textContent).toBe('—');
    expect(within(el).getByTestId('shift-reconcile-error').textContent).toContain('饿了么接口超时');
  });

  it('opens an owed order on the board when clicked', async () => {
    const spy = vi.spyOn(focus, 'requestFocus');
    renderCheck({ shiftCheck: async () => owedReport, listOrderCards: async () => [] });
    fireEvent.click(screen.getByTestId('shift-start'));
    const first = (await screen.findAllByTestId('shift-owed-order'))[0]!;
    fireEvent.click(first);
    expect(spy).toHaveBeenCalledWith('meituan:1');
  });

  it('says all is clear when nothing is owed and every platform matches', async () => {
    renderCheck({ shiftCheck: async () => clearReport, listOrderCards: async () => [] });
    fireEvent.click(screen.getByTestId('shift-start'));
    expect((await screen.findByTestId('shift-all-clear')).textContent).toContain('全部处理完毕');
    expect(screen.getAllByText('一致')).toHaveLength(2);
    expect(screen.getByTestId('shift-start').textContent).toBe('重新检查');
  });

  it('a check that fails says so and what to do', async () => {
    renderCheck({ shiftCheck: async () => Promise.reject(new Error('连接断开')), listOrderCards: async () => [] });
    fireEvent.click(screen.getByTestId('shift-start'));
    expect((await screen.findByTestId('shift-error')).textContent).toBe('检查没有完成：连接断开。请检查网络后再点「开始检查」');
  });
});

describe('shift-view', () => {
  it('groups by kind in a fixed order and counts what is owed, pulled and unchecked', () => {
    expect(owedGroups(owedReport.owed).map((g) => [g.kind, g.lines.length])).toEqual([
      ['unaccepted', 2],
      ['reminder-unanswered', 1],
    ]);
    expect(summaryOf(owedReport)).toEqual({ owed: 3, pulled: 1, errors: 1, clear: false });
    expect(summaryOf(clearReport).clear).toBe(true);
    // Something missing that could not be pulled in is not clear, even with nothing owed.
    const notPulled = { ...clearReport, platforms: [{ ...clearReport.platforms[0]!, missing: ['7'], pulled: [] }] };
    expect(summaryOf(notPulled)).toMatchObject({ errors: 1, clear: false });
  });

  it('names an order by its pickup number, or by its id when the number is not known', () => {
    expect(orderName('meituan', 12, '1', 'zh')).toBe('美#12');
    expect(orderName('eleme', 12, '1', 'en')).toBe('EL#12');
    expect(orderName('eleme', null, '50012345678', 'zh')).toBe('饿 …5678');
  });
});
