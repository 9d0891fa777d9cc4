/**
 * The one contract between the UI and the main side (docs/shell-habits.md): every call the UI can
 * make (`DeskApi`) and every event it can hear (`DeskEvents`). Electron implements it over IPC,
 * headless mode over HTTP + Server-Sent Events; the renderer does not know which.
 */
import type { AuthorizationView } from './authorizations.js';
export type { AuthorizationView } from './authorizations.js';
import type { Order, Platform } from './order.js';
import type { SettingsSectionView } from './platforms.js';
import type {
  PrinterConfig,
  PrinterStatusView,
  PrintingSettings,
  PrintJobView,
  SystemPrinter,
  TicketKind,
  TicketPreviewInput,
} from './printing.js';
import type { BusyInput, BusyView, DayReport, ShiftCheckReport } from './shop-floor.js';
import type { Store, StoreSettings, StoreWarning } from './store.js';

export interface CallbackSeen {
  route: string;
  verdict: 'accepted' | 'rejected' | 'check';
  reason?: string;
  at: string;
  /** Requests refused today (the status bar's 已拒绝 N 个无效请求). */
  refusedToday?: number;
}

export type TunnelState = 'off' | 'connecting' | 'up' | 'degraded' | 'down';

/** What the tunnel client had to do about requests and sockets since the tunnel was started. */
export interface TunnelCounts {
  /** Requests the receiver did not answer in time (answered 504 for it). */
  forwardTimeouts: number;
  /** Requests the receiver could not be reached for (answered 502 for it). */
  forwardErrors: number;
  /** Requests cut because their body did not arrive in time or the pool's reserve needed the socket (408). */
  slowCut: number;
  /** Sockets the tunnel server accepted and dropped unused (more than it allows). */
  socketsRefused: number;
}

export interface DeskStatus {
  receiver: { url: string; up: boolean };
  tunnel: {
    state: TunnelState;
    url: string | null;
    lastOkAt: string | null;
    lastError: string;
    /**
     * Stand-in addresses still served after the wanted one came back, until staff confirm the
     * platforms' registration points at `url` again (`confirmTunnelAddress`).
     */
    standInUrls?: string[];
    counts?: TunnelCounts;
  };
  lastCallback: CallbackSeen | null;
  /** True when the embedded sandbox platforms stand in for the real ones. */
  sandbox: boolean;
  autoAcceptPaused: boolean;
  /** How secrets are protected on this machine (`os-keychain`, `owner-only-file`). */
  secrets: string;
  /** Start-up and background problems staff should know about (a file moved aside …). */
  problems: string[];
  /** The shop's IANA time zone and today's business day in it. */
  timeZone: string;
  today: string;
  /**
   * The shop's own fixed public address (config `publicUrl`, its reverse proxy), when set: the
   * callback URLs use it while the tunnel is not up (「公网地址（自有）」).
   */
  publicUrl?: string;
  /** The last pull recovery (补单): when, how many orders it recovered, what went wrong ('' = nothing). */
  recovery?: { at: string; recovered: number; error: string };
  /** Stores resting or offline on a platform, or with privacy numbers downgraded lately. */
  storeWarnings?: StoreWarning[];
  /** Present when this PC's clock is more than a few minutes off a platform's: the screen says so. */
  clockSkew?: ClockSkewWarning;
  /**
   * Sandbox mode: whether the demo is making orders. `stopped` says why: `off` (demo interval 0),
   * `no-bound-store` (the platform only pushes for bound stores).
   */
  demo?: { state: 'running' | 'stopped'; reason?: 'off' | 'no-bound-store'; intervalSeconds: number };
  /** Every configured printer's state (absent or empty: no printer set up). */
  printers?: PrinterStatusView[];
  /** 忙碌 mode while on (auto-accept paused everywhere, stores resting if asked); absent/null: off. */
  busy?: BusyView | null;
}

/** How far this PC's clock is from a platform's, as measured from its callbacks and answers. */
export interface ClockSkewWarning {
  platform: Platform;
  /** PC clock minus the platform's, ms: positive = the PC is fast (ahead), negative = slow. */
  aheadMs: number;
  measuredAt: string;
}

/** What one pull recovery (补单) pass did. */
export interface RecoveryReport {
  /** Why it ran: `start-up`, `timer`, `tunnel-restored`, `staff` … */
  reason: string;
  at: string;
  /** Stores whose unconfirmed orders were listed. */
  checkedStores: number;
  /** Orders the platform listed that were missing here (or held only in part). */
  found: number;
  /** Of those, orders fetched and stored. */
  recovered: number;
  /** What failed, in words for staff (never a secret). */
  errors: string[];
}

export interface CallbackUrl {
  platform: Platform;
  /** What the platform's console calls it (推送订单URL …). */
  label: string;
  path: string;
  /** Full URL through the tunnel when it is up, else through the configured `publicUrl`, else null. */
  publicUrl: string | null;
}

/** A reason the platform accepts for a cancel (from the platform's own table). */
export interface CancelReason {
  /** The platform's own code, as text (some platforms' codes are words). */
  code: string;
  zh: string;
  en: string;
}

export interface DeskApi {
  listOrders(day?: string): Promise<Order[]>;
  /**
   * The board's list of a day: each order as a card shows it (`OrderCard`: no `raw`, history cut
   * to what the card reads), a fraction of `listOrders`' bytes. The detail view asks `getOrder`.
   */
  listOrderCards(day?: string): Promise<OrderCard[]>;
  getOrder(key: string): Promise<Order | null>;
  accept(key: string): Promise<Order>;
  cancel(key: string, reasonCode: string, reason: string): Promise<Order>;
  agreeRefund(key: string, reason: string): Promise<Order>;
  rejectRefund(key: string, reason: string): Promise<Order>;
  /** Answer the customer's 催单 (hurry-up request) with one of `reminderReplies`; `content` = the shop's own words when the reply asks for them. */
  replyReminder(key: string, replyCode: string, content: string): Promise<Order>;
  /** The replies the platform offers for a 催单 (empty when it has none). */
  reminderReplies(platform: Platform): Promise<CancelReason[]>;
  markDelivering(key: string): Promise<Order>;
  markDelivered(key: string): Promise<Order>;
  /** Staff have seen the order's alert: stop ringing for it. */
  acknowledge(key: string): Promise<Order>;
  /**
   * A pre-order's cooking reminder has come (the counter window knows the lead time): it rings
   * until `startCooking`. Does nothing when already raised or started for this delivery time.
   */
  remindCooking(key: string): Promise<Order>;
  /** Staff have started cooking a pre-order (开始制作): its reminder is done, on every window. */
  startCooking(key: string): Promise<Order>;
  /** Try a failed auto-accept again. */
  retryAutoAccept(key: string): Promise<Order>;
  listStores(): Promise<Store[]>;
  updateStoreSettings(storeId: string, patch: Partial<StoreSettings>): Promise<Store>;
  /** The platform's signed store-mapping page for this store; open it in a browser window. */
  bindUrl(platform: Platform, storeId: string): Promise<string>;
  unbindUrl(platform: Platform, storeId: string): Promise<string>;
  setAutoAcceptPaused(paused: boolean): Promise<DeskStatus>;
  status(): Promise<DeskStatus>;
  callbackUrls(): Promise<CallbackUrl[]>;
  cancelReasons(platform: Platform): Promise<CancelReason[]>;
  /** 补单: ask the platforms now for orders whose push never arrived, and store them. */
  recoverMissed(): Promise<RecoveryReport>;
  /** Staff have registered the tunnel's current address again: stop serving the stand-in ones. */
  confirmTunnelAddress(): Promise<DeskStatus>;
  /** Sandbox mode only: make the embedded platform (`platform`, default the first) do something a customer would. */
  simulate(kind: SimulateKind, storeId?: string, platform?: Platform): Promise<void>;
  /** Platform credentials and stores as the settings screen shows them: never a secret. */
  getAppConfig(): Promise<AppConfigView>;
  /**
   * Save credentials and stores (only when `editable`), then restart intake with them. An
   * empty or omitted secret keeps the saved one, so the UI never has to hold it.
   */
  saveAppConfig(input: AppConfigInput): Promise<AppConfigView>;
  /** An OAuth platform's authorizations (accounts, their shops, the store each serves): never a token. */
  authorizations(platform: Platform): Promise<AuthorizationView[]>;
  /** Serve our store with this platform shop (null: the shop serves no store); the list after. */
  mapShop(platform: Platform, shopId: string, storeId: string | null): Promise<AuthorizationView[]>;
  /** Forget an authorization and its tokens (its shops' stores show unbound); the list after. */
  removeAuthorization(platform: Platform, accountId: string): Promise<AuthorizationView[]>;
  /** 推广订单: every promoter sub-id (sid) staff have named. */
  listPromoters(): Promise<Promoter[]>;
  /** Name a promoter sid (≤ 40 characters); an empty name clears it. */
  namePromoter(sid: string, name: string): Promise<Promoter>;
  /** Union orders filed under the business days `from`…`to` (YYYY-MM-DD, at most 366 days), with totals. */
  unionReport(from: string, to: string): Promise<UnionReport>;
  /** The same orders as CSV text for Excel (UTF-8 BOM, CRLF). */
  unionCsv(from: string, to: string): Promise<string>;
  /** Every configured printer with its state, in config order. */
  printers(): Promise<PrinterStatusView[]>;
  /** Print jobs of a business day (default today), oldest first: the card's 未打印 and the day's never-printed list. */
  printJobs(day?: string): Promise<PrintJobView[]>;
  /** Print this ticket of the order again, on every printer that prints it; the jobs made. */
  reprint(key: string, ticket: TicketKind): Promise<PrintJobView[]>;
  /** A test page on this printer (by name). */
  testPrint(printer: string): Promise<PrintJobView>;
  /** A ticket as a picture (SVG text): the settings' live preview, the detail view. */
  ticketPreview(input: TicketPreviewInput): Promise<{ svg: string }>;
  /** Printers the operating system offers (CUPS queues, Windows printers), for the settings' picker. */
  systemPrinters(): Promise<SystemPrinter[]>;
  /** Printers and ticket settings as saved, and whether this screen may change them. */
  getPrintingConfig(): Promise<PrintingConfigView>;
  /** Save printers and ticket settings (only when `editable`); printing follows them at once, no restart. */
  savePrintingConfig(input: PrintingConfigInput): Promise<PrintingConfigView>;
  /** 出餐: report the food ready to the platform (its rules checked first, refused in staff's words). */
  markPrepared(key: string): Promise<Order>;
  /** Open (营业) or rest (休息) the store on the platform; the store after, its state asked again. */
  setStoreOpen(platform: Platform, storeId: string, open: boolean): Promise<Store>;
  /** Ask every platform now for every bound store's state (it is also asked periodically). */
  refreshStoreStates(): Promise<Store[]>;
  /** 忙碌 on (with a timer, and resting the stores if asked) or off (null); the status after. */
  setBusy(input: BusyInput | null): Promise<DeskStatus>;
  /** Today's numbers (今日) for the business days `from`…`to` (at most 366 days). */
  dayReport(from: string, to: string): Promise<DayReport>;
  /** The same period's orders as CSV text for Excel (UTF-8 BOM, CRLF). */
  dayReportCsv(from: string, to: string): Promise<string>;
  /**
   * Print the period's numbers as a shift ticket on every printer that prints the customer ticket;
   * the jobs made. A second press within the same minute is refused (409) unless `again`.
   */
  printDayReport(from: string, to: string, again?: boolean): Promise<PrintJobView[]>;
  /** 交班/日结: what is still owed on the day (default today), and each platform's list of the day against the desk's, missing orders pulled in. */
  shiftCheck(day?: string): Promise<ShiftCheckReport>;
}

/** Printers and ticket settings for the settings screen. */
export interface PrintingConfigView extends PrintingConfigInput {
  /** False when a config file or the demo manages these settings. */
  editable: boolean;
}

export interface PrintingConfigInput {
  printers: PrinterConfig[];
  printing: PrintingSettings;
}

/** A Union promoter sub-id and the name the shop gave it. */
export interface Promoter {
  sid: string;
  name: string;
}

/** Sums over union orders: paid = status paid/completed; commission only for orders not refunded. */
export interface UnionTotals {
  orders: number;
  paidCents: number;
  refundedCents: number;
  commissionCents: number;
}

export interface UnionReport {
  orders: Order[];
  /** One row per sid that has orders in the period ('' = orders without a sid); name '' = unnamed. */
  byPromoter: (UnionTotals & Promoter)[];
  /** One row per business day that has orders, oldest first. */
  byDay: (UnionTotals & { day: string })[];
}

/** Who manages the credentials: the app's own store (editable), a `--config` file, or the demo. */
export type AppConfigSource = 'app' | 'config-file' | 'sandbox';

/** A store as configured (its binding state lives in `Store`). */
export interface AppConfigFile {
  id: string;
  name: string;
  autoAccept?: boolean;
  autoAcceptDelaySeconds?: number;
}

/** The configuration for the UI: whether each secret is set, never the secret itself. */
export interface AppConfigView {
  /** Every platform's settings form (fields, labels, kinds) with what is saved: enough to render any platform's section. */
  platforms: SettingsSectionView[];
  /** The same, flattened by platform id (plain values, `<secret>Set` per secret), as today's settings screen reads it. */
  meituan: { developerId: string; apiBase: string; authBase: string; signKeySet: boolean } | null;
  union: { callbackSecretSet: boolean } | null;
  stores: AppConfigFile[];
  /** False when a config file or the demo mode manages these settings. */
  editable: boolean;
  source: AppConfigSource;
}

/**
 * What the settings screen saves, one section per platform id with its form's fields. `null`
 * leaves a platform unconfigured, an absent section keeps what is saved; an empty or omitted
 * secret keeps the saved one; an omitted address means the platform's production one.
 */
export interface AppConfigInput {
  meituan: { developerId: string; signKey?: string; apiBase?: string; authBase?: string } | null;
  union: { callbackSecret?: string } | null;
  stores: AppConfigFile[];
}

/**
 * `rider`: the newest accepted order's rider takes the next step (assigned, arrived, picked up,
 * delivered). `lost-order`: the platform takes an order whose push never reaches the desk (what
 * the end-of-shift check must find).
 */
export const SIMULATE_KINDS = ['new-order', 'pre-order', 'refund-request', 'part-refund', 'cancel', 'reminder', 'rider', 'lost-order'] as const;
export type SimulateKind = (typeof SIMULATE_KINDS)[number];

export interface DeskEvents {
  'order-changed': { order: Order; created: boolean; previousStatus: Order['status'] | null };
  'store-changed': { store: Store };
  'status-changed': DeskStatus;
  callback: CallbackSeen;
  /** Someone clicked a notification for this order: show it (sent by the shell, or raised locally in a browser). */
  'focus-order': { key: string };
  /**
   * A steady beat from the main process (Electron). Timers in a hidden window are throttled
   * (docs/counter-lessons.md, "Background throttling"), IPC messages are not: the ringer keeps time by it.
   */
  clock: { at: string };
  /** A print job was queued, sent, confirmed or failed. Printer states ride on `status-changed` (`DeskStatus.printers`). */
  'print-changed': { job: PrintJobView };
}

export type DeskEventName = keyof DeskEvents;

/** Every event name, for bridges that forward them all (SSE, IPC). */
export const DESK_EVENT_NAMES: readonly DeskEventName[] = [
  'order-changed',
  'store-changed',
  'status-changed',
  'callback',
  'focus-order',
  'clock',
  'print-changed',
];

/**
 * An order in the form the board lists it (`listOrderCards`): every field of `Order`, except
 * that `raw` (the platform's payload) is always empty and `events` holds only what a card reads —
 * while the order is accepted, the first event that left it accepted (the 待出餐 timer), and the
 * newest `notice:` event (the notice flag's detail). It is assignable to `Order`, so the board's pure rules take either;
 * anything that shows the history (the detail view) fetches the full order with `getOrder`.
 * Built by `toOrderCard` (shared/order-card.ts).
 */
export interface OrderCard extends Omit<Order, 'raw'> {
  raw: Record<string, never>;
}

/** An error a call failed with, in words for staff; `retriable` says whether trying again may help. */
export interface DeskError {
  message: string;
  retriable: boolean;
}
