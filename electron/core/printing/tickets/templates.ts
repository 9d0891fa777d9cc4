/**
 * The three tickets as ReceiptLine documents: 后厨联 (kitchen), 顾客联 (customer) and 取消单
 * (cancel). Each is a list of lines; every piece of order text goes through `lit` first.
 */
import type { Order, OrderItem } from '../../../../shared/order.js';
import type { PaperWidth, TicketField, TicketTemplateSettings } from '../../../../shared/printing.js';
import { lit, litLines } from './escape.js';
import { clock, cutlery, dateTime, money, phone, pickup, shortId, when } from './format.js';
import { across, bold, caret, center, columns, CPL, fit, headSize, indented, inverted, left, mainSize, rows, RULE, type Carets } from './layout.js';

/** What a template needs besides the order. */
export interface TemplateContext {
  width: PaperWidth;
  settings: TicketTemplateSettings;
  /** The shop's name as staff set it (falls back to the platform's store name). */
  storeName: string;
  /** The shop's IANA time zone: every time on paper is the shop's. */
  timeZone: string;
  now: Date;
  /** This copy's number and how many print (「第 2/3 联」), when more than one. */
  copy?: { index: number; total: number };
  /** A reprint staff asked for: marked 「补打」 so nobody cooks it twice. */
  reprint?: boolean;
}

interface Frame {
  cpl: number;
  main: Carets;
  head: Carets;
  shown: (f: TicketField) => boolean;
  ctx: TemplateContext;
}

function frame(ctx: TemplateContext): Frame {
  const hidden = new Set(ctx.settings.hidden);
  return {
    cpl: CPL[ctx.width],
    main: mainSize(ctx.settings.fontSize),
    head: headSize(ctx.settings.fontSize),
    shown: (f) => !hidden.has(f),
    ctx,
  };
}

/** 「补打」 and 「第 2/3 联」 above everything, so a second copy never looks like a new order. */
function marks(f: Frame, title: string): string[] {
  const parts = [title];
  if (f.ctx.copy && f.ctx.copy.total > 1) parts.push(`第 ${f.ctx.copy.index}/${f.ctx.copy.total} 联`);
  const out = [center(bold(parts.join(' · ')))];
  if (f.ctx.reprint) out.unshift(center(inverted(' 补打 '), 3));
  return out;
}

/** 「美团 #18」 as large as the paper allows. */
function pickupLine(f: Frame, order: Order, max: Carets = f.head): string {
  const words = pickup(order.platform, order.daySeq);
  return center(bold(lit(words)), fit(words, max, f.cpl));
}

/** 「预订单 明天 12:30 送达」, 「到店自取」, 「期望送达 12:30」 — what decides when to cook. */
function timing(f: Frame, order: Order, loud: boolean): string[] {
  const now = f.ctx.now.getTime();
  const tz = f.ctx.timeZone;
  const out: string[] = [];
  const size: Carets = loud ? Math.max(f.main, 2) as Carets : f.main;
  if (order.preOrder && order.deliveryTime) {
    const at = `${when(order.deliveryTime, now, tz)} ${order.pickup ? '自取' : '送达'}`;
    // One line when it fits at this size, else 预订单 above the time: a time is never split.
    if (columns(` 预订单 ${at} `) * across(size) <= f.cpl) out.push(center(inverted(` 预订单 ${at} `), size));
    else out.push(center(inverted(' 预订单 '), size), center(inverted(at), size));
  } else if (order.preOrder) {
    out.push(center(inverted(' 预订单 '), size));
  } else if (order.deliveryTime) {
    out.push(center(`期望${order.pickup ? '自取' : '送达'} ${clock(order.deliveryTime, tz)}`, size));
  } else if (!order.pickup) {
    out.push(center('立即送达', loud ? size : 0));
  }
  if (order.pickup) out.push(center(inverted(' 到店自取 '), size));
  return out;
}

/** 「大份 / 中辣 / 微甜」. */
function details(item: OrderItem): string {
  return [item.spec, ...item.attributes].map(lit).filter((s) => s !== '').join(' / ');
}

/** Bag headings only when the platform split the order into more than one bag. */
function byBag(items: readonly OrderItem[]): { bag: number | null; items: OrderItem[] }[] {
  const bags = [...new Set(items.map((i) => i.bag))].sort((a, b) => a - b);
  if (bags.length <= 1) return [{ bag: null, items: [...items] }];
  return bags.map((bag) => ({ bag, items: items.filter((i) => i.bag === bag) }));
}

/** The note, loud: each of the customer's lines white on black, or nothing when empty. */
function note(f: Frame, order: Order, size: Carets): string[] {
  const lines = litLines(order.note);
  if (lines.length === 0) return [];
  return [left(inverted(`备注：${lines[0]}`), size), ...lines.slice(1).map((l) => left(inverted(l), size))];
}

function qtyWidth(items: readonly OrderItem[], size: Carets): number {
  const widest = Math.max(...items.map((i) => columns(`×${i.quantity}`)), 2);
  return widest * across(size) + 1;
}

function footer(f: Frame): string[] {
  const lines = litLines(f.ctx.settings.footer);
  return lines.length === 0 ? [] : [RULE, ...lines.map((l) => center(l))];
}

// ---- 后厨联 ----

export function kitchenDoc(order: Order, ctx: TemplateContext): string[] {
  const f = frame(ctx);
  const tz = ctx.timeZone;
  const out: string[] = ['{align:center}', ...marks(f, '后厨联')];
  if (f.shown('pickupNumber')) out.push(pickupLine(f, order));
  if (f.shown('preOrderTime')) out.push(...timing(f, order, true));
  out.push(RULE);
  if (f.shown('items')) {
    const size = f.main;
    const w = qtyWidth(order.items, size);
    for (const group of byBag(order.items)) {
      if (group.bag !== null) out.push(center(`—— ${group.bag + 1} 号袋 ——`));
      for (const item of group.items) {
        out.push(...rows([[`${caret(size)}${bold(lit(item.name))}`, `${caret(size)}${bold(`×${item.quantity}`)}`]], w));
        const d = details(item);
        if (d !== '') out.push(...indented(d, size));
      }
    }
    const c = cutlery(order.facts?.cutlery);
    if (c !== '') out.push(left(bold(c), size));
    out.push(RULE);
  }
  if (f.shown('note')) {
    const n = note(f, order, Math.max(f.main, 2) as Carets);
    if (n.length > 0) out.push(...n, RULE);
  }
  const facts: string[] = [];
  if (f.shown('times')) facts.push(`下单 ${dateTime(order.createdAt, tz)}`);
  facts.push(`单号 ${shortId(lit(order.orderIdView || order.orderId))}`);
  out.push(left(facts.join('  ')));
  out.push(...footer(f));
  return out;
}

// ---- 顾客联 ----

export function customerDoc(order: Order, ctx: TemplateContext): string[] {
  const f = frame(ctx);
  const tz = ctx.timeZone;
  const out: string[] = ['{align:center}'];
  const shop = lit(ctx.storeName || order.storeName);
  if (f.shown('shopName') && shop !== '') out.push(center(bold(shop), 2));
  out.push(...marks(f, '顾客联'));
  if (f.shown('pickupNumber')) out.push(pickupLine(f, order, Math.min(f.head, 4) as Carets));
  if (f.shown('preOrderTime')) out.push(...timing(f, order, false));
  if (f.shown('times')) out.push(center(`下单时间 ${dateTime(order.createdAt, tz)}`));
  out.push(RULE);

  const prices = f.shown('prices');
  if (f.shown('items')) {
    const size = f.main;
    const priceWidth = prices ? Math.max(...order.items.map((i) => columns(money(i.priceCents * i.quantity))), 7) * across(size) + 1 : 0;
    const qw = qtyWidth(order.items, size);
    for (const group of byBag(order.items)) {
      if (group.bag !== null) out.push(center(`—— ${group.bag + 1} 号袋 ——`));
      for (const item of group.items) {
        const qty = `×${item.quantity}`;
        const name = `${caret(size)}${lit(item.name)}`;
        if (prices) {
          out.push(`{width:*,${qw},${priceWidth}}`, `|${name} | ${caret(size)}${qty}| ${caret(size)}${money(item.priceCents * item.quantity)}|`, '{width:auto}');
        } else {
          out.push(...rows([[name, `${caret(size)}${qty}`]], qw));
        }
        const d = details(item);
        if (d !== '') out.push(...indented(d));
      }
    }
    const boxes = order.items.reduce((a, i) => a + i.boxCount * i.boxPriceCents, 0);
    if (prices && boxes > 0) out.push(...rows([['餐盒费', money(boxes)]], 12));
    const c = cutlery(order.facts?.cutlery);
    if (c !== '') out.push(left(c));
    out.push(RULE);
  }

  const discounts = order.facts?.discounts ?? [];
  if (f.shown('discounts') && discounts.length > 0) {
    for (const d of discounts) {
      out.push(...rows([[lit(d.remark) || '优惠', `-${money(d.reduceCents)}`]], 12));
      const who: [string, string][] = [];
      if (d.platformCents > 0) who.push(['~~其中平台承担', money(d.platformCents)]);
      if (d.shopCents > 0) who.push(['~~其中商家承担', money(d.shopCents)]);
      out.push(...rows(who, 12));
    }
    out.push(RULE);
  }

  if (f.shown('amounts')) {
    out.push(
      ...rows(
        [
          ['原价', money(order.originalCents)],
          ['配送费', money(order.shippingFeeCents)],
        ],
        12,
      ),
      ...rows([[`${caret(Math.max(f.main, 2) as Carets)}${bold('实付')}`, `${caret(Math.max(f.main, 2) as Carets)}${bold(money(order.totalCents))}`]], columns(money(order.totalCents)) * across(Math.max(f.main, 2) as Carets) + 1),
    );
    out.push(RULE);
  }

  if (f.shown('cashToCollect') && order.facts?.cashOnDelivery) {
    // The rider or the counter must collect this: as large as fits, on one line or two.
    const one = ` 货到付款 请收 ${money(order.totalCents)} `;
    if (columns(one) * 2 <= f.cpl) out.push(center(inverted(one), fit(one, 4, f.cpl)));
    else {
      const two = [' 货到付款 ', ` 请收 ${money(order.totalCents)} `];
      const size = Math.min(...two.map((w) => fit(w, 4, f.cpl))) as Carets;
      out.push(...two.map((w) => center(inverted(w), size)));
    }
    out.push(RULE);
  }

  const invoice = order.facts?.invoice;
  if (f.shown('invoice') && invoice) {
    out.push(left(bold('需要发票'), 2));
    if (invoice.title.trim() !== '') out.push(left(`抬头：${lit(invoice.title)}`, f.main));
    if (invoice.taxpayerId.trim() !== '') out.push(left(`税号：${lit(invoice.taxpayerId)}`, f.main));
    out.push(RULE);
  }

  if (f.shown('customer')) {
    const c = order.customer;
    const lines: string[] = [];
    if (c.name.trim() !== '') lines.push(left(`顾客：${lit(c.name)}`, f.main));
    if (c.phone.trim() !== '') lines.push(left(`电话：${lit(phone(c.phone))}`, f.main));
    for (const p of order.facts?.backupPhones ?? []) if (p.trim() !== '') lines.push(left(`备用：${lit(phone(p))}`));
    if (c.address.trim() !== '') lines.push(left(`地址：${lit(c.address)}`, f.main));
    if (c.addressGeo.trim() !== '' && !c.address.includes(c.addressGeo.trim())) lines.push(left(`定位：${lit(c.addressGeo)}`));
    if (lines.length > 0) out.push(...lines, RULE);
  }

  if (f.shown('note')) {
    const n = note(f, order, f.main);
    if (n.length > 0) out.push(...n, RULE);
  }

  if (f.shown('orderQr')) {
    const id = order.orderIdView || order.orderId;
    out.push(`{code:${propertyValue(id)}; option:qrcode,${ctx.width === 58 ? 5 : 6},m}`, center(`订单号 ${lit(id)}`));
  }
  out.push(...footer(f));
  return out;
}

// ---- 取消单 ----

/** The reason the platform or the customer gave, from the refund or the cancel event. */
function cancelFacts(order: Order): { reason: string; at: string } {
  const event = [...order.events].reverse().find((e) => e.status === 'cancelled' || e.type === 'cancelled');
  const reason = (order.refund?.reason || event?.detail || '').trim();
  return { reason, at: event?.at ?? order.updatedAt };
}

export function cancelDoc(order: Order, ctx: TemplateContext): string[] {
  const f = frame(ctx);
  const tz = ctx.timeZone;
  const refunded = order.refund?.state === 'agreed' && !order.refund.partial;
  const words = refunded ? '已全额退款' : '已取消';
  const out: string[] = ['{align:center}', ...marks(f, '取消单')];
  out.push(center(inverted(` ${words} `), fit(` ${words} `, f.head, f.cpl)));
  if (f.shown('pickupNumber')) out.push(pickupLine(f, order, Math.min(f.head, 4) as Carets));
  const { reason, at } = cancelFacts(order);
  if (reason !== '') out.push(left(`原因：${lit(reason)}`, f.main));
  out.push(RULE);
  if (f.shown('items') && order.items.length > 0) {
    out.push(left(bold('以下菜品停止制作：')));
    const size = f.main;
    const w = qtyWidth(order.items, size);
    for (const item of order.items) {
      out.push(...rows([[`${caret(size)}${lit(item.name)}`, `${caret(size)}×${item.quantity}`]], w));
      const d = details(item);
      if (d !== '') out.push(...indented(d, size));
    }
    out.push(RULE);
  }
  const facts: string[] = [];
  if (f.shown('times')) facts.push(left(`取消 ${dateTime(at, tz)}`), left(`下单 ${dateTime(order.createdAt, tz)}`));
  facts.push(left(`单号 ${lit(order.orderIdView || order.orderId)}`));
  out.push(...facts, ...footer(f));
  return out;
}

/** A value inside `{…}`: its own special characters (`\ | { } ;`) as hex escapes. */
export function propertyValue(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach the printer raw
  return value.replace(/[\\|{};\u0000-\u001f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
