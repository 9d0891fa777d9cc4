/** Union callback fields → the order snapshot: amounts in exact cents, statuses, refunds, commission. */
import { describe, expect, it } from 'vitest';
import { commissionCents, interpretUnionOrder, normalizeUnionOrder } from '../../../../electron/core/platforms/union/normalize.js';

const BASE = { orderid: '1234567890', sid: 'group-01', status: '1', smstitle: '湘北人家 双人套餐', quantity: '2', total: '30', payPrice: '25.5', paytime: '1700000000', modTime: '1700000100' };

describe('normalizeUnionOrder', () => {
  it('maps a paid callback', () => {
    const s = normalizeUnionOrder(BASE);
    expect(s).toMatchObject({ platform: 'union', orderId: '1234567890', storeId: '', status: 'paid', totalCents: 2550, originalCents: 3000, receivableCents: null, refund: null });
    expect(s.promotion).toEqual({ sid: 'group-01', title: '湘北人家 双人套餐', commissionCents: null });
    expect(s.items).toEqual([expect.objectContaining({ name: '湘北人家 双人套餐', quantity: 2, priceCents: 1500 })]);
    expect(s.createdAt).toBe('2023-11-14T22:13:20.000Z');
  });

  it('falls back to direct, then total, for what was paid', () => {
    expect(normalizeUnionOrder({ ...BASE, payPrice: '', direct: '19.9' }).totalCents).toBe(1990);
    expect(normalizeUnionOrder({ ...BASE, payPrice: '' }).totalCents).toBe(3000);
  });

  it('maps 8 and 9 with each refundType', () => {
    expect(normalizeUnionOrder({ ...BASE, status: '8' }).status).toBe('completed');
    const full = normalizeUnionOrder({ ...BASE, status: '9', refundType: '1' });
    expect(full.refund).toEqual({ state: 'agreed', partial: false, reason: '全额退款', amountCents: null, items: [] });
    expect(normalizeUnionOrder({ ...BASE, status: '9', refundType: '2' }).refund).toMatchObject({ partial: true, reason: '部分退款' });
    expect(normalizeUnionOrder({ ...BASE, status: '9', refundType: '3' }).refund).toMatchObject({ partial: false, reason: '风控' });
    expect(normalizeUnionOrder({ ...BASE, status: '9' }).refund?.reason).toBe('退款或风控');
  });

  it('rejects a missing orderid or an unknown status', () => {
    expect(() => normalizeUnionOrder({ ...BASE, orderid: '' })).toThrow(/orderid/);
    expect(() => normalizeUnionOrder({ ...BASE, status: '4' })).toThrow(/status/);
  });

  it('names the event after the status and dates it by modTime', () => {
    const u = interpretUnionOrder({ ...BASE, status: '9', refundType: '3' });
    expect(u).toMatchObject({ kind: 'snapshot', eventType: 'union:refunded', detail: '风控', at: '2023-11-14T22:15:00.000Z' });
  });
});

describe('commissionCents', () => {
  it('computes only for a fractional ratio, rounding half up in integers', () => {
    expect(commissionCents(2550, '0.05')).toBe(128); // 127.5 → 128
    expect(commissionCents(3333, '0.1')).toBe(333);
    expect(commissionCents(2550, '5')).toBeNull();
    expect(commissionCents(2550, '')).toBeNull();
    expect(commissionCents(2550, '0')).toBeNull();
    expect(commissionCents(null, '0.05')).toBeNull();
  });
});
