/**
 * A make-believe network printer on the loopback: what the demo prints to and what the tests
 * pull the plug on. It speaks just enough ESC/POS: it keeps the bytes of each job (a job ends at
 * a paper cut, `GS V`, or when the connection closes), answers `DLE EOT 1/2/4` with the state it
 * is set to, and can be stopped and started again on the same port, refuse connections, or keep
 * silent on status (like printers that never answer).
 *
 * Bounded: at most `maxJobs` jobs kept (oldest dropped), at most `maxJobBytes` per job.
 * Binds 127.0.0.1 only. With `saveDir`, each job is also written there as `<n>.bin`.
 */
import { EventEmitter } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';

export type VirtualState = 'ready' | 'offline' | 'cover-open' | 'paper-out';

export interface VirtualJob {
  /** 1, 2, … in arrival order. */
  n: number;
  bytes: Buffer;
  at: Date;
}

export interface VirtualPrinterOptions {
  /** 0: any free port (then `port` tells which). */
  port?: number;
  maxJobs?: number;
  maxJobBytes?: number;
  saveDir?: string;
}

/** The answers to DLE EOT 1, 2, 4 for each state (see network.ts for the bits). */
const ANSWERS: Record<VirtualState, [number, number, number]> = {
  ready: [0x12, 0x12, 0x12],
  offline: [0x1a, 0x12, 0x12],
  'cover-open': [0x1a, 0x16, 0x12],
  'paper-out': [0x1a, 0x32, 0x72],
};

export class VirtualPrinter extends EventEmitter<{ job: [VirtualJob] }> {
  /** Jobs printed (received while ready), oldest first. */
  readonly jobs: VirtualJob[] = [];
  /** Jobs received while not ready (no paper, cover open): a real printer would not have printed them. */
  readonly lost: VirtualJob[] = [];
  state: VirtualState = 'ready';
  /** Take connections and close them at once (a printer that is rebooting, a wrong device on the address). */
  refuse = false;
  /** Never answer DLE EOT (some cheap printers). */
  silent = false;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private port_: number;
  private count = 0;
  private readonly maxJobs: number;
  private readonly maxJobBytes: number;

  constructor(private readonly opts: VirtualPrinterOptions = {}) {
    super();
    this.port_ = opts.port ?? 0;
    this.maxJobs = opts.maxJobs ?? 500;
    this.maxJobBytes = opts.maxJobBytes ?? 1024 * 1024;
  }

  get port(): number {
    return this.port_;
  }

  get running(): boolean {
    return this.server !== null;
  }

  /** Listen (again, on the same port once it had one). */
  async start(): Promise<this> {
    if (this.server) return this;
    const server = createServer((socket) => this.connection(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port_, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.port_ = (server.address() as { port: number }).port;
    this.server = server;
    return this;
  }

  /** Pull the plug: every connection is cut, nothing listens until `start` again. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Wait until at least `count` jobs have printed (bounded by `timeoutMs`). */
  async waitForJobs(count: number, timeoutMs = 10_000): Promise<VirtualJob[]> {
    if (this.jobs.length >= count) return this.jobs.slice();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('job', onJob);
        reject(new Error(`virtual printer: ${this.jobs.length} of ${count} jobs after ${timeoutMs} ms`));
      }, timeoutMs);
      const onJob = (): void => {
        if (this.jobs.length < count) return;
        clearTimeout(timer);
        this.off('job', onJob);
        resolve(this.jobs.slice());
      };
      this.on('job', onJob);
    });
  }

  private connection(socket: Socket): void {
    if (this.refuse) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    let pending: Buffer[] = [];
    let size = 0;
    const flush = (): void => {
      if (size > 0) this.record(Buffer.concat(pending));
      pending = [];
      size = 0;
    };
    let carry = Buffer.alloc(0);
    socket.on('data', (data: Buffer) => {
      // A command torn between two reads waits for its rest.
      const whole = carry.length > 0 ? Buffer.concat([carry, data]) : data;
      const held = heldTail(whole);
      const chunk = whole.subarray(0, whole.length - held);
      carry = Buffer.from(whole.subarray(whole.length - held));
      let from = 0;
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i];
        // DLE EOT n: answered at once, never part of a job.
        if (b === 0x10 && chunk[i + 1] === 0x04 && i + 2 < chunk.length) {
          this.keep(pending, chunk.subarray(from, i), (n) => (size += n));
          const n = chunk[i + 2] as number;
          if (!this.silent) {
            const [s1, s2, s4] = ANSWERS[this.state];
            socket.write(Buffer.from([n === 1 ? s1 : n === 2 ? s2 : s4]));
          }
          i += 2;
          from = i + 1;
          continue;
        }
        // GS r n (transmit status, which receiptline sends after each cut): answered, never part of a job.
        if (b === 0x1d && chunk[i + 1] === 0x72 && i + 2 < chunk.length) {
          this.keep(pending, chunk.subarray(from, i), (n) => (size += n));
          if (!this.silent) socket.write(Buffer.from([this.state === 'paper-out' ? 0x0c : 0x00]));
          i += 2;
          from = i + 1;
          continue;
        }
        // GS V …: the paper is cut, the job is done (its argument bytes belong to it).
        if (b === 0x1d && chunk[i + 1] === 0x56) {
          const m = chunk[i + 2];
          const end = Math.min(chunk.length, i + (m === 0x41 || m === 0x42 ? 4 : 3));
          this.keep(pending, chunk.subarray(from, end), (n) => (size += n));
          flush();
          i = end - 1;
          from = end;
        }
      }
      this.keep(pending, chunk.subarray(from), (n) => (size += n));
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.keep(pending, carry, (n) => (size += n));
      flush();
    });
    // Like a printer: close our side when the sender is done.
    socket.on('end', () => socket.end());
  }

  private keep(pending: Buffer[], part: Buffer, grow: (n: number) => void): void {
    if (part.length === 0) return;
    const room = this.maxJobBytes - pending.reduce((a, b) => a + b.length, 0);
    if (room <= 0) return;
    const taken = Buffer.from(part.subarray(0, room));
    pending.push(taken);
    grow(taken.length);
  }

  private record(bytes: Buffer): void {
    const job: VirtualJob = { n: ++this.count, bytes, at: new Date() };
    const list = this.state === 'ready' ? this.jobs : this.lost;
    list.push(job);
    if (list.length > this.maxJobs) list.shift();
    if (this.opts.saveDir && list === this.jobs) {
      const dir = this.opts.saveDir;
      void mkdir(dir, { recursive: true })
        .then(() => writeFile(join(dir, `${String(job.n).padStart(5, '0')}.bin`), bytes))
        .catch(() => undefined);
    }
    if (list === this.jobs) this.emit('job', job);
  }
}

/** How many bytes at the end of `b` may be the start of a command we act on (DLE EOT n, GS r n, GS V m [n]). */
function heldTail(b: Buffer): number {
  const n = b.length;
  const at = (i: number): number | undefined => (i >= 0 ? b[i] : undefined);
  if (at(n - 1) === 0x10 || at(n - 1) === 0x1d) return 1;
  if ((at(n - 2) === 0x10 && at(n - 1) === 0x04) || (at(n - 2) === 0x1d && (at(n - 1) === 0x72 || at(n - 1) === 0x56))) return 2;
  if (at(n - 3) === 0x1d && at(n - 2) === 0x56 && (at(n - 1) === 0x41 || at(n - 1) === 0x42)) return 3;
  return 0;
}
