// @vitest-environment happy-dom
/**
 * The 今日 numbers against a fake main side: totals straight from the report with the estimated
 * part marked, quick periods, reloads on the period's takeaway orders only, an error that says
 * what to do, 导出 CSV under the period's name, and 打印交班小票 only with a printer (再打一张
 * after a refusal).
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskApi, DeskEvents, DeskStatus } from '../../../shared/api.js';
import type { PrintJobView } from '../../../shared/printing.js';
import type { DayReport } from '../../../shared/shop-floor.js';
import type { DeskClient, DeskListener } from '../../../renderer/src/api/desk-client.js';
import DayNumbers from '../../../renderer/src/components/today/DayNumbers.js';
import { quickOf, quickPeriod } from '../../../renderer/src/components/today/period.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';
import { buildDayReport, hourFormatter, summarize } from '../../../electron/core/floor/day-report.js';
import { unionOrder } from './fake-union-order.js';
import { fakeOrder } from './fake-order.js';

const TODAY = '2026-11-25'; // a Wednesday
const orders = [
  fakeOrder({ orderId: '1', key: 'meituan:1', status: 'completed', totalCents: 3000, receivableCents: 2400 }),
  fakeOrder({ orderId: '2', key: 'eleme:2', platform: 'eleme', storeId: 'store-2', storeName: '湘北二店', status: 'completed', totalCents: 1000, receivableCents: null, facts: null, createdAt: '2026-11-25T10:00:00.000Z' }),
  fakeOrder({ orderId: '3', key: 'meituan:3', status: 'cancelled', totalCents: 1500 }),
];
const report = (from = TODAY, to = TODAY): DayReport =>
  buildDayReport(from, to, 'Asia/Shanghai', [{ day: TODAY, summary: summarize(orders, hourFormatter('Asia/Shanghai')) }]);

const printerView = { name: '前台', type: 'network', width: 80, state: 'ready' } as unknown as NonNullable<DeskStatus['printers']>[number];

function renderNumbers(calls: Partial<DeskApi>, printers = false) {
  const listeners = new Set<DeskListener>();
  const all: Partial<DeskApi> = { status: async () => ({ ...(printers ? { printers: [printerView] } : {}) }) as DeskStatus, ...calls };
  const api = new Proxy(all, {
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
  render(createElement(DeskContext.Provider, { value: desk }, createElement(DayNumbers, { today: TODAY })));
  return { emit };
}

beforeAll(async () => {
  await i18n.changeLanguage('zh-CN');
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('DayNumbers', () => {
  it('shows today’s totals, says which part of the income is estimated, and tables by platform and store', async () => {
    const dayReport = vi.fn(async (from: string, to: string) => report(from, to));
    renderNumbers({ dayReport });
    expect((await screen.findByTestId('today-total-valid')).textContent).toBe('2');
    expect(dayReport).toHaveBeenCalledWith(TODAY, TODAY);
    expect(screen.getByTestId('today-total-revenue').textContent).toBe('¥40.00');
    // 2400 known, Eleme's 10.00 at what the customer paid (no Eleme figure this period).
    expect(screen.getByTestId('today-total-income').textContent).toBe('¥34.00');
    expect(screen.getByTestId('today-total-cancelled').textContent).toBe('1');
    expect(screen.getByTestId('today-total-average').textContent).toBe('¥20.00');
    expect(screen.getByTestId('today-totals').textContent).toContain('含估算 ¥10.00');
    expect(screen.getByTestId('today-estimate-note').textContent).toContain('饿了么本期没有收入数据，按顾客实付计（偏高）');
    const eleme = screen.getByTestId('today-by-platform').querySelector('tr[data-row="eleme"]')!;
    expect(eleme.textContent).toContain('估');
    expect(screen.getByTestId('today-by-store').querySelectorAll('tbody tr')).toHaveLength(2);
    expect(document.querySelectorAll('.hour-col')).toHaveLength(24);
    expect(document.querySelector('.hour-col[data-hour="18"]')!.getAttribute('data-orders')).toBe('1');
    expect(screen.queryByTestId('today-by-day')).toBeNull(); // one day: no day table
  });

  it('asks for 昨天, 本周 and 本月, and shows which one is pressed', async () => {
    const dayReport = vi.fn(async (from: string, to: string) => report(from, to));
    renderNumbers({ dayReport });
    await screen.findByTestId('today-total-valid');
    fireEvent.click(screen.getByTestId('today-quick-yesterday'));
    await waitFor(() => expect(dayReport).toHaveBeenLastCalledWith('2026-11-24', '2026-11-24'));
    expect(screen.getByTestId('today-quick-yesterday').getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByTestId('today-quick-week'));
    await waitFor(() => expect(dayReport).toHaveBeenLastCalledWith('2026-11-23', TODAY));
    fireEvent.click(screen.getByTestId('today-quick-month'));
    await waitFor(() => expect(dayReport).toHaveBeenLastCalledWith('2026-11-01', TODAY));
    expect(await screen.findByTestId('today-by-day')).toBeTruthy();
    expect(quickPeriod('yesterday', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28' });
    expect(quickOf('2026-11-24', '2026-11-24', TODAY)).toBe('yesterday');
  });

  it('reloads when a takeaway order of the period changes, not for promotion orders or other days', async () => {
    const dayReport = vi.fn(async (from: string, to: string) => report(from, to));
    const { emit } = renderNumbers({ dayReport });
    await screen.findByTestId('today-total-valid');
    await waitFor(() => expect(dayReport).toHaveBeenCalledTimes(1));
    act(() => emit({ order: unionOrder({ id: '9', day: TODAY, sid: 's', status: 'paid', paidCents: 100, commissionCents: 1 }), created: true, previousStatus: null }));
    act(() => emit({ order: { ...orders[0]!, businessDay: '2026-11-20' }, created: false, previousStatus: 'accepted' }));
    expect(dayReport).toHaveBeenCalledTimes(1);
    act(() => emit({ order: orders[1]!, created: true, previousStatus: null }));
    await waitFor(() => expect(dayReport).toHaveBeenCalledTimes(2));
  });

  it('says what went wrong and tries again on 重试', async () => {
    let fail = true;
    const dayReport = vi.fn(async (from: string, to: string) => {
      if (fail) throw new Error('连接中断，请检查网络');
      return report(from, to);
    });
    renderNumbers({ dayReport });
    expect((await screen.findByTestId('today-error')).textContent).toContain('没能读取数据：连接中断，请检查网络');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    expect((await screen.findByTestId('today-total-valid')).textContent).toBe('2');
    expect(screen.queryByTestId('today-error')).toBeNull();
  });

  it('exports the CSV as 今日数据_<from>_<to>.csv', async () => {
    const dayReportCsv = vi.fn(async () => '\ufeff日期\r\n');
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:today');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    renderNumbers({ dayReport: async (f, t) => report(f, t), dayReportCsv });
    fireEvent.click(await screen.findByTestId('today-export'));
    await waitFor(() => expect(clicked).toEqual([`今日数据_${TODAY}_${TODAY}.csv`]));
    expect(dayReportCsv).toHaveBeenCalledWith(TODAY, TODAY);
    expect(await (createObjectURL.mock.calls[0]![0] as Blob).text()).toBe('\ufeff日期\r\n');
  });

  it('offers 打印交班小票 only with a printer; a refusal offers 再打一张', async () => {
    renderNumbers({ dayReport: async (f, t) => report(f, t) });
    await screen.findByTestId('today-total-valid');
    await act(async () => undefined);
    expect(screen.queryByTestId('today-print')).toBeNull();
    cleanup();

    const job = { id: 'day-report|x', printer: '前台' } as PrintJobView;
    const printDayReport = vi.fn(async (_f: string, _t: string, again?: boolean) => {
      if (!again && printDayReport.mock.calls.length > 1) throw new Error('2026-11-25 的交班小票刚刚已经打印，要再打一张请按「再打一张」');
      return [job];
    });
    renderNumbers({ dayReport: async (f, t) => report(f, t), printDayReport }, true);
    fireEvent.click(await screen.findByTestId('today-print'));
    expect((await screen.findByTestId('today-print-result')).textContent).toBe('交班小票已发送到 前台');
    expect(printDayReport).toHaveBeenLastCalledWith(TODAY, TODAY, false);
    fireEvent.click(screen.getByTestId('today-print'));
    await waitFor(() => expect(screen.getByTestId('today-print-result').textContent).toContain('没有打印：2026-11-25 的交班小票刚刚已经打印'));
    fireEvent.click(screen.getByTestId('today-print-again'));
    await waitFor(() => expect(screen.getByTestId('today-print-result').textContent).toBe('交班小票已发送到 前台'));
    expect(printDayReport).toHaveBeenLastCalledWith(TODAY, TODAY, true);
  });

  it('shows the core’s words when a period is refused (too long)', async () => {
    const dayReport = vi.fn(async (from: string, to: string) => {
      if (from < '2026-01-01') throw new Error('一次最多查询 366 天');
      return report(from, to);
    });
    renderNumbers({ dayReport });
    await screen.findByTestId('today-total-valid');
    fireEvent.change(screen.getByTestId('today-from'), { target: { value: '2025-01-01' } });
    await waitFor(() => expect(screen.getByTestId('today-error').textContent).toContain('没能读取数据：一次最多查询 366 天'));
    expect(dayReport).toHaveBeenLastCalledWith('2025-01-01', TODAY);
  });

  it('says so when the period has no takeaway orders', async () => {
    renderNumbers({ dayReport: async (f, t) => buildDayReport(f, t, 'Asia/Shanghai', []) });
    expect((await screen.findByTestId('today-none')).textContent).toBe('这段时间没有外卖订单');
    expect(screen.getByTestId('today-total-valid').textContent).toBe('0');
  });
});
