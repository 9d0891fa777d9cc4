/**
 * Argument schemas for every `DeskApi` call (docs/shell-habits.md: the renderer is untrusted input).
 * The HTTP bridge and the Electron IPC handlers both parse with these before any logic, and
 * the `satisfies` clause makes a call missing here a type error.
 */
import { z } from 'zod';
import type { DeskApi } from '../../shared/api.js';
import { SIMULATE_KINDS } from '../../shared/api.js';
import { PLATFORMS } from '../../shared/order.js';
import { appConfigInputSchema } from './app-config-input.js';
import { printerName, printingConfigInputSchema, ticketPreviewInputSchema } from './printing/schemas.js';
import { TICKET_KINDS } from '../../shared/printing.js';
import { platformsOfKind } from '../../shared/platforms.js';

const TAKEAWAY = platformsOfKind('takeaway') as [ReturnType<typeof platformsOfKind<'takeaway'>>[number], ...ReturnType<typeof platformsOfKind<'takeaway'>>];

const key = z.string().min(3).max(120);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD');
const reason = z.string().trim().min(1, 'reason is required').max(200);
const storeId = z.string().min(1).max(100);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM');
const window = z.object({ from: hhmm, to: hhmm }).strict();
export const autoAcceptRulesSchema = z
  .object({
    windows: z.array(window).max(12),
    limit: z.object({ orders: z.number().int().min(1).max(1000), minutes: z.number().int().min(1).max(24 * 60) }).strict().nullable(),
    preOrders: z.enum(['auto', 'manual']),
    manualPlatforms: z.array(z.enum(TAKEAWAY)).max(TAKEAWAY.length),
    pausedUntil: z.string().datetime({ offset: true }).nullable(),
  })
  .strict();
export const autoPrepareSchema = z
  .object({
    enabled: z.boolean(),
    windows: z.array(window.extend({ afterMinutes: z.number().int().min(1).max(120) }).strict()).max(12),
    afterMinutes: z.number().int().min(1).max(120),
  })
  .strict();

export const apiArgs = {
  listOrders: z.tuple([day.optional()]),
  listOrderCards: z.tuple([day.optional()]),
  getOrder: z.tuple([key]),
  accept: z.tuple([key]),
  cancel: z.tuple([key, z.string().min(1).max(64), reason]),
  agreeRefund: z.tuple([key, reason]),
  rejectRefund: z.tuple([key, reason]),
  replyReminder: z.tuple([key, z.string().min(1).max(64), z.string().trim().max(30, 'reply: at most 30 characters')]),
  reminderReplies: z.tuple([z.enum(PLATFORMS)]),
  markDelivering: z.tuple([key]),
  markDelivered: z.tuple([key]),
  acknowledge: z.tuple([key]),
  remindCooking: z.tuple([key]),
  startCooking: z.tuple([key]),
  retryAutoAccept: z.tuple([key]),
  listStores: z.tuple([]),
  updateStoreSettings: z.tuple([
    storeId,
    z
      .object({
        autoAccept: z.boolean(),
        autoAcceptDelaySeconds: z.number().int().min(0).max(600),
        autoAcceptRules: autoAcceptRulesSchema,
        autoPrepare: autoPrepareSchema,
      })
      .partial()
      .strict(),
  ]),
  bindUrl: z.tuple([z.enum(PLATFORMS), storeId]),
  unbindUrl: z.tuple([z.enum(PLATFORMS), storeId]),
  setAutoAcceptPaused: z.tuple([z.boolean()]),
  status: z.tuple([]),
  callbackUrls: z.tuple([]),
  recoverMissed: z.tuple([]),
  confirmTunnelAddress: z.tuple([]),
  cancelReasons: z.tuple([z.enum(PLATFORMS)]),
  simulate: z.union([
    z.tuple([z.enum(SIMULATE_KINDS)]),
    z.tuple([z.enum(SIMULATE_KINDS), storeId]),
    // Over HTTP an absent store comes as null (JSON has no undefined in an array).
    z.tuple([z.enum(SIMULATE_KINDS), storeId.nullish().transform((v) => v ?? undefined), z.enum(PLATFORMS)]),
  ]),
  getAppConfig: z.tuple([]),
  // The shape only; the rules a person can break are checked by the store, in Chinese.
  saveAppConfig: z.tuple([appConfigInputSchema]),
  authorizations: z.tuple([z.enum(PLATFORMS)]),
  mapShop: z.tuple([z.enum(PLATFORMS), z.string().min(1).max(64), storeId.nullable()]),
  removeAuthorization: z.tuple([z.enum(PLATFORMS), z.string().min(1).max(64)]),
  listPromoters: z.tuple([]),
  namePromoter: z.tuple([z.string().min(1).max(100), z.string().trim().max(40, 'name: at most 40 characters')]),
  // Range rules (to ≥ from, ≤ 366 days) are checked by the Desk, in words for staff.
  unionReport: z.tuple([day, day]),
  unionCsv: z.tuple([day, day]),
  printers: z.tuple([]),
  printJobs: z.tuple([day.optional()]),
  reprint: z.tuple([key, z.enum(TICKET_KINDS)]),
  testPrint: z.tuple([printerName]),
  ticketPreview: z.tuple([ticketPreviewInputSchema]),
  systemPrinters: z.tuple([]),
  getPrintingConfig: z.tuple([]),
  // The shape only; the rules a person can break (a repeated name, a backup that is itself) are checked by the Desk, in Chinese.
  savePrintingConfig: z.tuple([printingConfigInputSchema]),
  markPrepared: z.tuple([key]),
  setStoreOpen: z.tuple([z.enum(PLATFORMS), storeId, z.boolean()]),
  refreshStoreStates: z.tuple([]),
  setBusy: z.tuple([z.object({ minutes: z.number().int().min(1).max(24 * 60).nullable(), restStores: z.boolean() }).strict().nullable()]),
  // Range rules (to ≥ from, ≤ 366 days) are checked by the Desk, in words for staff.
  dayReport: z.tuple([day, day]),
  dayReportCsv: z.tuple([day, day]),
  printDayReport: z.tuple([day, day, z.boolean().optional()]),
  shiftCheck: z.tuple([day.optional()]),
} satisfies { [K in keyof DeskApi]: z.ZodType<Parameters<DeskApi[K]>> };

export type ApiMethod = keyof DeskApi;

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(apiArgs, name);
}

/** Parse untrusted arguments; throws ApiInputError with a readable message. */
export function parseArgs<M extends ApiMethod>(method: M, args: unknown): Parameters<DeskApi[M]> {
  const result = apiArgs[method].safeParse(args);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ApiInputError(`${method}: ${issue?.path.join('.') || 'arguments'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data as Parameters<DeskApi[M]>;
}

export class ApiInputError extends Error {
  override name = 'ApiInputError';
}

/** Thrown by a DeskApi call when the action cannot be done; the message is for staff. */
export class DeskActionError extends Error {
  override name = 'DeskActionError';
  constructor(
    message: string,
    readonly retriable = false,
    readonly httpStatus = 409,
  ) {
    super(message);
  }
}
