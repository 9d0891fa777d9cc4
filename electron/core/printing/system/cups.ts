/**
 * CUPS (Linux, macOS): the shop's printer is a raw queue, and the ticket's ESC/POS bytes go to it
 * unchanged through `lp -o raw`. Every command runs in the C locale so its English answers can be
 * read; the words staff see are ours.
 *
 * A job counts as printed once CUPS has handed it to the printer (it leaves the queue's list of
 * unfinished jobs). A job that does not get there in time is cancelled in CUPS before we say it
 * failed, so a later retry or a backup printer never prints the same ticket twice.
 */
import type { SystemPrinter } from '../../../../shared/printing.js';
import type { PrinterTransport, TransportJob, TransportStatus } from '../transport.js';
import { failState, isMissingCommand, pause, SystemPrintError, type CommandRunner, type RunResult } from './run.js';

export interface CupsOptions {
  run: CommandRunner;
  /** `host:port` of a CUPS server other than the one the system uses (`lp -h`). */
  server?: string;
  /** One command's limit, ms. */
  commandTimeoutMs: number;
  /** How long a job may take to leave the queue before it is cancelled, ms. */
  completeTimeoutMs: number;
  /** How often the queue is looked at while a job prints, ms. */
  pollMs: number;
}

const CUPS_MISSING = '这台电脑没有装 CUPS 打印服务（找不到 lp / lpstat）：请先安装 CUPS，再在设置里选打印机';
const CUPS_DOWN = 'CUPS 打印服务没有运行：请启动它（Linux：sudo systemctl start cups），再重试';
const CUPS_SLOW = 'CUPS 打印服务没有回应：请稍后重试，或重启这台电脑的打印服务';
const noSuchPrinter = (q: string): string => `系统打印机 ${q} 不存在：请在设置里重新选择打印机，或在系统的打印机设置里把它加回来`;

/** The C locale: CUPS's messages in English, the same on every shop's machine. */
function cupsEnv(): NodeJS.ProcessEnv {
  return { ...process.env, LC_ALL: 'C', LANG: 'C', LC_MESSAGES: 'C' };
}

function serverArgs(server: string | undefined): string[] {
  return server ? ['-h', server] : [];
}

// ---- reading lpstat ----

/** `lpstat -e`: one destination a line. */
export function parseDestinations(stdout: string): string[] {
  const names: string[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const name = line.trim();
    if (name && !/\s/.test(name) && !names.includes(name)) names.push(name);
  }
  return names;
}

/** `lpstat -d`: `system default destination: NAME`, or `no system default destination`. */
export function parseDefault(stdout: string): string | null {
  const m = /default destination:\s*(\S+)/.exec(stdout);
  return m ? (m[1] as string) : null;
}

/** `lpstat -p` lines as names (a fallback for a CUPS without `-e`). */
export function parsePrinterNames(stdout: string): string[] {
  const names: string[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^printer (\S+) /.exec(line);
    if (m && !names.includes(m[1] as string)) names.push(m[1] as string);
  }
  return names;
}

export interface QueueState {
  /** False when the queue is unknown to CUPS. */
  found: boolean;
  enabled: boolean;
  /** `is holding new jobs`. */
  holding: boolean;
  printing: boolean;
  /** False only when `lpstat -a` said `not accepting`. */
  accepting: boolean;
  /** The printer's message lines (tab-indented under its line): why it is stopped, what the device said. */
  messages: string[];
  /** Ids (`queue-N`) of jobs not finished yet. */
  jobs: string[];
}

/** `lpstat -p Q -a Q -o Q`: the queue's line, its message lines, its accepting line, its unfinished jobs. */
export function parseQueue(stdout: string, queue: string): QueueState {
  const s: QueueState = { found: false, enabled: true, holding: false, printing: false, accepting: true, messages: [], jobs: [] };
  let inPrinter = false;
  for (const line of stdout.split(/\r?\n/)) {
    if (line.startsWith('\t') || line.startsWith('    ')) {
      const msg = line.trim();
      if (inPrinter && msg && !/^(Form mounted|Content types|Printer types|Description|Alerts|Location|Connection|On fault|After fault|Users allowed|Forms allowed|Banner|Charset|Default )/.test(msg)) s.messages.push(msg);
      continue;
    }
    inPrinter = false;
    const prefix = `printer ${queue} `;
    if (line.startsWith(prefix)) {
      const rest = line.slice(prefix.length);
      s.found = true;
      inPrinter = true;
      if (/^disabled\b/.test(rest)) s.enabled = false;
      else if (/^is holding new jobs/.test(rest)) s.holding = true;
      else if (/^now printing\b/.test(rest)) s.printing = true;
      continue;
    }
    if (line.startsWith(`${queue} not accepting requests`)) {
      s.found = true;
      s.accepting = false;
      continue;
    }
    if (line.startsWith(`${queue} accepting requests`)) {
      s.found = true;
      continue;
    }
    const job = /^(\S+)-(\d+)\s/.exec(line);
    if (job && job[1] === queue) s.jobs.push(`${queue}-${job[2]}`);
  }
  // `Rejecting Jobs` is CUPS's own message for a rejecting queue; the accepting line says it already.
  s.messages = s.messages.filter((m) => m !== 'Rejecting Jobs' && m !== 'Paused');
  return s;
}

/** `lp` answers `request id is Q-12 (1 file(s))`. */
export function parseRequestId(stdout: string): string | null {
  const m = /request id is (\S+-\d+)/.exec(stdout);
  return m ? (m[1] as string) : null;
}

/** What the device's backend says when it cannot reach the printer (socket, usb, ipp backends). */
const UNREACHABLE = /not exist or is unavailable|unable to (connect|locate|open)|not responding|waiting for printer|offline|not connected|connection refused|no route|timed out/i;

/** The queue's state for staff. */
export function queueStatus(queue: string, s: QueueState): TransportStatus {
  const why = s.messages.length ? `（${s.messages.join('；')}）` : '';
  if (!s.found) return { state: 'error', detail: noSuchPrinter(queue) };
  if (!s.enabled) return { state: 'offline', detail: `系统打印机 ${queue} 在 CUPS 里被停用了${why}：修好打印机后在系统的打印机设置里恢复它（或运行 cupsenable ${queue}）` };
  if (!s.accepting) return { state: 'offline', detail: `系统打印机 ${queue} 在 CUPS 里不接收新任务：在系统的打印机设置里恢复它（或运行 cupsaccept ${queue}）` };
  if (s.holding) return { state: 'offline', detail: `系统打印机 ${queue} 在 CUPS 里暂停了新任务：在系统的打印机设置里恢复它` };
  if (s.printing && s.messages.some((m) => UNREACHABLE.test(m))) {
    return { state: 'offline', detail: `连不上系统打印机 ${queue}${why}：请检查打印机的电源和连线` };
  }
  return { state: 'ready', detail: '' };
}

// ---- the commands ----

class Cups {
  constructor(private readonly o: CupsOptions) {}

  run(file: string, args: string[], input?: Buffer): Promise<RunResult> {
    return this.o.run(file, [...serverArgs(this.o.server), ...args], {
      env: cupsEnv(),
      timeoutMs: this.o.commandTimeoutMs,
      ...(input ? { input } : {}),
    });
  }

  /** Whether the scheduler answers (`lpstat -r`); a missing queue and a stopped CUPS look the same otherwise. */
  async schedulerRunning(): Promise<boolean> {
    try {
      const r = await this.run('lpstat', ['-r']);
      return !/not running/i.test(r.stdout + r.stderr) && r.code === 0;
    } catch {
      return false;
    }
  }

  /** The queue as CUPS sees it now; throws SystemPrintError when CUPS itself cannot answer. */
  async queue(queue: string): Promise<QueueState> {
    let r: RunResult;
    try {
      r = await this.run('lpstat', ['-p', queue, '-a', queue, '-o', queue]);
    } catch (e) {
      throw new SystemPrintError(isMissingCommand(e) ? CUPS_MISSING : `${CUPS_SLOW}（${(e as Error).message}）`, 'error');
    }
    if (r.timedOut) throw new SystemPrintError(CUPS_SLOW, 'offline');
    const s = parseQueue(r.stdout, queue);
    if (s.found) return s;
    if (/scheduler is not running/i.test(r.stderr) || !(await this.schedulerRunning())) throw new SystemPrintError(CUPS_DOWN, 'offline');
    return s;
  }
}

export async function listCupsPrinters(o: CupsOptions): Promise<SystemPrinter[]> {
  const cups = new Cups(o);
  let names: string[];
  try {
    const e = await cups.run('lpstat', ['-e']);
    names = parseDestinations(e.stdout);
    if (e.code !== 0 && names.length === 0) names = parsePrinterNames((await cups.run('lpstat', ['-p'])).stdout);
  } catch (e) {
    if (isMissingCommand(e)) return [];
    throw e;
  }
  let def: string | null = null;
  try {
    def = parseDefault((await cups.run('lpstat', ['-d'])).stdout);
  } catch {
    def = null;
  }
  return names.map((name) => ({ name, isDefault: name === def }));
}

export function cupsTransport(queue: string, o: CupsOptions): PrinterTransport {
  const cups = new Cups(o);
  const closing = new AbortController();

  async function status(): Promise<TransportStatus> {
    try {
      return queueStatus(queue, await cups.queue(queue));
    } catch (e) {
      if (e instanceof SystemPrintError) return { state: e.state, detail: e.message };
      return { state: 'unknown', detail: CUPS_SLOW };
    }
  }

  async function cancel(jobId: string): Promise<void> {
    try {
      await cups.run('cancel', [jobId]);
    } catch {
      // Nothing more to do: the failure below tells staff to check the printer.
    }
  }

  async function send(bytes: Buffer, job: TransportJob): Promise<void> {
    // A queue that cannot print now would keep the job and print it later, maybe after a backup printed it.
    const before = queueStatus(queue, await cups.queue(queue));
    if (before.state !== 'ready') throw new SystemPrintError(before.detail, failState(before.state));

    let r: RunResult;
    try {
      r = await cups.run('lp', ['-d', queue, '-o', 'raw', '-t', job.title], bytes);
    } catch (e) {
      throw new SystemPrintError(isMissingCommand(e) ? CUPS_MISSING : `系统打印机 ${queue} 打印失败：${(e as Error).message}`);
    }
    if (r.timedOut) throw new SystemPrintError(CUPS_SLOW, 'offline');
    const jobId = parseRequestId(r.stdout);
    if (r.code !== 0 || !jobId) {
      const said = `${r.stderr}\n${r.stdout}`;
      if (/does not exist|not found|invalid destination/i.test(said)) {
        if (await cups.schedulerRunning()) throw new SystemPrintError(noSuchPrinter(queue), 'error');
        throw new SystemPrintError(CUPS_DOWN, 'offline');
      }
      if (/not accepting/i.test(said)) throw new SystemPrintError(queueStatus(queue, { ...emptyQueue(), found: true, accepting: false }).detail, 'offline');
      const line = said.split(/\r?\n/).map((l) => l.trim()).find((l) => l) ?? `exit ${r.code}`;
      throw new SystemPrintError(`系统打印机 ${queue} 打印失败：${line}`);
    }

    // Wait until CUPS has handed the job to the printer.
    const deadline = Date.now() + o.completeTimeoutMs;
    for (;;) {
      if (closing.signal.aborted) return;
      let s: QueueState;
      try {
        s = await cups.queue(queue);
      } catch (e) {
        await cancel(jobId);
        throw e;
      }
      if (!s.jobs.includes(jobId)) return;
      // Stopped or rejecting is final; a device message while printing may be an old one, so that waits for the limit.
      const now = queueStatus(queue, s);
      if (!s.enabled || !s.accepting || s.holding) {
        await cancel(jobId);
        throw new SystemPrintError(`${now.detail}（这张单已从 CUPS 撤回，不会再自己打出来）`, failState(now.state));
      }
      if (Date.now() >= deadline) {
        await cancel(jobId);
        throw new SystemPrintError(
          `系统打印机 ${queue} 在 ${Math.round(o.completeTimeoutMs / 1000)} 秒内没有打完这张单，已从 CUPS 撤回：请检查打印机的电源、纸和连线`,
          'offline',
        );
      }
      await pause(o.pollMs, closing.signal);
    }
  }

  return {
    send,
    status,
    close: async () => closing.abort(),
  };
}

function emptyQueue(): QueueState {
  return { found: false, enabled: true, holding: false, printing: false, accepting: true, messages: [], jobs: [] };
}
