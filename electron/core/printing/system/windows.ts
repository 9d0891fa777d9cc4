/**
 * The Windows spooler, without a native module: Windows PowerShell (on every Windows since 8)
 * compiles a small C# helper that calls winspool.drv — OpenPrinter, StartDocPrinter with the
 * datatype "RAW" (the spooler passes the bytes to the port unchanged), WritePrinter, EndDocPrinter —
 * and answers one line of JSON. The printer's name, the title and the path of the bytes travel in
 * environment variables, so nothing the shop typed is ever parsed as a command.
 *
 * Like CUPS, a job counts as printed once it left the spooler's queue (or is marked printed); one
 * that does not leave in time is deleted from the queue before we say it failed.
 *
 * A driver that refuses RAW (StartDocPrinter fails with ERROR_INVALID_DATATYPE) gets the ticket's
 * picture instead, printed by the shell's hidden window (`printHtml`), when the shell offers one.
 *
 * None of this can run on Linux: tests check the command lines and read canned answers; the
 * README says what must be tried on a Windows machine with the printer.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrinterState, SystemPrinter } from '../../../../shared/printing.js';
import type { PrinterTransport, TransportJob, TransportStatus } from '../transport.js';
import { ticketHtml, type PrintHtml } from './html.js';
import { failState, isMissingCommand, SystemPrintError, type CommandRunner, type RunResult } from './run.js';

export interface WindowsOptions {
  run: CommandRunner;
  /** powershell.exe's path (default: under %SystemRoot%, else found on PATH). */
  powershell?: string;
  commandTimeoutMs: number;
  completeTimeoutMs: number;
  printHtml?: PrintHtml;
  /** The clock for how long a ready answer is reused (ms; default Date.now). */
  now?: () => number;
}

/**
 * A ready printer's state is asked again after this long at the soonest. Each question starts
 * PowerShell and compiles the spooler helper (1–2 s of a counter PC's CPU), and the queue checks
 * its printers every few seconds; a send checks the printer itself before spooling anyway.
 * A printer in trouble is asked every time, so its recovery shows at once.
 */
export const READY_REUSE_MS = 60_000;

// winspool PRINTER_STATUS_* flags and PRINTER_ATTRIBUTE_WORK_OFFLINE.
const PAUSED = 0x1;
const ERROR = 0x2;
const PAPER_JAM = 0x8;
const PAPER_OUT = 0x10;
const PAPER_PROBLEM = 0x40;
const OFFLINE = 0x80;
const NOT_AVAILABLE = 0x1000;
const USER_INTERVENTION = 0x100000;
const DOOR_OPEN = 0x400000;
const SERVER_OFFLINE = 0x2000000;
const WORK_OFFLINE = 0x400;
/** What stops a ticket from printing now: such a printer is not sent to. */
export const BLOCKING_STATUS = PAUSED | ERROR | PAPER_JAM | PAPER_OUT | PAPER_PROBLEM | OFFLINE | NOT_AVAILABLE | USER_INTERVENTION | DOOR_OPEN | SERVER_OFFLINE;

/** The P/Invoke helper. Offsets: JOB_INFO_1.Status after JobId and six pointers; PRINTER_INFO_2's DWORDs after thirteen pointers. */
export const SPOOL_HELPER = String.raw`
using System;
using System.Runtime.InteropServices;
public static class WaimaiSpool {
  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
  public class DocInfo1 {
    [MarshalAs(UnmanagedType.LPWStr)] public string pDocName;
    [MarshalAs(UnmanagedType.LPWStr)] public string pOutputFile;
    [MarshalAs(UnmanagedType.LPWStr)] public string pDatatype;
  }
  [DllImport("winspool.drv", EntryPoint = "OpenPrinterW", SetLastError = true, CharSet = CharSet.Unicode)]
  static extern bool OpenPrinter(string name, out IntPtr h, IntPtr defaults);
  [DllImport("winspool.drv", SetLastError = true)]
  static extern bool ClosePrinter(IntPtr h);
  [DllImport("winspool.drv", EntryPoint = "StartDocPrinterW", SetLastError = true, CharSet = CharSet.Unicode)]
  static extern int StartDocPrinter(IntPtr h, int level, [In, MarshalAs(UnmanagedType.LPStruct)] DocInfo1 di);
  [DllImport("winspool.drv", SetLastError = true)]
  static extern bool EndDocPrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)]
  static extern bool StartPagePrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)]
  static extern bool EndPagePrinter(IntPtr h);
  [DllImport("winspool.drv", SetLastError = true)]
  static extern bool WritePrinter(IntPtr h, byte[] buf, int count, out int written);
  [DllImport("winspool.drv", EntryPoint = "GetPrinterW", SetLastError = true)]
  static extern bool GetPrinter(IntPtr h, int level, IntPtr buf, int size, out int needed);
  [DllImport("winspool.drv", EntryPoint = "GetJobW", SetLastError = true)]
  static extern bool GetJob(IntPtr h, int jobId, int level, IntPtr buf, int size, out int needed);
  [DllImport("winspool.drv", EntryPoint = "SetJobW", SetLastError = true)]
  static extern bool SetJob(IntPtr h, int jobId, int level, IntPtr buf, int command);

  const int ERROR_INVALID_PRINTER_NAME = 1801;
  const int ERROR_INVALID_DATATYPE = 1804;
  const int JOB_CONTROL_DELETE = 5;
  const int JOB_STATUS_PRINTED = 0x80;
  const int JOB_STATUS_COMPLETE = 0x1000;
  const int BLOCKING_STATUS = ${BLOCKING_STATUS};
  const int WORK_OFFLINE = ${WORK_OFFLINE};

  static string Fail(string code, int err) {
    return "{\"ok\":false,\"code\":\"" + code + "\",\"win32\":" + err + "}";
  }
  static string Open(string printer, out IntPtr h) {
    if (OpenPrinter(printer, out h, IntPtr.Zero)) return null;
    int e = Marshal.GetLastWin32Error();
    return Fail(e == ERROR_INVALID_PRINTER_NAME ? "not-found" : "open-failed", e);
  }
  static int JobStatus(IntPtr h, int job) {
    int needed;
    GetJob(h, job, 1, IntPtr.Zero, 0, out needed);
    if (needed <= 0) return -1;
    IntPtr buf = Marshal.AllocHGlobal(needed);
    try {
      if (!GetJob(h, job, 1, buf, needed, out needed)) return -1;
      return Marshal.ReadInt32(buf, 7 * IntPtr.Size);
    } finally { Marshal.FreeHGlobal(buf); }
  }
  public static string Send(string printer, string title, byte[] data, int timeoutMs) {
    IntPtr h;
    string failed = Open(printer, out h);
    if (failed != null) return failed;
    try {
      // A printer that cannot print now would keep the job and print it later, maybe after a backup printed it.
      int status, attributes, err;
      if (ReadStatus(h, out status, out attributes, out err) && ((status & BLOCKING_STATUS) != 0 || (attributes & WORK_OFFLINE) != 0)) {
        return StatusJson(false, status, attributes);
      }
      DocInfo1 di = new DocInfo1();
      di.pDocName = title;
      di.pDatatype = "RAW";
      int job = StartDocPrinter(h, 1, di);
      if (job == 0) {
        int e = Marshal.GetLastWin32Error();
        return Fail(e == ERROR_INVALID_DATATYPE ? "raw-refused" : "start-failed", e);
      }
      int written = 0;
      int werr = 0;
      bool ok = StartPagePrinter(h);
      if (ok) {
        ok = WritePrinter(h, data, data.Length, out written);
        if (!ok) werr = Marshal.GetLastWin32Error();
        EndPagePrinter(h);
      } else {
        werr = Marshal.GetLastWin32Error();
      }
      EndDocPrinter(h);
      if (!ok || written != data.Length) {
        SetJob(h, job, 0, IntPtr.Zero, JOB_CONTROL_DELETE);
        return Fail("write-failed", werr);
      }
      DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
      while (true) {
        int st = JobStatus(h, job);
        if (st < 0 || (st & JOB_STATUS_PRINTED) != 0 || (st & JOB_STATUS_COMPLETE) != 0) return "{\"ok\":true,\"job\":" + job + "}";
        if (DateTime.UtcNow >= deadline) {
          SetJob(h, job, 0, IntPtr.Zero, JOB_CONTROL_DELETE);
          return "{\"ok\":false,\"code\":\"timeout\",\"win32\":0,\"jobStatus\":" + st + "}";
        }
        System.Threading.Thread.Sleep(250);
      }
    } finally { ClosePrinter(h); }
  }
  static bool ReadStatus(IntPtr h, out int status, out int attributes, out int err) {
    status = 0; attributes = 0; err = 0;
    int needed;
    GetPrinter(h, 2, IntPtr.Zero, 0, out needed);
    if (needed <= 0) { err = Marshal.GetLastWin32Error(); return false; }
    IntPtr buf = Marshal.AllocHGlobal(needed);
    try {
      if (!GetPrinter(h, 2, buf, needed, out needed)) { err = Marshal.GetLastWin32Error(); return false; }
      int b = 13 * IntPtr.Size;
      attributes = Marshal.ReadInt32(buf, b);
      status = Marshal.ReadInt32(buf, b + 20);
      return true;
    } finally { Marshal.FreeHGlobal(buf); }
  }
  static string StatusJson(bool ok, int status, int attributes) {
    return "{\"ok\":" + (ok ? "true" : "false") + (ok ? "" : ",\"code\":\"not-ready\",\"win32\":0") + ",\"status\":" + status + ",\"attributes\":" + attributes + "}";
  }
  public static string Status(string printer) {
    IntPtr h;
    string failed = Open(printer, out h);
    if (failed != null) return failed;
    try {
      int status, attributes, err;
      if (!ReadStatus(h, out status, out attributes, out err)) return Fail("status-failed", err);
      return StatusJson(true, status, attributes);
    } finally { ClosePrinter(h); }
  }
}
`;

const PREAMBLE = `$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
`;

function withHelper(body: string): string {
  return `${PREAMBLE}Add-Type -TypeDefinition @'\n${SPOOL_HELPER}\n'@\n${body}\n`;
}

/** Lists printers: name and whether it is the default, always as a JSON array. */
export const LIST_SCRIPT = `${PREAMBLE}$list = @(Get-CimInstance -ClassName Win32_Printer | ForEach-Object { [pscustomobject]@{ name = [string]$_.Name; isDefault = [bool]$_.Default } })
[Console]::Out.Write((ConvertTo-Json -InputObject $list -Compress))
`;

export const SEND_SCRIPT = withHelper(`$data = [System.IO.File]::ReadAllBytes($env:WAIMAI_PRINT_FILE)
[Console]::Out.Write([WaimaiSpool]::Send($env:WAIMAI_PRINTER, $env:WAIMAI_PRINT_TITLE, $data, [int]$env:WAIMAI_PRINT_TIMEOUT_MS))`);

export const STATUS_SCRIPT = withHelper(`[Console]::Out.Write([WaimaiSpool]::Status($env:WAIMAI_PRINTER))`);

/** `-EncodedCommand` takes the script as base64 of UTF-16LE: no quoting rules to get wrong. */
export function encodeScript(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}

export function powershellArgs(script: string): string[] {
  return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encodeScript(script)];
}

export function powershellPath(env: NodeJS.ProcessEnv = process.env): string {
  const root = env['SystemRoot'] ?? env['SYSTEMROOT'];
  return root ? `${root}\\System32\\WindowsPowerShell\\v1.0\\powershell.exe` : 'powershell.exe';
}

// ---- reading the answers ----

/** `LIST_SCRIPT`'s answer; PowerShell may also give one object, or nothing, for one or no printer. */
export function parsePrinterList(stdout: string): SystemPrinter[] {
  const text = stdout.replace(/^\uFEFF/, '').trim();
  if (!text) return [];
  const raw: unknown = JSON.parse(text);
  const items = Array.isArray(raw) ? raw : [raw];
  const printers: SystemPrinter[] = [];
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const o = item as Record<string, unknown>;
    const name = o['name'] ?? o['Name'];
    if (typeof name !== 'string' || !name.trim()) continue;
    printers.push({ name, isDefault: (o['isDefault'] ?? o['Default']) === true });
  }
  return printers;
}

export type SpoolAnswer =
  | { ok: true; job?: number; status?: number; attributes?: number; jobs?: number }
  | { ok: false; code: string; win32: number; jobStatus?: number; status?: number; attributes?: number };

/** The helper's one line of JSON (the last line that parses, past any warning PowerShell printed). */
export function parseSpoolAnswer(stdout: string): SpoolAnswer | null {
  const lines = stdout.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l.startsWith('{'));
  for (const line of lines.reverse()) {
    try {
      const v = JSON.parse(line) as SpoolAnswer;
      if (v && typeof v === 'object' && typeof v.ok === 'boolean') return v;
    } catch {
      // not ours
    }
  }
  return null;
}

export function windowsStatus(printer: string, status: number, attributes: number): TransportStatus {
  if (status & PAUSED) return { state: 'offline', detail: `系统打印机 ${printer} 在 Windows 里被暂停了：打开“打印机和扫描仪”，在它的打印队列里点“继续”` };
  if (attributes & WORK_OFFLINE) return { state: 'offline', detail: `系统打印机 ${printer} 被设成了“脱机使用打印机”：在它的打印队列里的“打印机”菜单取消勾选` };
  if (status & (OFFLINE | SERVER_OFFLINE)) return { state: 'offline', detail: `系统打印机 ${printer} 脱机：请检查打印机的电源和连线` };
  if (status & PAPER_OUT) return { state: 'paper-out', detail: `系统打印机 ${printer} 没纸了：请装纸` };
  if (status & DOOR_OPEN) return { state: 'cover-open', detail: `系统打印机 ${printer} 的盖子开着：请合上` };
  if (status & PAPER_JAM) return { state: 'error', detail: `系统打印机 ${printer} 卡纸了：请打开盖子取出卡住的纸` };
  if (status & (ERROR | PAPER_PROBLEM | USER_INTERVENTION | NOT_AVAILABLE)) return { state: 'error', detail: `系统打印机 ${printer} 出错了：请查看打印机，并在 Windows 的打印队列里看看提示` };
  return { state: 'ready', detail: '' };
}

const noSuchPrinter = (p: string): string => `系统打印机 ${p} 不存在：请在设置里重新选择打印机，或在 Windows 的“打印机和扫描仪”里把它加回来`;
const POWERSHELL_MISSING = '这台电脑上找不到 Windows PowerShell，不能用系统打印机：请改用网络打印机，或联系我们';
const rawRefused = (p: string): string =>
  `系统打印机 ${p} 的 Windows 驱动不接受原始数据（RAW）：请在打印机属性里换用厂家的 ESC/POS 驱动或“Generic / Text Only”驱动`;

/** Staff words for a failed send. */
export function sendFailure(printer: string, a: Extract<SpoolAnswer, { ok: false }>, timeoutMs: number): SystemPrintError {
  switch (a.code) {
    case 'not-found':
      return new SystemPrintError(noSuchPrinter(printer), 'error');
    case 'raw-refused':
      return new SystemPrintError(rawRefused(printer), 'error');
    case 'timeout':
      return new SystemPrintError(
        `系统打印机 ${printer} 在 ${Math.round(timeoutMs / 1000)} 秒内没有打完这张单，已从 Windows 打印队列删除：请检查打印机的电源、纸和连线`,
        'offline',
      );
    default:
      return new SystemPrintError(`系统打印机 ${printer} 打印失败（Windows 错误 ${a.win32}）：请检查打印机，再重试`, 'error');
  }
}

export async function listWindowsPrinters(o: WindowsOptions): Promise<SystemPrinter[]> {
  let r: RunResult;
  try {
    r = await o.run(o.powershell ?? powershellPath(), powershellArgs(LIST_SCRIPT), { timeoutMs: o.commandTimeoutMs });
  } catch (e) {
    if (isMissingCommand(e)) return [];
    throw e;
  }
  if (r.code !== 0 || r.timedOut) return [];
  return parsePrinterList(r.stdout);
}

export function windowsTransport(printer: string, o: WindowsOptions): PrinterTransport {
  const ps = o.powershell ?? powershellPath();
  const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({ ...process.env, WAIMAI_PRINTER: printer, ...extra });

  async function runScript(script: string, extra: Record<string, string>, timeoutMs: number): Promise<SpoolAnswer> {
    let r: RunResult;
    try {
      r = await o.run(ps, powershellArgs(script), { env: env(extra), timeoutMs });
    } catch (e) {
      throw new SystemPrintError(isMissingCommand(e) ? POWERSHELL_MISSING : `系统打印机 ${printer} 打印失败：${(e as Error).message}`);
    }
    if (r.timedOut) throw new SystemPrintError(`Windows 打印服务没有回应（系统打印机 ${printer}）：请稍后重试，或重启电脑`, 'offline');
    const a = parseSpoolAnswer(r.stdout);
    if (!a) {
      const line = r.stderr.split(/\r?\n/).map((l) => l.trim()).find((l) => l) ?? `exit ${r.code}`;
      throw new SystemPrintError(`系统打印机 ${printer} 打印失败：${line}`);
    }
    return a;
  }

  const now = o.now ?? Date.now;
  let lastReady = -Infinity;

  async function status(): Promise<TransportStatus> {
    if (now() - lastReady < READY_REUSE_MS) return { state: 'ready', detail: '' };
    const s = await askStatus();
    lastReady = s.state === 'ready' ? now() : -Infinity;
    return s;
  }

  async function askStatus(): Promise<TransportStatus> {
    try {
      const a = await runScript(STATUS_SCRIPT, {}, o.commandTimeoutMs);
      if (!a.ok) return a.code === 'not-found' ? { state: 'error', detail: noSuchPrinter(printer) } : { state: 'unknown', detail: `读不到系统打印机 ${printer} 的状态（Windows 错误 ${a.win32}）` };
      return windowsStatus(printer, a.status ?? 0, a.attributes ?? 0);
    } catch (e) {
      const state: PrinterState = e instanceof SystemPrintError ? e.state : 'unknown';
      return { state, detail: (e as Error).message };
    }
  }

  async function send(bytes: Buffer, job: TransportJob): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), 'waimai-print-'));
    try {
      const file = join(dir, 'ticket.bin');
      await writeFile(file, bytes);
      const a = await runScript(
        SEND_SCRIPT,
        { WAIMAI_PRINT_FILE: file, WAIMAI_PRINT_TITLE: job.title, WAIMAI_PRINT_TIMEOUT_MS: String(o.completeTimeoutMs) },
        // PowerShell compiles the helper first: allow for that on top of the job's own time.
        o.completeTimeoutMs + o.commandTimeoutMs,
      );
      if (a.ok) return;
      if (a.code === 'raw-refused' && o.printHtml) {
        try {
          await o.printHtml(printer, ticketHtml(job.svg, job.title));
          return;
        } catch (e) {
          throw new SystemPrintError(`${rawRefused(printer)}；按图片打印也失败了：${(e as Error).message}`);
        }
      }
      if (a.code === 'not-ready') {
        const now = windowsStatus(printer, a.status ?? 0, a.attributes ?? 0);
        throw new SystemPrintError(now.detail || `系统打印机 ${printer} 现在不能打印`, failState(now.state));
      }
      throw sendFailure(printer, a, o.completeTimeoutMs);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  return { send, status, close: async () => undefined };
}
