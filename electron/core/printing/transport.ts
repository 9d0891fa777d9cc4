/**
 * How a rendered ticket reaches a printer. One transport per configured printer; the print queue
 * owns it, sends one job at a time through it, and asks it for the printer's state.
 *
 * `network` (ESC/POS over TCP) lives in network.ts; `system` (CUPS, the Windows spooler) plugs in
 * through `registerTransport('system', …)` from its own module, so the queue never imports it directly.
 */
import type { PrinterConfig, PrinterState, PrinterType, SystemPrinter } from '../../../shared/printing.js';

/** One job as a transport sees it: the bytes (ESC/POS) and, for printers that want a picture, the SVG. */
export interface TransportJob {
  /** The print job's id (`<orderKey>|<ticket>|<reason>[|n]`, `test|<printer>|<time>`). */
  id: string;
  /** A short human title (a spooler shows it in its queue): 「#12 后厨联」. */
  title: string;
  svg: string;
}

export interface TransportStatus {
  state: PrinterState;
  /** For staff: what is wrong and what to do ('' when ready). */
  detail: string;
}

export interface PrinterTransport {
  /**
   * Hand the bytes to the printer (or its spooler). Resolves once they were accepted, rejects with
   * an Error whose message is in staff words (「连不上打印机 …，请检查电源和网线」) when they were not.
   * Never called twice at once on the same transport.
   */
  send(bytes: Buffer, job: TransportJob): Promise<void>;
  /** The printer's state now; never rejects (an unreachable printer is `offline`). */
  status(): Promise<TransportStatus>;
  /** Release sockets and handles; the transport is not used after. */
  close(): Promise<void>;
}

/** Knobs a transport may honour (tests shorten them). */
export interface TransportOptions {
  /** Connecting, ms. */
  connectTimeoutMs?: number;
  /** Writing a job, ms. */
  writeTimeoutMs?: number;
  /** Waiting for a status answer, ms. */
  statusTimeoutMs?: number;
}

export type TransportFactory = (printer: PrinterConfig, options: TransportOptions) => PrinterTransport;

const factories = new Map<PrinterType, TransportFactory>();

/** Plug a printer type in (network.ts registers `network`; the system module registers `system`). */
export function registerTransport(type: PrinterType, factory: TransportFactory): void {
  factories.set(type, factory);
}

export function hasTransport(type: PrinterType): boolean {
  return factories.has(type);
}

/** A transport for this printer, or one that always says why it cannot print when its type is not available here. */
export function createTransport(printer: PrinterConfig, options: TransportOptions = {}): PrinterTransport {
  const factory = factories.get(printer.type);
  if (factory) return factory(printer, options);
  const detail = printer.type === 'system' ? '这台电脑上还不能用系统打印机，请改用网络打印机' : '不支持这种打印机';
  return {
    send: () => Promise.reject(new Error(detail)),
    status: () => Promise.resolve({ state: 'error', detail }),
    close: () => Promise.resolve(),
  };
}

type SystemPrinterLister = () => Promise<SystemPrinter[]>;
let systemPrinterLister: SystemPrinterLister | null = null;

/** The system module registers how to list the operating system's printers (for the settings' picker). */
export function registerSystemPrinterLister(list: SystemPrinterLister): void {
  systemPrinterLister = list;
}

/** The operating system's printers, or [] when no system module is plugged in (or listing failed). */
export async function listSystemPrinters(): Promise<SystemPrinter[]> {
  if (!systemPrinterLister) return [];
  try {
    return await systemPrinterLister();
  } catch {
    return [];
  }
}
