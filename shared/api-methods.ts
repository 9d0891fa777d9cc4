/**
 * Every `DeskApi` method name, as a value. The Electron preload builds `window.desk.api` from
 * this list: it runs sandboxed and must not pull in zod or the core, so it cannot read the
 * names off `apiArgs` (electron/core/api-schemas.ts). The object below makes a method missing
 * here (or one too many) a type error; test/unit/shell/api-methods.test.ts checks the list
 * equals `Object.keys(apiArgs)` at run time.
 */
import type { DeskApi } from './api.js';

const METHODS = {
  listOrders: true,
  listOrderCards: true,
  getOrder: true,
  accept: true,
  cancel: true,
  agreeRefund: true,
  rejectRefund: true,
  replyReminder: true,
  reminderReplies: true,
  markDelivering: true,
  markDelivered: true,
  acknowledge: true,
  remindCooking: true,
  startCooking: true,
  retryAutoAccept: true,
  listStores: true,
  updateStoreSettings: true,
  bindUrl: true,
  unbindUrl: true,
  setAutoAcceptPaused: true,
  status: true,
  callbackUrls: true,
  recoverMissed: true,
  confirmTunnelAddress: true,
  cancelReasons: true,
  simulate: true,
  getAppConfig: true,
  saveAppConfig: true,
  authorizations: true,
  mapShop: true,
  removeAuthorization: true,
  listPromoters: true,
  namePromoter: true,
  unionReport: true,
  unionCsv: true,
  printers: true,
  printJobs: true,
  reprint: true,
  testPrint: true,
  ticketPreview: true,
  systemPrinters: true,
  getPrintingConfig: true,
  savePrintingConfig: true,
  markPrepared: true,
  setStoreOpen: true,
  refreshStoreStates: true,
  setBusy: true,
  dayReport: true,
  dayReportCsv: true,
  printDayReport: true,
  shiftCheck: true,
} as const satisfies Record<keyof DeskApi, true>;

export const DESK_API_METHODS = Object.keys(METHODS) as readonly (keyof DeskApi)[];
