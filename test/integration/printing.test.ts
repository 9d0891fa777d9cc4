/**
 * Printing end to end: a real desk with the Meituan sandbox pushing over loopback HTTP, and a
 * virtual ESC/POS printer on loopback TCP. What the kitchen would notice: each accepted order
 * prints its tickets once, a printer pulled out or out of paper holds them and says why, a
 * backup takes over, a cancelled order prints a cancellation ticket, 补打 prints again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskStatus } from '../../shared/api.js';
import type { PrinterConfig } from '../../shared/printing.js';
import { preOrderOverrides } from '../../electron/core/platforms/meituan/sandbox-orders.js';
import { DEFAULT_PRINTING } from '../../electron/core/printing/schemas.js';
import { VirtualPrinter, type VirtualJob } from '../../electron/core/printing/virtual-printer.js';
import { OrderLog, startFixture, type Fixture } from '../support/desk-fixture.js';
import { decodeEscPos } from '../support/escpos/decode.js';

/** What the paper shows. */
const text = (j: VirtualJob): string => decodeEscPos(j.bytes).text;
/** The ticket's order line (platform and pickup number), e.g. 「美团 #7」. */
const headed = (j: VirtualJob, daySeq: number | null): boolean => decodeEscPos(j.bytes).lines.some((l) => l.text.trim() === `美团 #${daySeq}`);

let fx: Fixture | undefined;
const printers: VirtualPrinter[] = [];
afterEach(async () => {
  await fx?.close();
  fx = undefined;
  for (const p of printers.splice(0)) await p.stop();
});

async function printer(): Promise<VirtualPrinter> {
  const p = await new VirtualPrinter().start();
  printers.push(p);
  return p;
}

function net(name: string, p: VirtualPrinter, extra: Partial<PrinterConfig> = {}): PrinterConfig {
  return { name, type: 'network', host: '127.0.0.1', port: p.port, width: 80, tickets: ['kitchen', 'customer', 'cancel'], copies: 1, ...extra };
}

const quick = { retryDelaysMs: [50, 100, 200], statusPollMs: 100, transport: { connectTimeoutMs: 500, statusTimeoutMs: 300, writeTimeoutMs: 2000 } };

/** Resolves with the first status that matches (bounded). */
function statusWhere(fxd: Fixture, match: (s: DeskStatus) => boolean, timeoutMs = 10_000): Promise<DeskStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      fxd.desk.off('status-changed', on);
      reject(new Error('timed out waiting for a status'));
    }, timeoutMs);
    const on = (s: DeskStatus): void => {
      if (!match(s)) return;
      clearTimeout(timer);
      fxd.desk.off('status-changed', on);
      resolve(s);
    };
    fxd.desk.on('status-changed', on);
    void fxd.desk.status().then(on);
  });
}

async function idle(fxd: Fixture): Promise<void> {
  await fxd.desk.settled();
  await fxd.desk.printService.settled();
}

describe('printing accepted orders', () => {
  it('prints the kitchen and customer tickets of an auto-accepted order exactly once', async () => {
    const kitchen = await printer();
    fx = await startFixture({ config: () => ({ printers: [net('后厨', kitchen, { tickets: ['kitchen', 'customer'] })] }), printing: quick });
    const log = new OrderLog(fx.desk);
    const orderId = await fx.sandbox.pushNewOrder('store-1', { caution: '不要香菜' });
    // Accepted through the API, then the platform's own "confirmed" push: two accept events.
    await log.waitFor((o) => o.orderId === orderId && o.events.some((e) => e.type === 'pushed:confirmed'));
    const jobs = await kitchen.waitForJobs(2);
    expect(jobs.map(text).some((t) => t.includes('后厨联') && t.includes('不要香菜'))).toBe(true);
    expect(jobs.map(text).some((t) => t.includes('顾客联'))).toBe(true);

    // The platform says "confirmed" once more (a replay): nothing new is queued or printed.
    await fx.sandbox.confirmFromMerchantApp(orderId).catch(() => undefined);
    await idle(fx);
    const list = await fx.desk.printJobs();
    expect(list.map((j) => j.id).sort()).toEqual([`meituan:${orderId}|customer|accepted`, `meituan:${orderId}|kitchen|accepted`]);
    await expect.poll(async () => (await fx!.desk.printJobs()).every((j) => j.state === 'confirmed')).toBe(true);
    expect(kitchen.jobs).toHaveLength(2);
    const status = await fx.desk.status();
    expect(status.printers?.[0]).toMatchObject({ name: '后厨', state: 'ready', queued: 0 });
  });

  it('prints an order staff accept, and one the platform says was accepted elsewhere', async () => {
    const p = await printer();
    fx = await startFixture({
      stores: [{ id: 'store-1', name: '湘北人家', autoAccept: false }],
      config: () => ({ printers: [net('前台', p, { tickets: ['kitchen'] })] }),
      printing: quick,
    });
    const log = new OrderLog(fx.desk);
    const byStaff = await fx.sandbox.pushNewOrder('store-1');
    const order = await log.waitFor((o) => o.orderId === byStaff);
    await idle(fx);
    expect(await fx.desk.printJobs()).toEqual([]); // not accepted yet: nothing prints
    await fx.desk.accept(order.key);
    await p.waitForJobs(1);

    const elsewhere = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === elsewhere);
    await fx.sandbox.confirmFromMerchantApp(elsewhere);
    await log.waitFor((o) => o.orderId === elsewhere && o.status === 'accepted');
    const jobs = await p.waitForJobs(2);
    expect(jobs.map(text).every((t) => t.includes('后厨联'))).toBe(true);
    await idle(fx);
    expect((await fx.desk.printJobs()).map((j) => j.id).sort()).toEqual([`meituan:${byStaff}|kitchen|accepted`, `meituan:${elsewhere}|kitchen|accepted`].sort());
  });
});

describe('pre-orders', () => {
  it('prints a pre-order at its cooking reminder when the shop asks for that', async () => {
    const p = await printer();
    fx = await startFixture({ config: () => ({ printers: [net('后厨', p, { tickets: ['kitchen'] })], printing: { ...DEFAULT_PRINTING, preOrders: 'at-reminder' } }), printing: quick });
    const log = new OrderLog(fx.desk);
    const orderId = await fx.sandbox.pushNewOrder('store-1', preOrderOverrides(Math.floor(Date.now() / 1000), 3 * 3600));
    const order = await log.waitFor((o) => o.orderId === orderId && o.status === 'accepted' && o.preOrder);
    await idle(fx);
    expect(await fx.desk.printJobs()).toEqual([]);
    await fx.desk.remindCooking(order.key);
    const [job] = await p.waitForJobs(1);
    expect(headed(job!, order.daySeq)).toBe(true);
    await fx.desk.startCooking(order.key);
    await idle(fx);
    expect((await fx.desk.printJobs()).map((j) => j.id)).toEqual([`${order.key}|kitchen|pre-order`]);
  });
});

describe('a printer that fails', () => {
  it('holds the jobs while the printer is off, says so in staff words, and prints them once when it is back', async () => {
    const p = await printer();
    fx = await startFixture({ config: () => ({ printers: [net('后厨', p, { tickets: ['kitchen'] })] }), printing: quick });
    const log = new OrderLog(fx.desk);
    await statusWhere(fx, (s) => s.printers?.[0]?.state === 'ready');
    await p.stop();
    const orderId = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === orderId && o.status === 'accepted');
    const down = await statusWhere(fx, (s) => s.printers?.[0]?.state === 'offline');
    expect(down.printers?.[0]?.detail).toBe(`连不上打印机 127.0.0.1:${p.port}，请检查电源和网线`);
    await expect.poll(async () => (await fx!.desk.printJobs())[0]?.attempts ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect((await fx.desk.printJobs())[0]).toMatchObject({ state: 'failed', lastError: down.printers?.[0]?.detail });

    await p.start(); // same port
    await p.waitForJobs(1);
    await expect.poll(async () => (await fx!.desk.printJobs())[0]?.state, { timeout: 10_000 }).toBe('confirmed');
    await statusWhere(fx, (s) => s.printers?.[0]?.state === 'ready' && s.printers[0].queued === 0);
    expect(p.jobs).toHaveLength(1);
  });

  it('hands the jobs to the backup while the main printer is down, and goes back to it', async () => {
    const main = await printer();
    const backup = await printer();
    fx = await startFixture({
      config: () => ({ printers: [net('后厨', main, { tickets: ['kitchen'], backup: '前台' }), net('前台', backup, { tickets: ['customer'] })] }),
      printing: quick,
    });
    const log = new OrderLog(fx.desk);
    await statusWhere(fx, (s) => s.printers?.every((p) => p.state === 'ready') === true);
    await main.stop();
    const first = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === first && o.status === 'accepted');
    // The backup prints its own customer ticket and the kitchen ticket it covers.
    const onBackup = await backup.waitForJobs(2);
    expect(onBackup.map(text).some((t) => t.includes('后厨联'))).toBe(true);
    const jobs = await fx.desk.printJobs();
    expect(jobs.find((j) => j.ticket === 'kitchen')).toMatchObject({ printer: '后厨', printedOn: '前台' });

    await main.start();
    await statusWhere(fx, (s) => s.printers?.[0]?.state === 'ready');
    const second = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === second && o.status === 'accepted');
    const [back] = await main.waitForJobs(1);
    expect(text(back!)).toContain('后厨联');
    await backup.waitForJobs(3);
    await idle(fx);
    expect(main.jobs).toHaveLength(1);
    expect(backup.jobs).toHaveLength(3);
  });

  it('says the printer is out of paper and prints the ticket once paper is back', async () => {
    const p = await printer();
    fx = await startFixture({ config: () => ({ printers: [net('后厨', p, { tickets: ['kitchen'] })] }), printing: quick });
    const log = new OrderLog(fx.desk);
    await statusWhere(fx, (s) => s.printers?.[0]?.state === 'ready');
    p.state = 'paper-out';
    const s = await statusWhere(fx, (st) => st.printers?.[0]?.state === 'paper-out');
    expect(s.printers?.[0]?.detail).toBe('打印机缺纸，请换纸');
    const orderId = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === orderId && o.status === 'accepted');
    await expect.poll(async () => (await fx!.desk.printJobs())[0]?.lastError, { timeout: 10_000 }).toBe('打印机缺纸，请换纸');
    expect(p.jobs).toHaveLength(0);
    p.state = 'cover-open';
    await statusWhere(fx, (st) => st.printers?.[0]?.detail === '打印机盖未关好');
    p.state = 'ready';
    await p.waitForJobs(1);
    await expect.poll(async () => (await fx!.desk.printJobs())[0]?.state, { timeout: 10_000 }).toBe('confirmed');
    expect(p.jobs.length + p.lost.length).toBe(1);
  });

  it('prints on a printer that never answers a status question', async () => {
    const p = await printer();
    p.silent = true;
    fx = await startFixture({ config: () => ({ printers: [net('后厨', p, { tickets: ['kitchen'] })] }), printing: quick });
    const log = new OrderLog(fx.desk);
    const orderId = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === orderId && o.status === 'accepted');
    await p.waitForJobs(1);
    const s = await statusWhere(fx, (st) => st.printers?.[0]?.state === 'unknown');
    expect(s.printers?.[0]?.detail).toContain('仍可打印');
    await expect.poll(async () => (await fx!.desk.printJobs())[0]?.state, { timeout: 10_000 }).toBe('confirmed');
  });
});

describe('cancellations and 补打', () => {
  it('prints a cancellation ticket for a cancelled order whose kitchen ticket went out, and numbered reprints', async () => {
    const p = await printer();
    fx = await startFixture({ config: () => ({ printers: [net('后厨', p, { tickets: ['kitchen', 'cancel'], copies: 2 })] }), printing: quick });
    const log = new OrderLog(fx.desk);
    const orderId = await fx.sandbox.pushNewOrder('store-1');
    const order = await log.waitFor((o) => o.orderId === orderId && o.status === 'accepted');
    await p.waitForJobs(2); // two copies
    await expect.poll(async () => (await fx!.desk.printJobs())[0]?.state, { timeout: 10_000 }).toBe('confirmed');

    const jobs = await fx.desk.reprint(order.key, 'kitchen');
    expect(jobs.map((j) => j.id)).toEqual([`${order.key}|kitchen|reprint|1`]);
    const reprinted = await p.waitForJobs(4);
    expect(text(reprinted[3]!)).toContain('补打');
    expect((await fx.desk.reprint(order.key, 'kitchen')).map((j) => j.id)).toEqual([`${order.key}|kitchen|reprint|2`]);
    await p.waitForJobs(6);
    await expect(fx.desk.reprint(order.key, 'customer')).rejects.toThrow(/没有打印机设置了打印顾客联/);

    await fx.sandbox.cancel(orderId, '1001', '用户取消');
    await log.waitFor((o) => o.orderId === orderId && o.status === 'cancelled');
    const all = await p.waitForJobs(8);
    expect(text(all[6]!)).toContain('取消单');
    expect(headed(all[6]!, order.daySeq)).toBe(true);
    await idle(fx);
    expect((await fx.desk.printJobs()).map((j) => j.id)).toContain(`${order.key}|cancel|cancelled`);
  });

  it('drops a waiting ticket of an order cancelled before the printer came back', async () => {
    const p = await printer();
    fx = await startFixture({ config: () => ({ printers: [net('后厨', p, { tickets: ['kitchen', 'cancel'] })] }), printing: quick });
    const log = new OrderLog(fx.desk);
    await statusWhere(fx, (s) => s.printers?.[0]?.state === 'ready');
    p.state = 'paper-out';
    await statusWhere(fx, (s) => s.printers?.[0]?.state === 'paper-out');
    const orderId = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === orderId && o.status === 'accepted');
    await expect.poll(async () => (await fx!.desk.printJobs())[0]?.attempts ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await fx.sandbox.cancel(orderId, '1001', '用户取消');
    await log.waitFor((o) => o.orderId === orderId && o.status === 'cancelled');
    p.state = 'ready';
    await expect.poll(async () => (await fx!.desk.printJobs())[0]?.lastError, { timeout: 10_000 }).toBe('订单已取消，这张不再打印');
    await statusWhere(fx, (s) => s.printers?.[0]?.queued === 0);
    expect(p.jobs).toHaveLength(0);
    expect((await fx.desk.printJobs()).map((j) => j.id)).toEqual([`meituan:${orderId}|kitchen|accepted`]);
  });

  it('never prints a cancellation for an order that never printed', async () => {
    const p = await printer();
    fx = await startFixture({
      stores: [{ id: 'store-1', name: '湘北人家', autoAccept: false }],
      config: () => ({ printers: [net('后厨', p, { tickets: ['kitchen', 'cancel'] })] }),
      printing: quick,
    });
    const log = new OrderLog(fx.desk);
    const orderId = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === orderId);
    await fx.sandbox.cancel(orderId, '1001', '用户取消');
    await log.waitFor((o) => o.orderId === orderId && o.status === 'cancelled');
    await idle(fx);
    expect(await fx.desk.printJobs()).toEqual([]);
  });
});

describe('across restarts', () => {
  it('prints jobs left queued after a restart, once; and never prints history from before the printer existed', async () => {
    const p = await printer();
    let withPrinter = false;
    fx = await startFixture({ config: () => (withPrinter ? { printers: [net('后厨', p, { tickets: ['kitchen'] })] } : {}), printing: quick });
    const log = new OrderLog(fx.desk);
    // Accepted before any printer was set up: never printed.
    const old = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === old && o.status === 'accepted');
    withPrinter = true;
    await fx.restart();
    log.follow(fx.desk);
    await p.stop();
    const fresh = await fx.sandbox.pushNewOrder('store-1');
    const freshOrder = await log.waitFor((o) => o.orderId === fresh && o.status === 'accepted');
    await expect.poll(async () => (await fx!.desk.printJobs())[0]?.attempts ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await fx.restart();
    log.follow(fx.desk);
    await p.start();
    const [job] = await p.waitForJobs(1);
    expect(headed(job!, freshOrder.daySeq)).toBe(true);
    await expect.poll(async () => (await fx!.desk.printJobs())[0]?.state, { timeout: 10_000 }).toBe('confirmed');
    await idle(fx);
    expect((await fx.desk.printJobs()).map((j) => j.id)).toEqual([`meituan:${fresh}|kitchen|accepted`]);
    expect(p.jobs).toHaveLength(1);
  });
});
