/**
 * Setting printers up: saved through the app's config store, printing follows at once (no
 * restart); rules a person can break are refused in Chinese; a --config file or the demo keeps
 * the settings read-only. The test page and the preview go through the same desk.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeskActionError } from '../../electron/core/api-schemas.js';
import { openAppConfig } from '../../electron/core/app-config.js';
import { ConfigError, parseConfig } from '../../electron/core/config.js';
import { Desk, type DeskOptions } from '../../electron/core/desk.js';
import { DEFAULT_PRINTING } from '../../electron/core/printing/schemas.js';
import { VirtualPrinter } from '../../electron/core/printing/virtual-printer.js';
import type { PrinterConfig } from '../../shared/printing.js';
import { decodeEscPos } from '../support/escpos/decode.js';
import { fakeBox } from '../support/fake-box.js';
import { quietLogger, tempDir } from '../support/helpers.js';

const SIGN_KEY = 'madeUpSignKey42';
const fileConfig = parseConfig({ meituan: { developerId: '100001', signKey: SIGN_KEY }, stores: [{ id: 'store-1', name: '湘北人家' }] });

let dir: string;
let cleanup: () => Promise<void>;
let desk: Desk | null = null;
let printer: VirtualPrinter;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  printer = await new VirtualPrinter().start();
});
afterEach(async () => {
  await desk?.stop();
  desk = null;
  await printer.stop();
  await cleanup();
});

const start = async (o: Partial<DeskOptions>): Promise<Desk> =>
  (desk = await Desk.start({ dataDir: dir, config: fileConfig, sandbox: false, logger: quietLogger, secretBox: fakeBox, printing: { statusPollMs: 100 }, ...o }));

const net = (name: string, extra: Partial<PrinterConfig> = {}): PrinterConfig => ({
  name,
  type: 'network',
  host: '127.0.0.1',
  port: printer.port,
  width: 58,
  tickets: ['kitchen'],
  copies: 1,
  ...extra,
});

const words = async (p: Promise<unknown>): Promise<string> => {
  const err = await p.catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DeskActionError);
  return (err as Error).message;
};

describe('printing settings', () => {
  it('saves printers through the app config store and prints on them at once, without a restart', async () => {
    const appConfig = await openAppConfig(dir, fakeBox);
    const onConfigSaved = vi.fn(async () => undefined);
    const d = await start({ configStore: appConfig, onConfigSaved });
    await d.saveAppConfig({ meituan: { developerId: '100001', signKey: SIGN_KEY }, union: null, stores: [{ id: 'store-1', name: '湘北人家' }] });
    onConfigSaved.mockClear();
    expect(await d.getPrintingConfig()).toEqual({ printers: [], printing: DEFAULT_PRINTING, editable: true });

    const printing = { ...DEFAULT_PRINTING, preOrders: 'at-reminder' as const };
    const view = await d.savePrintingConfig({ printers: [net('后厨')], printing });
    expect(view).toEqual({ printers: [net('后厨')], printing, editable: true });
    expect(onConfigSaved).not.toHaveBeenCalled();
    expect((await d.status()).printers?.map((p) => p.name)).toEqual(['后厨']);

    const job = await d.testPrint('后厨');
    expect(job).toMatchObject({ orderKey: null, reason: 'test', printer: '后厨' });
    const [page] = await printer.waitForJobs(1);
    expect(decodeEscPos(page!.bytes).text).toContain('打印测试');

    // On disk: the next start (and any later saveAppConfig) runs with them.
    const reopened = await openAppConfig(dir, fakeBox);
    expect((await reopened.load())?.printers).toEqual([net('后厨')]);
    expect((await reopened.load())?.printing).toEqual(printing);
  });

  it('refuses the rules a person can break, in Chinese, and saves nothing', async () => {
    const appConfig = await openAppConfig(dir, fakeBox);
    const d = await start({ configStore: appConfig });
    await d.saveAppConfig({ meituan: { developerId: '100001', signKey: SIGN_KEY }, union: null, stores: [] });
    const save = (printers: PrinterConfig[]): Promise<unknown> => d.savePrintingConfig({ printers, printing: DEFAULT_PRINTING });
    expect(await words(save([net('后厨'), net('后厨')]))).toBe('打印机名称「后厨」重复了，请给每台打印机起不同的名字');
    expect(await words(save([net('后厨', { backup: '后厨' })]))).toBe('打印机「后厨」的备用打印机不能是它自己');
    expect(await words(save([net('后厨', { backup: '前台' })]))).toBe('打印机「后厨」的备用打印机「前台」不存在，请先添加它');
    const { host: _host, ...noHost } = net('前台');
    expect(await words(save([noHost]))).toBe('网络打印机「前台」需要填写 IP 地址');
    expect((await d.getPrintingConfig()).printers).toEqual([]);
  });

  it('is read-only when a config file runs the desk, and the file is checked by the same rules', async () => {
    const d = await start({ config: parseConfig({ ...fileConfig, printers: [net('后厨')] }) });
    expect(await d.getPrintingConfig()).toMatchObject({ printers: [net('后厨')], editable: false });
    expect(await words(d.savePrintingConfig({ printers: [], printing: DEFAULT_PRINTING }))).toMatch(/配置文件/);
    expect(() => parseConfig({ stores: [], printers: [net('后厨', { backup: '前台' })] })).toThrow(ConfigError);
    expect(() => parseConfig({ stores: [], printers: [net('后厨', { backup: '前台' })] })).toThrow(/备用打印机「前台」不存在/);
    expect(await words(d.testPrint('没有这台'))).toBe('没有名为「没有这台」的打印机');
  });

  it('draws a ticket preview of a sample order', async () => {
    const d = await start({});
    const { svg } = await d.ticketPreview({ ticket: 'kitchen', width: 58 });
    expect(svg).toMatch(/^<svg/);
    for (const c of '后厨联') expect(svg).toContain(`>${c}<`);
    expect(await words(d.ticketPreview({ ticket: 'kitchen', width: 80, orderKey: 'meituan:404' }))).toBe('找不到这个订单');
  });
});
