// @vitest-environment happy-dom
/**
 * The auto-accept rules editor on the stores page against a fake desk: what it saves, what it
 * refuses (in Chinese, saving nothing), the pause with its countdown and 恢复; and the card's
 * line saying what the rules decided when they did not accept.
 */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskApi } from '../../../shared/api.js';
import { DEFAULT_AUTO_ACCEPT_RULES, type AutoAcceptRules } from '../../../shared/shop-floor.js';
import { UNBOUND, type Store, type StoreSettings } from '../../../shared/store.js';
import type { DeskClient } from '../../../renderer/src/api/desk-client.js';
import AcceptRulesEditor from '../../../renderer/src/components/floor/AcceptRulesEditor.js';
import { countdown, normalizeTime, reasonInEnglish, rulesOf, formOf } from '../../../renderer/src/components/floor/accept-rules-form.js';
import { decideAutoAccept } from '../../../electron/core/floor/accept-rules.js';
import OrderCard from '../../../renderer/src/components/board/OrderCard.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';
import { fakeOrder } from './fake-order.js';

const store = (rules?: AutoAcceptRules): Store => ({
  id: 'store-1',
  name: '湘北人家',
  bindings: { meituan: { ...UNBOUND }, eleme: { ...UNBOUND } },
  settings: { autoAccept: true, autoAcceptDelaySeconds: 0, ...(rules ? { autoAcceptRules: rules } : {}) },
});

function desk(api: Partial<DeskApi>): DeskClient {
  return {
    api: api as DeskApi,
    subscribe: () => () => undefined,
    resolveLink: (p) => p,
    openLink: () => Promise.resolve(true),
    onConnection: () => () => undefined,
  };
}

function show(s: Store) {
  const update = vi.fn((_id: string, patch: Partial<StoreSettings>) => Promise.resolve({ ...s, settings: { ...s.settings, ...patch } }));
  render(createElement(DeskContext.Provider, { value: desk({ updateStoreSettings: update }) }, createElement(AcceptRulesEditor, { store: s })));
  const root = screen.getByTestId('accept-rules');
  // Open the folded rules.
  fireEvent.click(within(root).getByTestId('accept-rules-summary'));
  return { update, root };
}

beforeAll(async () => {
  await i18n.changeLanguage('zh-CN');
});
afterEach(cleanup);

describe('rules editor', () => {
  it('sums up a store without rules as all day, no limit', () => {
    const { root } = show(store());
    expect(within(root).getByTestId('accept-rules-summary').textContent).toContain('全天 · 不限量');
    expect(within(root).getByTestId('accept-rules-save')).toHaveProperty('disabled', true);
  });

  it('saves windows, the limit, pre-orders by hand and a platform by hand, keeping the pause', async () => {
    const pausedUntil = new Date(Date.now() + 10 * 60_000).toISOString();
    const { update, root } = show(store({ ...DEFAULT_AUTO_ACCEPT_RULES, pausedUntil }));
    const w = within(root);
    fireEvent.click(w.getByTestId('accept-window-add'));
    fireEvent.click(w.getByTestId('accept-window-add'));
    const froms = w.getAllByTestId('accept-window-from');
    const tos = w.getAllByTestId('accept-window-to');
    fireEvent.change(froms[1]!, { target: { value: '22:00' } });
    fireEvent.change(tos[1]!, { target: { value: '2:00' } });
    fireEvent.click(w.getByTestId('accept-limit-on'));
    fireEvent.change(w.getByTestId('accept-limit-minutes'), { target: { value: '15' } });
    fireEvent.change(w.getByTestId('accept-limit-orders'), { target: { value: '20' } });
    fireEvent.click(w.getByTestId('accept-pre-manual'));
    fireEvent.click(w.getByTestId('accept-manual-eleme'));
    fireEvent.click(w.getByTestId('accept-rules-save'));
    expect(update).toHaveBeenCalledWith('store-1', {
      autoAcceptRules: {
        windows: [
          { from: '11:00', to: '14:00' },
          { from: '22:00', to: '02:00' },
        ],
        limit: { orders: 20, minutes: 15 },
        preOrders: 'manual',
        manualPlatforms: ['eleme'],
        pausedUntil,
      },
    });
    await waitFor(() => expect(w.getByTestId('accept-rules-feedback').textContent).toBe('已保存'));
  });

  it('refuses a wrong time, an empty window and a limit out of range, in Chinese, and saves nothing', () => {
    const { update, root } = show(store());
    const w = within(root);
    fireEvent.click(w.getByTestId('accept-window-add'));
    fireEvent.click(w.getByTestId('accept-window-add'));
    fireEvent.change(w.getAllByTestId('accept-window-from')[0]!, { target: { value: '25:00' } });
    fireEvent.change(w.getAllByTestId('accept-window-to')[1]!, { target: { value: '11:00' } });
    fireEvent.click(w.getByTestId('accept-limit-on'));
    fireEvent.change(w.getByTestId('accept-limit-orders'), { target: { value: '0' } });
    fireEvent.change(w.getByTestId('accept-limit-minutes'), { target: { value: '2000' } });
    fireEvent.click(w.getByTestId('accept-rules-save'));
    const errors = [...w.getByTestId('accept-rules-errors').querySelectorAll('li')].map((li) => li.textContent);
    expect(errors).toEqual([
      '第 1 个时段：请按 时:分 填写，例如 11:00',
      '第 2 个时段：开始和结束不能相同',
      '限量：单数请填 1–1000 之间的整数',
      '限量：分钟数请填 1–1440 之间的整数',
    ]);
    expect(update).not.toHaveBeenCalled();
  });

  it('removes a window', () => {
    const { update, root } = show(store({ ...DEFAULT_AUTO_ACCEPT_RULES, windows: [{ from: '11:00', to: '14:00' }] }));
    const w = within(root);
    expect(w.getByTestId('accept-rules-summary').textContent).toContain('11:00–14:00');
    fireEvent.click(w.getByTestId('accept-window-remove'));
    fireEvent.click(w.getByTestId('accept-rules-save'));
    expect(update.mock.calls[0]![1].autoAcceptRules?.windows).toEqual([]);
  });
});

describe('pause', () => {
  it('pauses for 30 minutes from now, saved at once', () => {
    const { update, root } = show(store());
    const before = Date.now();
    fireEvent.click(within(root).getByTestId('accept-pause-30'));
    const until = Date.parse(update.mock.calls[0]![1].autoAcceptRules!.pausedUntil!);
    expect(until - before).toBeGreaterThanOrEqual(30 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(30 * 60_000);
  });

  it('while paused shows until when, the time left, and 恢复 lifts it keeping the rest', () => {
    const rules = { ...DEFAULT_AUTO_ACCEPT_RULES, limit: { orders: 5, minutes: 10 }, pausedUntil: new Date(Date.now() + 20 * 60_000 - 500).toISOString() };
    const { update, root } = show(store(rules));
    const w = within(root);
    expect(w.getByTestId('accept-paused').textContent).toMatch(/自动接单已暂停至 \d\d:\d\d/);
    expect(w.getByTestId('accept-pause-countdown').textContent).toMatch(/^还剩 (19:5\d|20:00)$/);
    expect(w.queryByTestId('accept-pause-15')).toBeNull();
    fireEvent.click(w.getByTestId('accept-resume'));
    expect(update).toHaveBeenCalledWith('store-1', { autoAcceptRules: { ...rules, pausedUntil: null } });
  });

  it('the countdown runs down and the pause ends by itself on screen', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
    try {
      const { root } = show(store({ ...DEFAULT_AUTO_ACCEPT_RULES, pausedUntil: new Date(Date.now() + 3000).toISOString() }));
      const w = within(root);
      expect(w.getByTestId('accept-pause-countdown').textContent).toBe('还剩 00:03');
      act(() => void vi.advanceTimersByTime(1000));
      expect(w.getByTestId('accept-pause-countdown').textContent).toBe('还剩 00:02');
      act(() => void vi.advanceTimersByTime(2500));
      expect(w.queryByTestId('accept-paused')).toBeNull();
      expect(w.getByTestId('accept-pause-15')).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  });

  it('a pause that has run out shows the pause buttons again', () => {
    const { root } = show(store({ ...DEFAULT_AUTO_ACCEPT_RULES, pausedUntil: new Date(Date.now() - 1000).toISOString() }));
    expect(within(root).queryByTestId('accept-paused')).toBeNull();
    expect(within(root).getByTestId('accept-pause-15')).toBeTruthy();
  });
});

describe('form arithmetic', () => {
  it('normalizes typed times and counts down', () => {
    expect(normalizeTime('9:5')).toBe('09:05');
    expect(normalizeTime('0930')).toBe('09:30');
    expect(normalizeTime('11：00')).toBe('11:00');
    expect(normalizeTime('24:00')).toBeNull();
    expect(countdown(new Date(90_500).toISOString(), 0)).toBe('01:31');
    expect(countdown(new Date(3_600_000).toISOString(), 0)).toBe('1:00:00');
    expect(countdown(new Date(0).toISOString(), 5000)).toBe('00:00');
    expect(rulesOf(formOf(undefined), null)).toEqual({ rules: DEFAULT_AUTO_ACCEPT_RULES, errors: [] });
  });
});

describe('the card', () => {
  const renderCard = (order: ReturnType<typeof fakeOrder>) =>
    render(createElement(DeskContext.Provider, { value: desk({}) }, createElement(OrderCard, { order, onOpenDetail: () => undefined })));

  it('shows what the rules decided while the order waits for a person', () => {
    const reason = '自动接单：超出每 15 分钟 20 单的上限，请手动接单';
    renderCard(fakeOrder({ status: 'new', autoAcceptDecision: { accept: false, reason, at: '2026-12-02T04:00:00.000Z' } }));
    expect(screen.getByTestId('accept-decision').textContent).toBe(reason);
  });

  it('shows nothing when the rules let it through, or once it is accepted', () => {
    renderCard(fakeOrder({ status: 'new', autoAcceptDecision: { accept: true, reason: '按规则自动接单', at: '2026-12-02T04:00:00.000Z' } }));
    renderCard(fakeOrder({ orderId: '2', status: 'accepted', autoAcceptDecision: { accept: false, reason: '预订单需手动接单', at: '2026-12-02T04:00:00.000Z' } }));
    expect(screen.queryByTestId('accept-decision')).toBeNull();
  });
});

describe('the reason in English', () => {
  it('has English for every sentence the core decides with, and shows anything else as it came', () => {
    const now = Date.parse('2026-12-02T04:00:00Z');
    const base = { rules: DEFAULT_AUTO_ACCEPT_RULES, order: { platform: 'meituan' as const, preOrder: false }, now, timeZone: 'Asia/Shanghai', busy: false, recentAccepts: [] as number[] };
    const cases = [
      { ...base, busy: true },
      { ...base, rules: { ...DEFAULT_AUTO_ACCEPT_RULES, pausedUntil: new Date(now + 60_000).toISOString() } },
      { ...base, rules: { ...DEFAULT_AUTO_ACCEPT_RULES, manualPlatforms: ['eleme' as const] }, order: { platform: 'eleme' as const, preOrder: false } },
      { ...base, rules: { ...DEFAULT_AUTO_ACCEPT_RULES, manualPlatforms: ['meituan' as const] } },
      { ...base, rules: { ...DEFAULT_AUTO_ACCEPT_RULES, preOrders: 'manual' as const }, order: { platform: 'meituan' as const, preOrder: true } },
      { ...base, rules: { ...DEFAULT_AUTO_ACCEPT_RULES, windows: [{ from: '06:00', to: '08:00' }, { from: '22:00', to: '02:00' }] } },
      { ...base, rules: { ...DEFAULT_AUTO_ACCEPT_RULES, limit: { orders: 1, minutes: 15 } }, recentAccepts: [now - 1000] },
      { ...base, rules: { ...DEFAULT_AUTO_ACCEPT_RULES, limit: { orders: 2, minutes: 15 } }, recentAccepts: [now - 1000] },
      base,
    ];
    for (const c of cases) {
      const english = reasonInEnglish(decideAutoAccept(c).reason);
      expect(english, decideAutoAccept(c).reason).not.toMatch(/[\u3000-\u9fff\uff00-\uffef]/);
    }
    expect(reasonInEnglish('自动接单：超出每 15 分钟 20 单的上限，请手动接单')).toBe('Over the limit of 20 orders per 15 minutes; accept by hand');
    expect(reasonInEnglish('别的话')).toBe('别的话');
  });
});
