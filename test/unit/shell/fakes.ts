/** Shared fakes for the shell tests: a host that records calls, and the counter window. */
import { join } from 'node:path';
import { pino } from 'pino';
import type { DeskApi, DeskEventName, DeskEvents } from '../../../shared/api.js';
import { apiArgs } from '../../../electron/core/api-schemas.js';

export const silentLogger = pino({ level: 'silent' });
export const INDEX_HTML = join('/', 'app', 'dist', 'renderer', 'index.html');

/** Valid arguments for every DeskApi method: a method added to the contract must be added here. */
export const VALID_ARGS: { [K in keyof DeskApi]: Parameters<DeskApi[K]> } = {
  listOrders: ['2026-03-01'],
  listOrderCards: ['2026-03-01'],
  getOrder: ['meituan:123'],
  accept: ['meituan:123'],
  cancel: ['meituan:123', '2006', '顾客要求'],
  agreeRefund: ['meituan:123', '同意'],
  rejectRefund: ['meituan:123', '已出餐'],
  replyReminder: ['eleme:123', 'inCooking', ''],
  reminderReplies: ['eleme'],
  markDelivering: ['meituan:123'],
  markDelivered: ['meituan:123'],
  acknowledge: ['meituan:123'],
  remindCooking: ['meituan:123'],
  startCooking: ['meituan:123'],
  retryAutoAccept: ['meituan:123'],
  listStores: [],
  updateStoreSettings: ['store-1', { autoAccept: true }],
  bindUrl: ['meituan', 'store-1'],
  unbindUrl: ['meituan', 'store-1'],
  setAutoAcceptPaused: [true],
  status: [],
  callbackUrls: [],
  recoverMissed: [],
  confirmTunnelAddress: [],
  cancelReasons: ['meituan'],
  simulate: ['new-order'],
  getAppConfig: [],
  saveAppConfig: [{ meituan: null, union: null, stores: [] }],
  authorizations: ['eleme'],
  mapShop: ['eleme', '168830001', 'store-1'],
  removeAuthorization: ['eleme', 'account-1'],
  listPromoters: [],
  namePromoter: ['sid-1', '王姐'],
  unionReport: ['2026-03-01', '2026-03-31'],
  unionCsv: ['2026-03-01', '2026-03-31'],
  printers: [],
  printJobs: ['2026-03-01'],
  reprint: ['meituan:123', 'kitchen'],
  testPrint: ['后厨'],
  ticketPreview: [{ ticket: 'kitchen', width: 58 }],
  systemPrinters: [],
  getPrintingConfig: [],
  savePrintingConfig: [
    {
      printers: [{ name: '后厨', type: 'network', host: '192.168.1.50', port: 9100, width: 80, tickets: ['kitchen'], copies: 1 }],
      printing: {
        kitchen: { fontSize: 'huge', hidden: [], footer: '' },
        customer: { fontSize: 'large', hidden: ['orderQr'], footer: '谢谢' },
        cancel: { fontSize: 'huge', hidden: [], footer: '' },
        preOrders: 'on-accept',
      },
    },
  ],
  markPrepared: ['meituan:123'],
  setStoreOpen: ['meituan', 'store-1', false],
  refreshStoreStates: [],
  setBusy: [{ minutes: 30, restStores: false }],
  dayReport: ['2026-03-01', '2026-03-01'],
  dayReportCsv: ['2026-03-01', '2026-03-01'],
  printDayReport: ['2026-03-01', '2026-03-01'],
  shiftCheck: ['2026-03-01'],
};

type Listener = (name: DeskEventName, payload: DeskEvents[DeskEventName]) => void;

export interface FakeHost extends DeskApi {
  calls: [string, unknown[]][];
  emit<E extends DeskEventName>(name: E, payload: DeskEvents[E]): void;
  subscribe(l: Listener): () => void;
  today(): string;
  current: { resolveBindingLink(id: string): string | undefined; today(): string };
}

/** Every method records its call and answers `{ method }` (bindUrl: a `/binding/<id>` link). */
export function fakeHost(links: Record<string, string> = {}): FakeHost {
  const listeners = new Set<Listener>();
  const calls: [string, unknown[]][] = [];
  const host: Record<string, unknown> = {
    calls,
    emit: (name: DeskEventName, payload: unknown) => listeners.forEach((l) => l(name, payload as never)),
    subscribe: (l: Listener) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    today: () => '2026-03-01',
    current: { resolveBindingLink: (id: string) => links[id], today: () => '2026-03-01' },
  };
  for (const method of Object.keys(apiArgs)) {
    host[method] = async (...args: unknown[]) => {
      calls.push([method, args]);
      if (method === 'bindUrl' || method === 'unbindUrl') return '/binding/abc123';
      if (method === 'listOrders' || method === 'listOrderCards') return [];
      if (method === 'status') return { autoAcceptPaused: false };
      return { method };
    };
  }
  return host as unknown as FakeHost;
}
