/**
 * Printers the operating system knows (`type: 'system'`, `device` = the OS's name for it): CUPS
 * queues on Linux and macOS, the spooler on Windows. `registerSystemPrinting` plugs this module into
 * the transport registry; the shell passes `printHtml` so a Windows driver that refuses raw bytes
 * still gets the ticket, as a picture.
 */
import type { PrinterConfig, SystemPrinter } from '../../../../shared/printing.js';
import { registerSystemPrinterLister, registerTransport, type PrinterTransport, type TransportOptions } from '../transport.js';
import { cupsTransport, listCupsPrinters, type CupsOptions } from './cups.js';
import type { PrintHtml } from './html.js';
import { runCommand, SystemPrintError, type CommandRunner } from './run.js';
import { listWindowsPrinters, windowsTransport, type WindowsOptions } from './windows.js';

export { SystemPrintError } from './run.js';
export type { CommandRunner, RunOptions, RunResult } from './run.js';
export type { PrintHtml } from './html.js';
export { ticketHtml } from './html.js';

export interface SystemPrintingDeps {
  /** Runs `lp`, `lpstat`, `powershell.exe` (tests inject their own). */
  run?: CommandRunner;
  /** Which system's way (default: this one). */
  platform?: NodeJS.Platform;
  /**
   * A CUPS server other than the system's (`host:port`, passed as `-h`), for tests and shops whose
   * queues live on another machine. Without it CUPS's own rules apply (including `CUPS_SERVER`).
   */
  cupsServer?: string;
  /** The shell's silent page printing (Windows drivers that refuse raw bytes). */
  printHtml?: PrintHtml;
  /** The clock for how long a Windows printer's ready state is reused (ms; default Date.now). */
  now?: () => number;
  /** One command's limit, ms (default: the transport's status timeout, at least 10 s; 20 s on Windows). */
  commandTimeoutMs?: number;
  /** How long a job may take to be handed to the printer before it is withdrawn, ms (default: the write timeout, else 30 s). */
  completeTimeoutMs?: number;
  /** How often CUPS is asked about a printing job, ms (default 200). */
  pollMs?: number;
}

type Deps = SystemPrintingDeps & TransportOptions;

function isWindows(d: Deps): boolean {
  return (d.platform ?? process.platform) === 'win32';
}

function cupsOptions(d: Deps): CupsOptions {
  return {
    run: d.run ?? runCommand,
    ...(d.cupsServer ? { server: d.cupsServer } : {}),
    commandTimeoutMs: d.commandTimeoutMs ?? Math.max(d.statusTimeoutMs ?? 0, 10_000),
    completeTimeoutMs: d.completeTimeoutMs ?? d.writeTimeoutMs ?? 30_000,
    pollMs: d.pollMs ?? 200,
  };
}

function windowsOptions(d: Deps): WindowsOptions {
  return {
    run: d.run ?? runCommand,
    // PowerShell starts and compiles the spooler helper on each call: seconds, not milliseconds.
    commandTimeoutMs: d.commandTimeoutMs ?? Math.max(d.statusTimeoutMs ?? 0, 20_000),
    completeTimeoutMs: d.completeTimeoutMs ?? d.writeTimeoutMs ?? 30_000,
    ...(d.printHtml ? { printHtml: d.printHtml } : {}),
    ...(d.now ? { now: d.now } : {}),
  };
}

/** A transport for one `system` printer, the way this operating system prints. */
export function createSystemTransport(printer: PrinterConfig, deps: Deps = {}): PrinterTransport {
  const device = printer.device?.trim();
  if (!device) {
    const detail = `打印机 ${printer.name} 还没有选系统打印机：请在设置里选一台`;
    return {
      send: () => Promise.reject(new SystemPrintError(detail, 'error')),
      status: () => Promise.resolve({ state: 'error', detail }),
      close: () => Promise.resolve(),
    };
  }
  return isWindows(deps) ? windowsTransport(device, windowsOptions(deps)) : cupsTransport(device, cupsOptions(deps));
}

/** The printers this operating system offers, for the settings' picker ([] when it has no printing service). */
export function listSystemPrinters(deps: SystemPrintingDeps = {}): Promise<SystemPrinter[]> {
  return isWindows(deps) ? listWindowsPrinters(windowsOptions(deps)) : listCupsPrinters(cupsOptions(deps));
}

/** Plug `system` printers into the transport registry (the desk's setup calls this once). */
export function registerSystemPrinting(deps: SystemPrintingDeps = {}): void {
  registerTransport('system', (printer, options) => createSystemTransport(printer, { ...options, ...deps }));
  registerSystemPrinterLister(() => listSystemPrinters(deps));
}

// Importing this module plugs system printers in with the defaults (no page printing: `serve` has no
// window); the shell calls `registerSystemPrinting({ printHtml })` again to add it.
registerSystemPrinting();
