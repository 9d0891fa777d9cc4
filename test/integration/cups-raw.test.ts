/**
 * System printers through a real CUPS: the test starts its own cupsd (own config, spool, cache and
 * logs in a temp folder, listening on 127.0.0.1 only), adds raw queues pointed at a TCP listener
 * (the virtual printer) that stands in for a thermal printer, and prints through our CUPS transport. Needs CUPS installed
 * (`.ci/run` installs it): cupsd, lpadmin, lp, lpstat and the socket backend.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrinterConfig } from '../../shared/printing.js';
import { createSystemTransport, listSystemPrinters, registerSystemPrinting, type SystemPrintingDeps } from '../../electron/core/printing/system/index.js';
import { OrderLog, startFixture } from '../support/desk-fixture.js';
import { VirtualPrinter } from '../../electron/core/printing/virtual-printer.js';

const exec = promisify(execFile);
const CUPSD = ['/usr/sbin/cupsd', '/usr/local/sbin/cupsd'].find((p) => existsSync(p)) ?? 'cupsd';

/** A free loopback port (closed again before use; the OS does not hand it out again at once). */
async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

async function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

class TestCups {
  dir = '';
  port = 0;
  proc: ChildProcess | null = null;
  exited = false;
  get server(): string {
    return `127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.dir = await mkdtemp(join(tmpdir(), 'waimai-cups-'));
    // cupsd hands jobs to backends running as its unprivileged user: they must reach the spool.
    await chmod(this.dir, 0o755);
    const d = (n: string): string => join(this.dir, n);
    for (const n of ['etc', 'spool', 'cache', 'state', 'log', 'tmp']) await mkdir(d(n), { recursive: true, mode: 0o755 });
    this.port = await freePort();
    await writeFile(
      d('etc/cupsd.conf'),
      [
        `Listen 127.0.0.1:${this.port}`,
        'LogLevel info',
        'Browsing No',
        'WebInterface No',
        'DefaultAuthType None',
        // A private server on loopback: every operation allowed from here, without a password.
        '<Location />',
        '  Order allow,deny',
        '  Allow from 127.0.0.1',
        '</Location>',
        '<Policy default>',
        '  <Limit All>',
        '    Order allow,deny',
        '    Allow from 127.0.0.1',
        '  </Limit>',
        '</Policy>',
        '',
      ].join('\n'),
    );
    await writeFile(
      d('etc/cups-files.conf'),
      [
        `ServerRoot ${d('etc')}`,
        `RequestRoot ${d('spool')}`,
        `CacheDir ${d('cache')}`,
        `StateDir ${d('state')}`,
        `TempDir ${d('tmp')}`,
        `ErrorLog ${d('log/error_log')}`,
        `AccessLog ${d('log/access_log')}`,
        `PageLog ${d('log/page_log')}`,
        '',
      ].join('\n'),
    );
    const proc = spawn(CUPSD, ['-f', '-c', d('etc/cupsd.conf'), '-s', d('etc/cups-files.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    let said = '';
    proc.stdout?.on('data', (b: Buffer) => (said += b.toString()));
    proc.stderr?.on('data', (b: Buffer) => (said += b.toString()));
    const exitedEarly = new Promise<void>((resolve) => proc.once('exit', () => ((this.exited = true), resolve())));
    proc.once('error', (e) => (said += `\n${e.message}`));
    // Up when its port answers; bounded.
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (this.exited) throw new Error(`cupsd exited before listening: ${said}\n${await this.log()}`);
      if (await canConnect(this.port)) break;
      if (Date.now() > deadline) throw new Error(`cupsd did not listen on ${this.server} within 20 s: ${said}\n${await this.log()}`);
      await Promise.race([exitedEarly, new Promise((r) => setTimeout(r, 50))]);
    }
  }

  async log(): Promise<string> {
    return readFile(join(this.dir, 'log/error_log'), 'utf8').catch(() => '(no error_log)');
  }

  /** A CUPS admin command against this server. */
  async admin(cmd: string, ...args: string[]): Promise<string> {
    // Admin commands live in sbin, which a CI shell's PATH may lack.
    const file = ['/usr/sbin', '/usr/bin', '/usr/local/sbin'].map((d) => join(d, cmd)).find((p) => existsSync(p)) ?? cmd;
    const r = await exec(file, ['-h', this.server, ...args], { env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, timeout: 15_000 });
    return `${r.stdout}${r.stderr}`;
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    if (proc && !this.exited) {
      const gone = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await gone;
      clearTimeout(timer);
    }
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}

function printer(device: string): PrinterConfig {
  return { name: '后厨', type: 'system', device, width: 80, tickets: ['kitchen'], copies: 1 };
}

/** ESC/POS as the ticket renderer makes it: init, GB18030 text, double size, every byte value, cut. */
function escposTicket(): Buffer {
  const all = Buffer.alloc(256);
  for (let i = 0; i < 256; i++) all[i] = i;
  return Buffer.concat([
    Buffer.from([0x1b, 0x40]), // ESC @
    Buffer.from([0x1c, 0x26]), // FS & (Chinese mode)
    Buffer.from([0x1d, 0x21, 0x11]), // GS ! double
    Buffer.from([0xba, 0xf3, 0xb3, 0xf8, 0x0a]), // 后厨 in GB18030, LF
    Buffer.from('#12 \r\n\0\0', 'latin1'),
    all,
    Buffer.from([0x1d, 0x56, 0x41, 0x00]), // GS V A 0: cut
  ]);
}

describe('CUPS raw queues, for real', () => {
  const cups = new TestCups();
  const sink = new VirtualPrinter();
  let deps: SystemPrintingDeps;

  beforeAll(async () => {
    await sink.start();
    await cups.start();
    deps = { cupsServer: cups.server, platform: 'linux', completeTimeoutMs: 15_000, pollMs: 100 };
    // The documented way (CUPS 2.4 warns that raw queues are deprecated, and still makes them).
    await cups.admin('lpadmin', '-p', 'virt', '-E', '-v', `socket://127.0.0.1:${sink.port}`, '-m', 'raw');
    // Without -m: a queue with no driver is raw too (the way once `-m raw` is gone).
    await cups.admin('lpadmin', '-p', 'front', '-E', '-v', `socket://127.0.0.1:${sink.port}`);
    await cups.admin('lpadmin', '-d', 'front');
  }, 60_000);

  afterAll(async () => {
    await cups.stop();
    await sink.stop();
  }, 60_000);

  it('lists the queues, the default marked', async () => {
    const list = await listSystemPrinters(deps);
    expect(list).toEqual(
      expect.arrayContaining([
        { name: 'virt', isDefault: false },
        { name: 'front', isDefault: true },
      ]),
    );
    expect(list).toHaveLength(2);
  });

  it('prints ESC/POS bytes through a raw queue byte for byte, and the queue is ready after', async () => {
    const t = createSystemTransport(printer('virt'), deps);
    expect(await t.status()).toEqual({ state: 'ready', detail: '' });
    const bytes = escposTicket();
    const before = sink.jobs.length;
    await t.send(bytes, { id: 'meituan:1|kitchen|accepted', title: '#12 后厨联', svg: '<svg/>' });
    // send resolves once CUPS handed the job over; the printer has the whole ticket by then.
    const jobs = await sink.waitForJobs(before + 1);
    expect(jobs).toHaveLength(before + 1);
    expect(jobs[before]?.bytes.equals(bytes)).toBe(true);
    expect(await t.status()).toEqual({ state: 'ready', detail: '' });
    // The job is finished in CUPS, nothing left to print later.
    expect((await cups.admin('lpstat', '-o', 'virt')).trim()).toBe('');
    await t.close();
  });

  it('a disabled queue is offline with what to do, and a ticket is not left waiting in it', async () => {
    const t = createSystemTransport(printer('virt'), deps);
    await cups.admin('cupsdisable', '-r', 'paper jam', 'virt');
    try {
      const s = await t.status();
      expect(s.state).toBe('offline');
      expect(s.detail).toContain('系统打印机 virt 在 CUPS 里被停用了');
      expect(s.detail).toContain('paper jam');
      expect(s.detail).toContain('cupsenable virt');
      const before = sink.jobs.length;
      await expect(t.send(escposTicket(), { id: 'x|kitchen|accepted', title: '#13 后厨联', svg: '' })).rejects.toThrow('被停用');
      expect((await cups.admin('lpstat', '-o', 'virt')).trim()).toBe('');
      expect(sink.jobs.length).toBe(before);
    } finally {
      await cups.admin('cupsenable', 'virt');
    }
    expect((await t.status()).state).toBe('ready');
  });

  it('a queue that is not accepting jobs is offline', async () => {
    const t = createSystemTransport(printer('virt'), deps);
    await cups.admin('cupsreject', 'virt');
    try {
      const s = await t.status();
      expect(s.state).toBe('offline');
      expect(s.detail).toContain('cupsaccept virt');
    } finally {
      await cups.admin('cupsaccept', 'virt');
    }
    expect((await t.status()).state).toBe('ready');
  });

  it('a queue CUPS does not have: 系统打印机 … 不存在', async () => {
    const t = createSystemTransport(printer('nosuch'), deps);
    expect(await t.status()).toMatchObject({ state: 'error', detail: expect.stringContaining('系统打印机 nosuch 不存在') });
    await expect(t.send(Buffer.from('x'), { id: 'y', title: 't', svg: '' })).rejects.toThrow('系统打印机 nosuch 不存在');
  });

  it('a printer that does not answer: the job is withdrawn from CUPS, not left to print later', async () => {
    const dead = await freePort();
    await cups.admin('lpadmin', '-p', 'gone', '-E', '-v', `socket://127.0.0.1:${dead}`);
    const t = createSystemTransport(printer('gone'), { ...deps, completeTimeoutMs: 3_000 });
    await expect(t.send(escposTicket(), { id: 'z|kitchen|accepted', title: '#14 后厨联', svg: '' })).rejects.toThrow('3 秒内没有打完这张单，已从 CUPS 撤回');
    expect((await cups.admin('lpstat', '-o', 'gone')).trim()).toBe('');
  });

  it('CUPS not running: CUPS 打印服务没有运行', async () => {
    const t = createSystemTransport(printer('virt'), { ...deps, cupsServer: `127.0.0.1:${await freePort()}` });
    expect(await t.status()).toMatchObject({ state: 'offline', detail: expect.stringContaining('CUPS 打印服务没有运行') });
    await expect(t.send(Buffer.from('x'), { id: 'y', title: 't', svg: '' })).rejects.toThrow('CUPS 打印服务没有运行');
    expect(await listSystemPrinters({ ...deps, cupsServer: `127.0.0.1:${await freePort()}` })).toEqual([]);
  });

  it('an accepted order prints through CUPS: desk → print queue → lp → cupsd → the printer', async () => {
    registerSystemPrinting({ cupsServer: cups.server, pollMs: 100 });
    const fx = await startFixture({
      config: () => ({ printers: [{ ...printer('virt'), tickets: ['kitchen', 'customer'] }] }),
      printing: { retryDelaysMs: [50, 100, 200], statusPollMs: 200, transport: { statusTimeoutMs: 10_000, writeTimeoutMs: 15_000 } },
    });
    try {
      const before = sink.jobs.length;
      const log = new OrderLog(fx.desk);
      const orderId = await fx.sandbox.pushNewOrder('store-1', { caution: '不要香菜' });
      await log.waitFor((o) => o.orderId === orderId && o.events.some((e) => e.type === 'pushed:confirmed'));
      const jobs = (await sink.waitForJobs(before + 2, 20_000)).slice(before);
      const text = jobs.map((j) => new TextDecoder('gb18030').decode(j.bytes));
      expect(text.some((t) => t.includes('后厨联') && t.includes('不要香菜'))).toBe(true);
      expect(text.some((t) => t.includes('顾客联'))).toBe(true);
      await expect.poll(async () => (await fx.desk.printJobs()).every((j) => j.state === 'confirmed')).toBe(true);
      expect((await fx.desk.status()).printers?.[0]).toMatchObject({ name: '后厨', type: 'system', state: 'ready', queued: 0 });
      expect(await fx.desk.systemPrinters()).toEqual(expect.arrayContaining([{ name: 'virt', isDefault: false }]));
    } finally {
      await fx.close();
      registerSystemPrinting();
    }
  }, 60_000);
});
