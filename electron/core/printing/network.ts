/**
 * The network printer: ESC/POS over raw TCP (port 9100 by default), the way kitchen thermal
 * printers are sold. One connection per job (the printer closes idle ones on its own anyway),
 * one short connection per status check.
 *
 * Status is asked with `DLE EOT n` (0x10 0x04 n), which printers answer at once with one byte,
 * even mid-job:
 * - n=1 printer status: bit 3 set → offline;
 * - n=2 offline cause: bit 2 → cover open, bit 5 → stopped for paper end, bit 6 → an error;
 * - n=4 roll paper sensor: bits 2–3 → paper near its end, bits 5–6 → paper end.
 * In every answer bit 1 and bit 4 are set and bits 0 and 7 clear; a byte that does not fit is
 * not a status answer. A printer that does not answer in time but accepts connections is
 * `unknown` (some cheap ones never answer): still printable.
 */
import { Socket } from 'node:net';
import type { PrinterConfig } from '../../../shared/printing.js';
import { registerTransport, type PrinterTransport, type TransportJob, type TransportOptions, type TransportStatus } from './transport.js';

export const DEFAULT_PORT = 9100;

const DLE_EOT = (n: number): Buffer => Buffer.from([0x10, 0x04, n]);

/** Staff words for each state (detail). */
export const NETWORK_WORDS = {
  unreachable: (where: string) => `连不上打印机 ${where}，请检查电源和网线`,
  offline: '打印机离线，请检查打印机是否开着、有没有报错灯',
  coverOpen: '打印机盖未关好',
  paperOut: '打印机缺纸，请换纸',
  paperNearEnd: '打印纸快用完了，请准备新纸卷',
  error: '打印机报错，请关掉打印机电源再打开',
  unknown: '打印机不回报状态，无法知道是否缺纸（仍可打印）',
  writeTimeout: (where: string) => `打印机 ${where} 没有收完小票，请检查网线和打印机`,
};

function validAnswer(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/** The printer's state from its three answers (null: it did not answer that one). */
export function decodeStatus(printer: number | null, cause: number | null, paper: number | null): TransportStatus {
  if (printer === null || !validAnswer(printer)) return { state: 'unknown', detail: NETWORK_WORDS.unknown };
  const c = cause !== null && validAnswer(cause) ? cause : 0;
  const p = paper !== null && validAnswer(paper) ? paper : 0;
  if ((p & 0x60) !== 0 || (c & 0x20) !== 0) return { state: 'paper-out', detail: NETWORK_WORDS.paperOut };
  if ((c & 0x04) !== 0) return { state: 'cover-open', detail: NETWORK_WORDS.coverOpen };
  if ((c & 0x40) !== 0) return { state: 'error', detail: NETWORK_WORDS.error };
  if ((printer & 0x08) !== 0) return { state: 'offline', detail: NETWORK_WORDS.offline };
  if ((p & 0x0c) !== 0) return { state: 'ready', detail: NETWORK_WORDS.paperNearEnd };
  return { state: 'ready', detail: '' };
}

class NetworkError extends Error {
  override name = 'NetworkPrinterError';
}

export class NetworkTransport implements PrinterTransport {
  readonly host: string;
  readonly port: number;
  private readonly connectMs: number;
  private readonly writeMs: number;
  private readonly statusMs: number;
  private readonly sockets = new Set<Socket>();
  private closed = false;

  constructor(printer: Pick<PrinterConfig, 'host' | 'port'>, opts: TransportOptions = {}) {
    this.host = printer.host ?? '';
    this.port = printer.port ?? DEFAULT_PORT;
    this.connectMs = opts.connectTimeoutMs ?? 3_000;
    this.writeMs = opts.writeTimeoutMs ?? 15_000;
    this.statusMs = opts.statusTimeoutMs ?? 1_500;
  }

  private get where(): string {
    return `${this.host}:${this.port}`;
  }

  /** A connected socket, or an Error in staff words. */
  private connect(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      if (this.closed || !this.host) {
        reject(new NetworkError(NETWORK_WORDS.unreachable(this.where)));
        return;
      }
      const socket = new Socket();
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      const timer = setTimeout(() => fail(), this.connectMs);
      const fail = (): void => {
        clearTimeout(timer);
        socket.destroy();
        reject(new NetworkError(NETWORK_WORDS.unreachable(this.where)));
      };
      socket.once('error', fail);
      socket.connect(this.port, this.host, () => {
        clearTimeout(timer);
        socket.off('error', fail);
        socket.setNoDelay(true);
        resolve(socket);
      });
    });
  }

  async send(bytes: Buffer, _job: TransportJob): Promise<void> {
    const socket = await this.connect();
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (err?: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) {
          socket.destroy();
          reject(err);
        } else resolve();
      };
      const timer = setTimeout(() => finish(new NetworkError(NETWORK_WORDS.writeTimeout(this.where))), this.writeMs);
      socket.on('error', () => finish(new NetworkError(NETWORK_WORDS.unreachable(this.where))));
      socket.on('data', () => undefined); // a printer may talk back (automatic status); not read
      socket.end(bytes, () => {
        // Our bytes are all handed to the network. Give the printer a moment to close its side,
        // then let go either way: some printers keep the connection open.
        const grace = setTimeout(() => {
          socket.destroy();
          finish();
        }, 300);
        socket.once('close', () => {
          clearTimeout(grace);
          finish();
        });
      });
    });
  }

  async status(): Promise<TransportStatus> {
    let socket: Socket;
    try {
      socket = await this.connect();
    } catch (err) {
      return { state: 'offline', detail: (err as Error).message };
    }
    try {
      const answers: (number | null)[] = [];
      for (const n of [1, 2, 4]) {
        const b = await this.ask(socket, n);
        answers.push(b);
        if (b === null) break; // no answer to the first: it will not answer the rest either
      }
      return decodeStatus(answers[0] ?? null, answers[1] ?? null, answers[2] ?? null);
    } finally {
      socket.destroy();
    }
  }

  /** One `DLE EOT n` and its one-byte answer, or null when none came in time. */
  private ask(socket: Socket, n: number): Promise<number | null> {
    return new Promise((resolve) => {
      const done = (b: number | null): void => {
        clearTimeout(timer);
        socket.off('data', onData);
        socket.off('error', onEnd);
        socket.off('close', onEnd);
        resolve(b);
      };
      const onData = (chunk: Buffer): void => done(chunk[chunk.length - 1] ?? null);
      const onEnd = (): void => done(null);
      const timer = setTimeout(onEnd, this.statusMs);
      socket.on('data', onData);
      socket.once('error', onEnd);
      socket.once('close', onEnd);
      socket.write(DLE_EOT(n));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }
}

registerTransport('network', (printer, opts) => new NetworkTransport(printer, opts));
