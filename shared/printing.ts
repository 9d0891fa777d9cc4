/**
 * Printing as the window and the core both see it: printers, tickets, print jobs. The core
 * renders and sends (electron/core/printing/); the window shows state and asks for reprints.
 * Nothing here carries bytes or secrets.
 */

/** 后厨联, 顾客联, and the kitchen's cancellation ticket. */
export const TICKET_KINDS = ['kitchen', 'customer', 'cancel'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

/** Thermal paper widths, in millimetres (58 mm: 32 characters a line; 80 mm: 48). */
export const PAPER_WIDTHS = [58, 80] as const;
export type PaperWidth = (typeof PAPER_WIDTHS)[number];

/** `network`: ESC/POS over TCP (port 9100). `system`: a printer the operating system knows (CUPS, the Windows spooler). */
export const PRINTER_TYPES = ['network', 'system'] as const;
export type PrinterType = (typeof PRINTER_TYPES)[number];

/** One printer, as in the config file's `printers` list. */
export interface PrinterConfig {
  /** Unique; what staff call it (后厨, 前台). */
  name: string;
  type: PrinterType;
  /** network: the printer's address and port (default 9100). */
  host?: string;
  port?: number;
  /** system: the operating system's name for the printer (CUPS queue, Windows printer). */
  device?: string;
  width: PaperWidth;
  /** The tickets this printer prints for every accepted order (and `cancel` when one is cancelled). */
  tickets: TicketKind[];
  /** Copies of each ticket, 1–5. */
  copies: number;
  /** Another printer's `name` that takes over this one's jobs while this one fails. */
  backup?: string;
}

/** How large a ticket's main lines print: `normal`, double height (`large`), double both ways (`huge`). */
export const TICKET_FONT_SIZES = ['normal', 'large', 'huge'] as const;
export type TicketFontSize = (typeof TICKET_FONT_SIZES)[number];

/** What a ticket shows; each may be switched off in the settings. */
export const TICKET_FIELDS = [
  'shopName',
  'pickupNumber',
  'preOrderTime',
  'items',
  'prices',
  'note',
  'discounts',
  'amounts',
  'cashToCollect',
  'invoice',
  'customer',
  'orderQr',
  'times',
] as const;
export type TicketField = (typeof TICKET_FIELDS)[number];

export interface TicketTemplateSettings {
  fontSize: TicketFontSize;
  /** Fields switched off (absent = the template's default). */
  hidden: TicketField[];
  /** A line of the shop's own at the foot (customer ticket: 谢谢惠顾, a phone number). */
  footer: string;
}

/** The shop's printing settings (config `printing`). */
export interface PrintingSettings {
  kitchen: TicketTemplateSettings;
  customer: TicketTemplateSettings;
  cancel: TicketTemplateSettings;
  /** Pre-orders (预订单): print on accept, or at their cooking reminder. */
  preOrders: 'on-accept' | 'at-reminder';
}

/** What the printer said about itself (ESC/POS `DLE EOT`), or what we could tell without asking. */
export const PRINTER_STATES = ['ready', 'offline', 'cover-open', 'paper-out', 'error', 'unknown'] as const;
export type PrinterState = (typeof PRINTER_STATES)[number];

export interface PrinterStatusView {
  name: string;
  type: PrinterType;
  width: PaperWidth;
  state: PrinterState;
  /** For staff: what is wrong and what to do ('' when ready). */
  detail: string;
  /** When the state was last read (ISO), null before the first check. */
  checkedAt: string | null;
  /** Jobs waiting for this printer. */
  queued: number;
  /** While this printer fails: the backup printing its jobs (its name), else null. */
  coveredBy: string | null;
  /**
   * When this printer was first set up on this desk (ISO), null before that is known. Orders
   * from before it were never meant to print on it: adding a printer does not print history.
   */
  since: string | null;
}

/** Why a ticket was printed. Part of a job's identity: an order prints each (ticket, reason) once. */
export const PRINT_REASONS = ['accepted', 'pre-order', 'cancelled', 'reprint', 'test', 'day-report'] as const;
export type PrintReason = (typeof PRINT_REASONS)[number];

/** queued → sent (bytes handed over) → confirmed (the printer said ready after); or failed, retried until given up. */
export const PRINT_JOB_STATES = ['queued', 'sent', 'confirmed', 'failed'] as const;
export type PrintJobState = (typeof PRINT_JOB_STATES)[number];

export interface PrintJobView {
  /**
   * `<orderKey>|<ticket>|<reason>[|<n>]` for orders (n counts reprints), `test|<printer>|<time>` for test pages,
   * `day-report|<from>|<to>|<minute>[|<n>]` for shift tickets.
   */
  id: string;
  /** null for a test page. */
  orderKey: string | null;
  ticket: TicketKind;
  reason: PrintReason;
  /** The printer meant to print it, and the one that did (a backup) once sent. */
  printer: string;
  printedOn: string | null;
  state: PrintJobState;
  attempts: number;
  /** In staff words ('' when none). */
  lastError: string;
  createdAt: string;
  updatedAt: string;
  /** The business day of the order (or of the test page). */
  day: string;
}

/** What the settings screen's live preview asks for. */
export interface TicketPreviewInput {
  ticket: TicketKind;
  width: PaperWidth;
  /** A real order to draw; absent → a made-up sample order that uses every field. */
  orderKey?: string;
  /** Unsaved settings to draw with; absent → the saved ones. */
  settings?: PrintingSettings;
}

/** A printer the operating system offers (for the settings screen's picker). */
export interface SystemPrinter {
  name: string;
  isDefault: boolean;
}
