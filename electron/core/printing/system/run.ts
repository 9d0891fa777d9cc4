/**
 * Runs the operating system's printing commands (`lp`, `lpstat`, `powershell.exe`): no shell, the
 * arguments as given, bytes on stdin, a hard time limit, output kept to a bounded size. Tests
 * inject their own runner to check command lines and feed canned output.
 */
import { spawn } from 'node:child_process';
import type { PrinterState } from '../../../../shared/printing.js';

export interface RunOptions {
  /** Written to the command's stdin, then stdin is closed (absent: stdin is closed at once). */
  input?: Buffer;
  /** The whole environment of the command (absent: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Killed after this many ms; the result then has `timedOut`. */
  timeoutMs: number;
}

export interface RunResult {
  /** Exit code, null when killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Rejects only when the command could not be started (`code: 'ENOENT'` when it is not installed). */
export type CommandRunner = (file: string, args: readonly string[], options: RunOptions) => Promise<RunResult>;

/** Output beyond this is dropped: printer lists and status lines are small. */
const MAX_OUTPUT = 1024 * 1024;

export const runCommand: CommandRunner = (file, args, options) =>
  new Promise((resolve, reject) => {
    const child = spawn(file, [...args], {
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
      shell: false,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outLen = 0;
    let errLen = 0;
    let timedOut = false;
    let settled = false;
    child.stdout.on('data', (d: Buffer) => {
      if (outLen < MAX_OUTPUT) out.push(d);
      outLen += d.length;
    });
    child.stderr.on('data', (d: Buffer) => {
      if (errLen < MAX_OUTPUT) err.push(d);
      errLen += d.length;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
      });
    });
    // A command that exits before reading all of stdin closes the pipe: its exit code says what went wrong.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? Buffer.alloc(0));
  });

/** True when the command is not installed. */
export function isMissingCommand(e: unknown): boolean {
  return (e as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** An error for staff, with the state the printer is in as far as we can tell. */
export class SystemPrintError extends Error {
  constructor(
    message: string,
    readonly state: 'offline' | 'error' | 'paper-out' | 'cover-open' = 'error',
  ) {
    super(message);
    this.name = 'SystemPrintError';
  }
}

/** The state a failed send leaves the printer in (a failure is never `ready`). */
export function failState(s: PrinterState): SystemPrintError['state'] {
  return s === 'ready' || s === 'unknown' ? 'error' : s;
}

/** Waits `ms`, or less when `signal` aborts. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
