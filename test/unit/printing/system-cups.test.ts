/**
 * The CUPS path's command lines and how lpstat's answers read (real CUPS runs in
 * test/integration/cups-raw.test.ts; these cover the answers a real server is hard to make give).
 */
import { describe, expect, it } from 'vitest';
import type { PrinterConfig } from '../../../shared/printing.js';
import { createSystemTransport, listSystemPrinters, type CommandRunner, type RunOptions } from '../../../electron/core/printing/system/index.js';
import { parseDefault, parseDestinations, parsePrinterNames, parseQueue, parseRequestId, queueStatus } from '../../../electron/core/printing/system/cups.js';

interface Call {
  file: string;
  args: readonly string[];
  options: RunOptions;
}
type Answer = { stdout?: string; stderr?: string; code?: number; timedOut?: boolean } | Error;

function fakeRunner(answer: (c: Call) => Answer): { run: CommandRunner; calls: Call[] } {
  const calls: Call[] = [];
  const run: CommandRunner = async (file, args, options) => {
    const c = { file, args, options };
    calls.push(c);
    const a = answer(c);
    if (a instanceof Error) throw a;
    return { code: a.code ?? 0, stdout: a.stdout ?? '', stderr: a.stderr ?? '', timedOut: a.timedOut ?? false };
  };
  return { run, calls };
}

const printer: PrinterConfig = { name: '后厨', type: 'system', device: 'XP80', width: 80, tickets: ['kitchen'], copies: 1 };
const job = { id: 'meituan:1|kitchen|accepted', title: '#12 后厨联', svg: '' };
const IDLE = 'printer XP80 is idle.  enabled since Wed Dec  2 13:07:40 2026\nXP80 accepting requests since Wed Dec  2 13:07:40 2026\n';

describe('CUPS: reading lpstat', () => {
  it('destinations, the default, printer names', () => {
    expect(parseDestinations('XP80\n后厨\nfront/copy2\n\n')).toEqual(['XP80', '后厨', 'front/copy2']);
    expect(parseDefault('system default destination: 后厨\n')).toBe('后厨');
    expect(parseDefault('no system default destination\n')).toBeNull();
    expect(parsePrinterNames('printer a is idle.  enabled since x\nprinter b disabled since y -\n\treason\n')).toEqual(['a', 'b']);
  });

  it('a queue: enabled, disabled with its reason, rejecting, holding, printing and its unfinished jobs', () => {
    expect(parseQueue(IDLE, 'XP80')).toMatchObject({ found: true, enabled: true, accepting: true, printing: false, messages: [], jobs: [] });
    const disabled = parseQueue('printer XP80 disabled since Wed Dec  2 13:05:30 2026 -\n\tpaper jam\nXP80 accepting requests since x\n', 'XP80');
    expect(disabled).toMatchObject({ found: true, enabled: false, messages: ['paper jam'] });
    const rejecting = parseQueue('printer XP80 is idle.  enabled since x\n\tRejecting Jobs\nXP80 not accepting requests since x -\n\tRejecting Jobs\n', 'XP80');
    expect(rejecting).toMatchObject({ found: true, accepting: false, messages: [] });
    expect(parseQueue('printer XP80 is holding new jobs.  enabled since x\n', 'XP80').holding).toBe(true);
    const printing = parseQueue(
      'printer XP80 now printing XP80-7.  enabled since x\n\tWaiting for printer to become available.\nXP80 accepting requests since x\nXP80-7   root   1024   Wed Dec  2 13:05:44 2026\nXP80-8   root   1024   Wed Dec  2 13:05:45 2026\nXP80b-9   root   1024   x\n',
      'XP80',
    );
    expect(printing).toMatchObject({ printing: true, jobs: ['XP80-7', 'XP80-8'], messages: ['Waiting for printer to become available.'] });
    expect(queueStatus('XP80', printing)).toMatchObject({ state: 'offline', detail: expect.stringContaining('连不上系统打印机 XP80') });
    expect(parseQueue('', 'XP80').found).toBe(false);
    expect(parseRequestId('request id is XP80-12 (0 file(s))\n')).toBe('XP80-12');
    expect(parseRequestId('')).toBeNull();
  });
});

describe('CUPS: commands', () => {
  it('sends through lp -o raw with the bytes on stdin, in the C locale, to the given server', async () => {
    let listed = 0;
    const { run, calls } = fakeRunner((c) => {
      if (c.file === 'lp') return { stdout: 'request id is XP80-3 (0 file(s))\n' };
      // First look: idle; then the job is listed once, then gone.
      listed++;
      return { stdout: listed === 2 ? `${IDLE}XP80-3  root  1024  x\n` : IDLE };
    });
    const t = createSystemTransport(printer, { platform: 'linux', run, cupsServer: '127.0.0.1:6310', pollMs: 1 });
    const bytes = Buffer.from([0x1b, 0x40, 0x00, 0xff]);
    await t.send(bytes, job);
    const lp = calls.find((c) => c.file === 'lp') as Call;
    expect(lp.args).toEqual(['-h', '127.0.0.1:6310', '-d', 'XP80', '-o', 'raw', '-t', '#12 后厨联']);
    expect(lp.options.input?.equals(bytes)).toBe(true);
    expect(lp.options.env).toMatchObject({ LC_ALL: 'C', LANG: 'C' });
    expect(calls.filter((c) => c.file === 'lpstat').map((c) => c.args)).toEqual(Array(3).fill(['-h', '127.0.0.1:6310', '-p', 'XP80', '-a', 'XP80', '-o', 'XP80']));
  });

  it('without a server option, no -h (CUPS picks its own, CUPS_SERVER included)', async () => {
    const { run, calls } = fakeRunner(() => ({ stdout: 'XP80\n后厨\n' }));
    const list = await listSystemPrinters({ platform: 'darwin', run });
    expect(list.map((p) => p.name)).toEqual(['XP80', '后厨']);
    expect(calls.map((c) => [c.file, ...c.args])).toEqual([
      ['lpstat', '-e'],
      ['lpstat', '-d'],
    ]);
  });

  it('a CUPS without lpstat -e: names from lpstat -p', async () => {
    const { run } = fakeRunner((c) =>
      c.args.includes('-e') ? { code: 1, stderr: 'lpstat: Unknown option "e".' } : c.args.includes('-d') ? { stdout: 'system default destination: b\n' } : { stdout: 'printer a is idle.  enabled since x\nprinter b is idle.  enabled since x\n' },
    );
    expect(await listSystemPrinters({ platform: 'linux', run })).toEqual([
      { name: 'a', isDefault: false },
      { name: 'b', isDefault: true },
    ]);
  });

  it('a job CUPS keeps past the limit is cancelled before the failure is told', async () => {
    const { run, calls } = fakeRunner((c) => {
      if (c.file === 'lp') return { stdout: 'request id is XP80-9 (0 file(s))\n' };
      if (c.file === 'cancel') return {};
      return { stdout: calls.some((x) => x.file === 'lp') ? `${IDLE}XP80-9  root  1024  x\n` : IDLE };
    });
    const t = createSystemTransport(printer, { platform: 'linux', run, completeTimeoutMs: 0, pollMs: 1 });
    await expect(t.send(Buffer.from('x'), job)).rejects.toThrow('没有打完这张单，已从 CUPS 撤回');
    expect(calls.filter((c) => c.file === 'cancel').map((c) => c.args)).toEqual([['XP80-9']]);
  });

  it('CUPS not installed, or not answering', async () => {
    const missing = Object.assign(new Error('spawn lpstat ENOENT'), { code: 'ENOENT' });
    const none = createSystemTransport(printer, { platform: 'linux', run: fakeRunner(() => missing).run });
    expect((await none.status()).detail).toContain('没有装 CUPS');
    await expect(none.send(Buffer.from('x'), job)).rejects.toThrow('没有装 CUPS');
    expect(await listSystemPrinters({ platform: 'linux', run: fakeRunner(() => missing).run })).toEqual([]);
    const slow = createSystemTransport(printer, { platform: 'linux', run: fakeRunner(() => ({ code: null as unknown as number, timedOut: true })).run });
    expect(await slow.status()).toMatchObject({ state: 'offline', detail: expect.stringContaining('CUPS 打印服务没有回应') });
  });

  it('a printer with no device chosen says so', async () => {
    const t = createSystemTransport({ ...printer, device: '' }, { platform: 'linux', run: fakeRunner(() => ({})).run });
    expect(await t.status()).toMatchObject({ state: 'error', detail: expect.stringContaining('还没有选系统打印机') });
  });
});
