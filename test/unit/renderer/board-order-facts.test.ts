// @vitest-environment happy-dom
/**
 * The facts staff act on, as they read them: on the card (cash to collect, invoice, cutlery,
 * discount and who pays, a pre-order's day and time) and in the detail (invoice title and tax
 * id, income lines, backup phones, refund photos, honest history, errors in staff words).
 */
import { cleanup, render, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeskApi } from '../../../shared/api.js';
import type { Order, OrderEvent, OrderFacts } from '../../../shared/order.js';
import type { DeskClient } from '../../../renderer/src/api/desk-client.js';
import OrderCard from '../../../renderer/src/components/board/OrderCard.js';
import OrderDetail from '../../../renderer/src/components/board/OrderDetail.js';
import i18n from '../../../renderer/src/i18n/index.js';
import { dayWord, splitTechnical, statusWordsInText } from '../../../renderer/src/lib/order-facts.js';
import { DeskContext } from '../../../renderer/src/state/use-desk.js';
import { fakeOrder } from './fake-order.js';

const desk: DeskClient = {
  api: new Proxy({}, { get: () => () => new Promise(() => undefined) }) as DeskApi,
  subscribe: () => () => undefined,
  resolveLink: (p) => p,
  openLink: () => Promise.resolve(true),
  onConnection: () => () => undefined,
};

const FACTS: OrderFacts = {
  invoice: { title: '某某科技有限公司', taxpayerId: '91110000MA0000000X' },
  cashOnDelivery: true,
  cutlery: 2,
  discounts: [{ remark: '满30元减4元', reduceCents: 400, platformCents: 150, shopCents: 250 }],
  income: {
    receivableCents: 1980,
    onlinePaymentCents: 2550,
    commissionCents: 320,
    logisticsFeeCents: 300,
    platformPays: [{ label: '活动款', cents: 150 }],
    shopPays: [{ label: '活动款', cents: 250 }],
  },
  backupPhones: ['13800000001_5678'],
};

function ev(type: string, source: string, detail = '', seq = 1): OrderEvent {
  return { at: `2026-11-25T04:0${seq}:00.000Z`, type, source, detail, seq, status: 'accepted', fingerprint: `f${seq}` };
}

const card = (order: Order) =>
  render(createElement(DeskContext.Provider, { value: desk }, createElement(OrderCard, { order, onOpenDetail: () => undefined })));
// The detail view fetches the full order (its history) when it opens.
const detail = (order: Order) =>
  render(
    createElement(
      DeskContext.Provider,
      { value: { ...desk, api: { ...desk.api, getOrder: () => Promise.resolve(order) } as DeskApi } },
      createElement(OrderDetail, { order, onClose: () => undefined }),
    ),
  );

beforeAll(async () => {
  await i18n.changeLanguage('zh-CN');
});
afterEach(cleanup);

describe('order facts on the card', () => {
  it('shows cash to collect, the invoice, cutlery and the discount with who pays it', () => {
    const { getByTestId } = card(fakeOrder({ facts: FACTS, totalCents: 2550 }));
    const badges = getByTestId('order-badges');
    expect(badges.querySelector('[data-fact="cash"]')?.textContent).toBe('货到付款 收 ¥25.50');
    expect(badges.querySelector('[data-fact="invoice"]')?.textContent).toBe('要发票：某某科技有限公司');
    expect(badges.querySelector('[data-fact="cutlery"]')?.textContent).toBe('餐具 2 份');
    expect(badges.querySelector('[data-fact="discount"]')?.textContent).toBe('优惠 ¥4.00 平台 ¥1.50 / 商家 ¥2.50');
  });

  it('says nothing for an online-paid order without invoice, cutlery choice or discount', () => {
    const none: OrderFacts = { ...FACTS, invoice: null, cashOnDelivery: false, cutlery: null, discounts: [] };
    const { queryByTestId } = card(fakeOrder({ facts: none }));
    expect(queryByTestId('order-badges')).toBeNull();
  });

  it('writes 不要餐具 when the customer wants none', () => {
    const { getByTestId } = card(fakeOrder({ facts: { ...FACTS, cutlery: 0 } }));
    expect(getByTestId('order-badges').querySelector('[data-fact="cutlery"]')?.textContent).toBe('不要餐具');
  });

  it("shows a pre-order's day and time large: 明天 12:30 送达", () => {
    const tomorrow = new Date(Date.now() + 86_400_000);
    const { getByTestId } = card(fakeOrder({ preOrder: true, deliveryTime: tomorrow.toISOString() }));
    const hh = String(tomorrow.getHours()).padStart(2, '0');
    const mm = String(tomorrow.getMinutes()).padStart(2, '0');
    expect(getByTestId('preorder-when').textContent).toBe(`明天 ${hh}:${mm} 送达`);
  });

  it('writes a privacy number as it is dialled', () => {
    const order = fakeOrder();
    const { getByTestId } = card({ ...order, customer: { ...order.customer, phone: '13800000000_1234' } });
    expect(getByTestId('order-card').textContent).toContain('13800000000 转 1234');
  });
});

describe('order facts in the detail', () => {
  it('lists the invoice title and tax id, cash to collect, each discount and the income lines', () => {
    const { getByTestId } = detail(fakeOrder({ facts: FACTS, totalCents: 2550 }));
    expect(getByTestId('detail-invoice').textContent).toBe('抬头 某某科技有限公司 · 税号 91110000MA0000000X');
    expect(getByTestId('detail-payment').textContent).toBe('货到付款：向顾客收 ¥25.50');
    expect(getByTestId('detail-discounts').textContent).toBe('满30元减4元：减 ¥4.00（平台出 ¥1.50，商家出 ¥2.50）');
    const income = getByTestId('detail-income').textContent ?? '';
    for (const part of ['顾客在线支付¥25.50', '平台补贴 活动款+¥1.50', '商家承担活动 活动款−¥2.50', '平台佣金−¥3.20', '商家实收¥19.80'])
      expect(income).toContain(part);
    expect(getByTestId('backup-phones').textContent).toBe('13800000001 转 5678');
  });

  it('says who delivers: pickup and self-delivery in words', () => {
    const pickup = detail(fakeOrder({ pickup: true }));
    expect(pickup.getByTestId('delivery-wording').textContent).toBe('到店自取：顾客自己来取');
    cleanup();
    const own = detail(
      fakeOrder({
        delivery: { code: '0000', name: '商家自配送', statusCode: null, statusText: '', riderName: '', riderPhone: '', selfDelivery: true },
      }),
    );
    expect(own.getByTestId('delivery-wording').textContent).toBe('商家自配送：店里派人送');
  });

  it('links the photos sent with a refund request', () => {
    const { getByTestId } = detail(
      fakeOrder({
        refund: { state: 'requested', reason: '少送了', partial: false, amountCents: null, items: [], photos: ['https://p0.meituan.net/a.jpg'] },
      }),
    );
    const link = within(getByTestId('refund-photos')).getByRole('link');
    expect(link.getAttribute('href')).toBe('https://p0.meituan.net/a.jpg');
  });

  it('does not call a hand accept 自动接单成功, and keeps raw status words out', async () => {
    const order = fakeOrder({
      status: 'accepted',
      autoAccept: { state: 'done', attempts: 0, nextAt: null, lastError: '' },
      events: [ev('api:confirm', 'staff', '', 1), ev('auto-accept:done', 'auto-accept', '订单已是「accepted」，无需自动接单', 2)],
    });
    const { findByTestId, getByText } = detail(order);
    const history = (await findByTestId('event-history')).textContent ?? '';
    expect(history).not.toContain('自动接单成功');
    expect(history).toContain('店员手动接单');
    expect(history).toContain('自动接单停止（订单已被处理）');
    expect(history).not.toMatch(/accepted/);
    expect(getByText('无需自动接单：订单已被处理')).toBeTruthy();
  });

  it('still says 自动接单成功 when auto-accept did accept', async () => {
    const order = fakeOrder({
      status: 'accepted',
      autoAccept: { state: 'done', attempts: 1, nextAt: null, lastError: '' },
      events: [ev('api:confirm', 'auto-accept', '已自动接单', 1), ev('auto-accept:done', 'auto-accept', '自动接单成功', 2)],
    });
    expect((await detail(order).findByTestId('event-history')).textContent).toContain('自动接单成功');
  });

  it('shows a platform error in staff words, the code and path folded away', async () => {
    const order = fakeOrder({
      events: [ev('api-failed:confirm', 'staff', '美团找不到该订单（/waimai/order/confirm: waimai_order_not_exist (806) 不存在此订单）', 1)],
    });
    const item = (await detail(order).findByTestId('event-history')).querySelector('.ev-detail')!;
    const summaryless = item.firstChild?.textContent;
    expect(summaryless).toBe('美团找不到该订单');
    expect(item.querySelector('details code')?.textContent).toBe('/waimai/order/confirm: waimai_order_not_exist (806) 不存在此订单');
  });
});

describe('fact words', () => {
  it('names days as staff say them, in the shop time zone', () => {
    const now = Date.parse('2026-11-25T15:30:00Z'); // 23:30 in Shanghai
    expect(dayWord('2026-11-25T16:30:00Z', now, 'zh', 'Asia/Shanghai')).toBe('明天');
    expect(dayWord('2026-11-25T15:50:00Z', now, 'zh', 'Asia/Shanghai')).toBe('今天');
    expect(dayWord('2026-11-27T04:30:00Z', now, 'zh', 'Asia/Shanghai')).toBe('后天');
    expect(dayWord('2026-11-29T04:30:00Z', now, 'zh', 'Asia/Shanghai')).toBe('11月29日');
  });

  it('leaves a message without a technical part whole, and translates status words', () => {
    expect(splitTechnical('订单已不是新订单')).toEqual({ words: '订单已不是新订单', technical: '' });
    expect(statusWordsInText('订单已是「completed」', 'zh')).toBe('订单已是「已完成」');
  });
});
