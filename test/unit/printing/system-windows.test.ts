/**
 * The Windows spooler path, without Windows: the command lines we run, the script they carry, and
 * how the answers read. Whether the script prints on a real spooler needs a Windows machine with the
 * printer (electron/core/printing/system/README.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PrinterConfig } from '../../../shared/printing.js';
import { createSystemTransport, listSystemPrinters, type CommandRunner, type RunOptions } from '../../../electron/core/printing/system/index.js';
import { BLOCKING_STATUS, parsePrinterList, READY_REUSE_MS, parseSpoolAnswer, windowsStatus } from '../../../electron/core/printing/system/windows.js';

interface Call {
  file: string;
  args: readonly string[];
  options: RunOptions;
  script: string;
  /** The ticket file's bytes while the command ran (send only). */
  ticket?: Buffer;
}

function fakeRunner(answers: (call: Call) => { stdout?: string; stderr?: string; code?: number } | Error): { run: CommandRunner; calls: Call[] } {
  const calls: Call[] = [];
  const run: CommandRunner = async (file, args, options) => {
    const i = args.indexOf('-EncodedCommand');
    const script = Buffer.from(args[i + 1] ?? '', 'base64').toString('utf16le');
    const path = options.env?.['WAIMAI_PRINT_FILE'];
    const call: Call = { file, args, options, script, ...(path && existsSync(path) ? { ticket: readFileSync(path) } : {}) };
    calls.push(call);
    const a = answers(call);
    if (a instanceof Error) throw a;
    return { code: a.code ?? 0, stdout: a.stdout ?? '', stderr: a.stderr ?? '', timedOut: false };
  };
  return { run, calls };
}

const DEVICE = `EPSON TM-T82 "后厨" 's $(x)`;
const printer: PrinterConfig = { name: '后厨', type: 'system', device: DEVICE, width: 80, tickets: ['kitchen'], copies: 1 };
const job = { id: 'meituan:1|kitchen|accepted', title: '#12 后厨联', svg: '<svg xmlns="http://www.w3.org/2000/svg"><text>#12</text></svg>' };

afterEach(() => vi.unstubAllEnvs());

describe('Windows: listing printers', () => {
  it('runs Windows PowerShell from the system folder with an encoded script reading Win32_Printer', async () => {
    const { run, calls } = fakeRunner(() => ({ stdout: '[{"name":"EPSON TM-T82","isDefault":true},{"name":"前台 XP-58","isDefault":false}]' }));
    vi.stubEnv('SystemRoot', 'C:\\Windows');
    const list = await listSystemPrinters({ platform: 'win32', run });
    expect(list).toEqual([
      { name: 'EPSON TM-T82', isDefault: true },
      { name: '前台 XP-58', isDefault: false },
    ]);
    expect(calls).toHaveLength(1);
    const c = calls[0] as Call;
    expect(c.file).toBe('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe');
    expect(c.args.slice(0, 5)).toEqual(['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    expect(c.args).toHaveLength(6);
    expect(c.script).toContain('Get-CimInstance -ClassName Win32_Printer');
    expect(c.script).toContain('ConvertTo-Json -InputObject $list -Compress');
    expect(c.script).toContain('[Console]::OutputEncoding = [System.Text.Encoding]::UTF8');
  });

  it('reads one printer, none, a BOM, and Win32 property names', () => {
    expect(parsePrinterList('\uFEFF{"name":"XP-80C","isDefault":true}\r\n')).toEqual([{ name: 'XP-80C', isDefault: true }]);
    expect(parsePrinterList('')).toEqual([]);
    expect(parsePrinterList('[]')).toEqual([]);
    expect(parsePrinterList('[{"Name":"A","Default":false},{"name":""},null]')).toEqual([{ name: 'A', isDefault: false }]);
  });

  it('no PowerShell, or it fails: an empty list', async () => {
    const missing = Object.assign(new Error('spawn powershell.exe ENOENT'), { code: 'ENOENT' });
    expect(await listSystemPrinters({ platform: 'win32', run: fakeRunner(() => missing).run })).toEqual([]);
    expect(await listSystemPrinters({ platform: 'win32', run: fakeRunner(() => ({ code: 1, stderr: 'boom' })).run })).toEqual([]);
  });
});

describe('Windows: sending raw bytes to the spooler', () => {
  it('hands the bytes over in a file and the names in the environment; the script asks winspool for RAW', async () => {
    const { run, calls } = fakeRunner(() => ({ stdout: '{"ok":true,"job":17}' }));
    const t = createSystemTransport(printer, { platform: 'win32', run, completeTimeoutMs: 12_000 });
    const bytes = Buffer.from([0x1b, 0x40, 0xba, 0xf3, 0x00, 0xff, 0x1d, 0x56, 0x41, 0x00]);
    await t.send(bytes, job);
    expect(calls).toHaveLength(1);
    const c = calls[0] as Call;
    expect(c.ticket?.equals(bytes)).toBe(true);
    expect(c.options.env).toMatchObject({ WAIMAI_PRINTER: DEVICE, WAIMAI_PRINT_TITLE: '#12 后厨联', WAIMAI_PRINT_TIMEOUT_MS: '12000' });
    // Nothing the shop typed is on the command line.
    expect(c.args.join(' ')).not.toContain('EPSON');
    expect(c.script).toContain('[DllImport("winspool.drv", EntryPoint = "StartDocPrinterW"');
    expect(c.script).toContain('di.pDatatype = "RAW";');
    expect(c.script).toContain('WritePrinter(h, data, data.Length, out written)');
    expect(c.script).toContain('[WaimaiSpool]::Send($env:WAIMAI_PRINTER, $env:WAIMAI_PRINT_TITLE, $data, [int]$env:WAIMAI_PRINT_TIMEOUT_MS)');
    expect(c.script).toContain(`const int BLOCKING_STATUS = ${BLOCKING_STATUS};`);
    // The here-string holding the C# must close on its own line.
    expect(c.script).toMatch(/\n'@\n/);
    // The ticket file is gone after.
    expect(existsSync(String(c.options.env?.['WAIMAI_PRINT_FILE']))).toBe(false);
  });

  it('says in staff words what went wrong', async () => {
    const send = async (stdout: string, extra = {}): Promise<unknown> => {
      const t = createSystemTransport(printer, { platform: 'win32', run: fakeRunner(() => ({ stdout })).run, completeTimeoutMs: 30_000, ...extra });
      return t.send(Buffer.from('x'), job).then(
        () => 'sent',
        (e: Error) => e.message,
      );
    };
    expect(await send('{"ok":false,"code":"not-found","win32":1801}')).toContain(`系统打印机 ${DEVICE} 不存在`);
    expect(await send('{"ok":false,"code":"timeout","win32":0,"jobStatus":8}')).toContain('30 秒内没有打完这张单，已从 Windows 打印队列删除');
    expect(await send('{"ok":false,"code":"raw-refused","win32":1804}')).toContain('不接受原始数据（RAW）');
    expect(await send(`{"ok":false,"code":"not-ready","win32":0,"status":${0x1},"attributes":0}`)).toContain('被暂停了');
    expect(await send(`{"ok":false,"code":"not-ready","win32":0,"status":${0x10},"attributes":0}`)).toContain('没纸了');
    expect(await send('{"ok":false,"code":"write-failed","win32":31}')).toContain('Windows 错误 31');
    expect(await send('WARNING: something\r\n{"ok":true,"job":3}\r\n')).toBe('sent');
  });

  it('a driver that refuses RAW gets the ticket as a picture through the shell', async () => {
    const printHtml = vi.fn(async (_device: string, _html: string) => undefined);
    const { run } = fakeRunner(() => ({ stdout: '{"ok":false,"code":"raw-refused","win32":1804}' }));
    const t = createSystemTransport(printer, { platform: 'win32', run, printHtml });
    await t.send(Buffer.from('x'), job);
    expect(printHtml).toHaveBeenCalledTimes(1);
    const [device, html] = printHtml.mock.calls[0] as [string, string];
    expect(device).toBe(DEVICE);
    expect(html).toContain(`data:image/svg+xml;base64,${Buffer.from(job.svg).toString('base64')}`);
    expect(html).toContain("default-src 'none'");

    printHtml.mockRejectedValueOnce(new Error('系统打印机没有打出来：Print job failed'));
    await expect(t.send(Buffer.from('x'), job)).rejects.toThrow(/按图片打印也失败了：系统打印机没有打出来/);
  });

  it('no PowerShell: says so', async () => {
    const missing = Object.assign(new Error('spawn powershell.exe ENOENT'), { code: 'ENOENT' });
    const t = createSystemTransport(printer, { platform: 'win32', run: fakeRunner(() => missing).run });
    await expect(t.send(Buffer.from('x'), job)).rejects.toThrow('找不到 Windows PowerShell');
    expect((await t.status()).detail).toContain('找不到 Windows PowerShell');
  });
});

describe('Windows: printer state', () => {
  it('reads the spooler status flags', async () => {
    const { run, calls } = fakeRunner(() => ({ stdout: '{"ok":true,"status":0,"attributes":0}' }));
    const t = createSystemTransport(printer, { platform: 'win32', run });
    expect(await t.status()).toEqual({ state: 'ready', detail: '' });
    expect(calls[0]?.script).toContain('[WaimaiSpool]::Status($env:WAIMAI_PRINTER)');
    expect(calls[0]?.options.env?.['WAIMAI_PRINTER']).toBe(DEVICE);
  });

  it.each([
    [0x1, 0, 'offline', '暂停'],
    [0, 0x400, 'offline', '脱机使用打印机'],
    [0x80, 0, 'offline', '脱机'],
    [0x10, 0, 'paper-out', '没纸'],
    [0x400000, 0, 'cover-open', '盖子'],
    [0x8, 0, 'error', '卡纸'],
    [0x2, 0, 'error', '出错'],
    [0x400 | 0x100, 0, 'ready', ''],
  ])('status %i attributes %i → %s', (status, attributes, state, words) => {
    const s = windowsStatus('XP-80C', status, attributes);
    expect(s.state).toBe(state);
    expect(s.detail).toContain(words);
    // A state the queue must not send to is one the helper refuses to spool to.
    expect((status & BLOCKING_STATUS) !== 0 || (attributes & 0x400) !== 0).toBe(state !== 'ready');
  });

  it('asks a ready printer again only after a minute (each question starts PowerShell); one in trouble every time', async () => {
    let answer = '{"ok":true,"status":0,"attributes":0}';
    const { run, calls } = fakeRunner(() => ({ stdout: answer }));
    const clock = { ms: 1_000_000 };
    const t = createSystemTransport(printer, { platform: 'win32', run, now: () => clock.ms });
    expect((await t.status()).state).toBe('ready');
    clock.ms += READY_REUSE_MS - 1;
    expect((await t.status()).state).toBe('ready');
    expect(calls).toHaveLength(1);
    clock.ms += 1;
    answer = `{"ok":true,"status":${0x10},"attributes":0}`;
    expect((await t.status()).state).toBe('paper-out');
    expect((await t.status()).state).toBe('paper-out');
    expect(calls).toHaveLength(3);
    answer = '{"ok":true,"status":0,"attributes":0}';
    expect((await t.status()).state).toBe('ready');
    expect(calls).toHaveLength(4);
  });

  it('a printer Windows does not have', async () => {
    const t = createSystemTransport(printer, { platform: 'win32', run: fakeRunner(() => ({ stdout: '{"ok":false,"code":"not-found","win32":1801}' })).run });
    expect(await t.status()).toMatchObject({ state: 'error', detail: expect.stringContaining('不存在') });
  });

  it('reads the last JSON line past noise', () => {
    expect(parseSpoolAnswer('junk\n{"ok":true,"status":1,"attributes":0}')).toEqual({ ok: true, status: 1, attributes: 0 });
    expect(parseSpoolAnswer('no json')).toBeNull();
  });
});

describe('the transport registry', () => {
  it('gives system printers this module, with the page printing the shell registers', async () => {
    const { registerSystemPrinting } = await import('../../../electron/core/printing/system/index.js');
    const { createTransport, listSystemPrinters: listRegistered } = await import('../../../electron/core/printing/transport.js');
    const printHtml = vi.fn(async () => undefined);
    const { run } = fakeRunner((c) => ({ stdout: c.script.includes('Win32_Printer') ? '[{"name":"XP-80C","isDefault":true}]' : '{"ok":false,"code":"raw-refused","win32":1804}' }));
    registerSystemPrinting({ platform: 'win32', run, printHtml });
    try {
      await createTransport(printer).send(Buffer.from('x'), job);
      expect(printHtml).toHaveBeenCalledTimes(1);
      expect(await listRegistered()).toEqual([{ name: 'XP-80C', isDefault: true }]);
    } finally {
      registerSystemPrinting();
    }
  });
});
