// @vitest-environment happy-dom
/**
 * What staff read about notices: a part refund request on the card with its dishes and amount,
 * a notice the core kept without understanding it, a resting store on the stores page, and the
 * status bar's store warnings.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeskApi, DeskStatus } from '../../../shared/api.js';
import type { Binding, StoreWarning } from '../../../shared/store.js';
import { UNBOUND } from '../../../shared/store.js';
import type { DeskClient } from '../../../renderer/src/api/desk-client.js';
import OrderCard from '../../../renderer/src/components/board/OrderCard.js';
import StoreStatusNotes from '../../../renderer/src/components/stores/StoreStatusNotes.js';
import StatusBar from '../../../renderer/src/components/stores/StatusBar.js';
import StoreWarnings from '../../../renderer/src/components/stores/StoreWarnings.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { eventTypeText } from '../../../renderer/src/lib/events.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';
import { fakeOrder } from './fake-order.js';

const desk: DeskClient = {
  api: {} as DeskApi,
  subscribe: () => () => undefined,
  resolveLink: (p) => p,
  openLink: () => Promise.resolve(true),
  onConnection: () => () => undefined,
};
const inDesk = (el: React.ReactElement) => render(createElement(DeskContext.Provider, { value: desk }, el));

beforeAll(async () => {
  await i18n.changeLanguage('zh-CN');
});
afterEach(cleanup);

describe('notices on the card', () => {
  it('shows a part refund request with its reason, amount and dishes', () => {
    const order = fakeOrder({
      status: 'accepted',
      attention: { reason: 'refund-requested', since: '2026-11-25T04:00:00.000Z' },
      refund: {
        state: 'requested',
        reason: '商品缺货',
        partial: true,
        amountCents: 1990,
        items: [
          { name: '酸辣土豆丝', quantity: 1, refundCents: 1990 },
          { name: '米饭', quantity: 2, refundCents: null },
        ],
      },
    });
    inDesk(createElement(OrderCard, { order, onOpenDetail: () => undefined }));
    const card = screen.getByTestId('order-card');
    expect(card.dataset['attention']).toBe('refund-requested');
    expect(card.textContent).toContain('部分退款');
    expect(card.textContent).toContain('退款原因：商品缺货');
    expect(card.textContent).toContain('退款金额 ¥19.90');
    expect(screen.getByTestId('refund-items').textContent).toBe('退：酸辣土豆丝 ×1、米饭 ×2');
  });

  it('flags a notice the desk kept without understanding it, with its words', () => {
    const order = fakeOrder({
      flags: ['notice'],
      events: [
        { at: '2026-11-25T04:00:00.000Z', type: 'notice:refund:refundAppeal', source: '/meituan/order/refund', detail: '美团退款通知类型「refundAppeal」无法识别', seq: 3, status: 'accepted', fingerprint: 'f' },
      ],
    });
    inDesk(createElement(OrderCard, { order, onOpenDetail: () => undefined }));
    const flag = document.querySelector('[data-flag="notice"]');
    expect(flag?.textContent).toContain('平台发来无法识别的通知');
    expect(flag?.textContent).toContain('「refundAppeal」无法识别');
    expect(eventTypeText('notice:refund:refundAppeal', 'zh')).toBe('无法识别的平台通知（refund:refundAppeal）');
    expect(eventTypeText('notice:refund:refundAppeal', 'en')).toBe('Platform notice not understood (refund:refundAppeal)');
  });
});

describe('store status', () => {
  it('shows a resting store, the privacy downgrade and other notices on the stores page', () => {
    const binding: Binding = {
      ...UNBOUND,
      bound: true,
      status: { state: 'resting', code: 120, detail: '门店已休息 · 午休 · 店长', at: '2026-11-25T04:30:00.000Z' },
      privacyDowngradedAt: '2026-11-25T05:00:00.000Z',
      notices: [{ type: 'unbind-other-business', detail: 'businessId 1 unbound; Waimai binding kept', at: '2026-11-25T05:10:00.000Z' }],
    };
    render(createElement(StoreStatusNotes, { binding, timeZone: 'Asia/Shanghai' }));
    const status = screen.getByTestId('store-status');
    expect(status.dataset['state']).toBe('resting');
    expect(status.textContent).toContain('休息中');
    expect(status.textContent).toContain('午休');
    expect(status.textContent).toContain('2026-11-25 12:30');
    expect(screen.getByTestId('store-privacy').textContent).toContain('隐私号降级');
    expect(screen.getByTestId('store-notices').textContent).toContain('unbind-other-business');
  });

  it('shows nothing for a store the platform never said anything about', () => {
    const { container } = render(createElement(StoreStatusNotes, { binding: UNBOUND, timeZone: 'Asia/Shanghai' }));
    expect(container.textContent).toBe('');
  });

  it('warns in the status bar about a resting store, and about a downgrade once per platform', () => {
    const at = '2026-11-25T04:30:00.000Z';
    const warnings: StoreWarning[] = [
      { storeId: 'store-1', storeName: '湘北人家', platform: 'meituan', kind: 'resting', detail: '门店已休息', at },
      { storeId: 'store-1', storeName: '湘北人家', platform: 'meituan', kind: 'privacy-downgrade', detail: '', at },
      { storeId: 'store-2', storeName: '川味小馆', platform: 'meituan', kind: 'privacy-downgrade', detail: '', at },
    ];
    render(createElement(StoreWarnings, { warnings }));
    const shown = screen.getAllByTestId('store-warning').map((w) => w.textContent);
    expect(shown).toEqual(['⚠ 湘北人家：美团外卖门店休息中，收不到新订单', '⚠ 美团外卖隐私号降级：虚拟号码可能打不通，请在平台后台查看顾客真实号码']);
  });

  it('the status bar carries the store warnings', () => {
    const status: DeskStatus = {
      receiver: { url: 'http://127.0.0.1:1', up: true },
      tunnel: { state: 'off', url: null, lastOkAt: null, lastError: '' },
      lastCallback: null,
      sandbox: false,
      autoAcceptPaused: false,
      secrets: 'owner-only-file',
      problems: [],
      timeZone: 'Asia/Shanghai',
      today: '2026-11-25',
      storeWarnings: [
        { storeId: 'store-2', storeName: '川味小馆', platform: 'meituan', kind: 'resting', detail: '', at: '2026-11-25T04:30:00.000Z' },
      ],
    };
    inDesk(createElement(StatusBar, { status }));
    const bar = screen.getByTestId('status-bar');
    expect(bar.querySelector('[data-testid="store-warning"]')?.textContent).toBe('⚠ 川味小馆：美团外卖门店休息中，收不到新订单');
  });
});
