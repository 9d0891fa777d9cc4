/**
 * The shop floor after an order is in: 出餐 (food ready), the store's open/rest state and the
 * 忙碌 switch, auto-accept rules, today's numbers and the end-of-shift check (交班/日结). Plain
 * data shared by the core and the window (docs/shop-floor.md says how each part behaves).
 */
import type { Platform } from './order.js';
import type { TakeawayPlatform } from './platforms.js';
import type { StoreState } from './store.js';

/** A stretch of the day in the shop's time zone, `HH:MM`–`HH:MM` (`to` before `from`: across midnight). */
export interface TimeWindow {
  from: string;
  to: string;
}

/** When and how much a store accepts by itself (per store; a platform can be left to people). */
export interface AutoAcceptRules {
  /** When auto-accept runs; empty = all day. */
  windows: TimeWindow[];
  /** At most `orders` accepted automatically in any `minutes`; beyond, a person accepts. null = no limit. */
  limit: { orders: number; minutes: number } | null;
  /** Pre-orders (预订单): accepted automatically like the rest, or always by a person. */
  preOrders: 'auto' | 'manual';
  /** Platforms whose orders this store always accepts by hand. */
  manualPlatforms: TakeawayPlatform[];
  /** Auto-accept paused for this store until then (ISO), null = not paused. */
  pausedUntil: string | null;
}

export const DEFAULT_AUTO_ACCEPT_RULES: AutoAcceptRules = { windows: [], limit: null, preOrders: 'auto', manualPlatforms: [], pausedUntil: null };

/** Automatic 出餐: minutes after accepting, by time window (never sooner than the platform allows). */
export interface AutoPrepareRule {
  enabled: boolean;
  /** Inside a window: report 出餐 `afterMinutes` after accepting (the first window that holds the accept time). */
  windows: (TimeWindow & { afterMinutes: number })[];
  /** Outside every window. */
  afterMinutes: number;
}

export const DEFAULT_AUTO_PREPARE: AutoPrepareRule = { enabled: false, windows: [], afterMinutes: 8 };

/** 出餐 as recorded on an order: when it was reported, and whether staff or the rule did it. */
export interface PreparedMark {
  at: string;
  by: 'staff' | 'auto';
}

/** What the auto-accept rules decided for an order, in staff's words (「超出每 15 分钟 20 单的上限，请手动接单」). */
export interface AutoAcceptDecision {
  accept: boolean;
  reason: string;
  at: string;
}

/** Where the rider is, in staff's words, as far as the platform tells it. */
export const RIDER_STAGES = ['sent', 'assigned', 'arrived', 'picked-up', 'delivered', 'exception', 'cancelled'] as const;
export type RiderStage = (typeof RIDER_STAGES)[number];

/** A store on one platform, as the platform's calls name it. */
export interface PlatformStoreRef {
  storeId: string;
  /** The platform's own shop id ('' when the platform names our store id). */
  platformStoreId: string;
}

/** 忙碌: auto-accept paused everywhere and, when the shop wants, every store resting on every platform. */
export interface BusyInput {
  /** Minutes until it ends by itself; null = until switched off. */
  minutes: number | null;
  /** Also rest every bound store on every platform (and open them again at the end). */
  restStores: boolean;
}

export interface BusyView {
  since: string;
  /** When it ends by itself, null = until switched off. */
  until: string | null;
  restStores: boolean;
  /** What happened to each store on each platform when resting it (and opening it again). */
  stores: { platform: TakeawayPlatform; storeId: string; storeName: string; state: StoreState | null; error: string }[];
}

/** Sums over a set of orders. Cents. */
export interface DayTotals {
  /** Orders not cancelled (a fully refunded order is counted in `refundedOrders`, not here). */
  validOrders: number;
  /** What customers paid for the valid orders. */
  revenueCents: number;
  /**
   * What the shop receives for them, as the platforms say (their own figure where they give it),
   * less the part refunds agreed on them. Orders without the platform's figure are estimated
   * (`incomeEstimatedCents` of it; `DayReport.incomeRates` says how).
   */
  expectedIncomeCents: number;
  /** The estimated part of `expectedIncomeCents`, and how many orders it covers. */
  incomeEstimatedCents: number;
  incomeEstimatedOrders: number;
  /** Agreed refunds (part or full) and what went back; a full refund cancels the order too. */
  refundCents: number;
  refundedOrders: number;
  /** Of `refundedOrders`, part refunds (the order stays valid). */
  partRefundOrders: number;
  /** Cancelled orders, fully refunded ones included. */
  cancelledOrders: number;
  /** revenue / valid orders, rounded; 0 when none. */
  averageCents: number;
}

/** How a platform's orders without an income figure were estimated over the period. */
export interface IncomeRate {
  platform: Platform;
  /**
   * The platform's own income / paid over the period's orders that carry its figure (e.g. 0.82);
   * null when none did: those orders are then counted at what the customer paid (an upper bound).
   */
  rate: number | null;
}

export interface DayReport {
  from: string;
  to: string;
  timeZone: string;
  totals: DayTotals;
  byPlatform: (DayTotals & { platform: Platform })[];
  byStore: (DayTotals & { storeId: string; storeName: string })[];
  /** Hours 0–23 of the shop's clock, every hour present. */
  byHour: (DayTotals & { hour: number })[];
  /** One row per business day in the period that has orders, oldest first. */
  byDay: (DayTotals & { day: string })[];
  /** Per platform that had orders to estimate: how their income was estimated. */
  incomeRates: IncomeRate[];
}

/** Something still owed at the end of a shift. */
export const SHIFT_OWED_KINDS = ['unaccepted', 'refund-undecided', 'reminder-unanswered', 'never-printed', 'not-prepared', 'self-delivery-open'] as const;
export type ShiftOwedKind = (typeof SHIFT_OWED_KINDS)[number];

export interface ShiftOwed {
  kind: ShiftOwedKind;
  key: string;
  platform: Platform;
  daySeq: number | null;
  storeName: string;
  /** Since when it is owed (ISO). */
  since: string;
  detail: string;
}

/** One store on one platform: the platform's list of the day against the desk's. */
export interface ShiftReconcile {
  platform: Platform;
  storeId: string;
  storeName: string;
  /** Orders the platform lists for the day; null when it could not be asked. */
  platformCount: number | null;
  deskCount: number;
  /** Order ids the platform has and the desk did not. */
  missing: string[];
  /** Of those, pulled in and stored now. */
  pulled: string[];
  /** What went wrong, in staff's words ('' = nothing). */
  error: string;
}

export interface ShiftCheckReport {
  day: string;
  at: string;
  owed: ShiftOwed[];
  platforms: ShiftReconcile[];
}
