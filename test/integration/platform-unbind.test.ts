/**
 * An unbind that starts on Meituan's side arrives unsigned, with nobody here having opened the
 * unbind page. It is kept and answered, then checked by asking Meituan with the stored token:
 * only a dead token unbinds the store (the token leaves bindings.json, the status bar says so);
 * a token that still works keeps the binding, whoever sent the callback.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startFixture, TEST_DEVELOPER_ID, type Fixture } from '../support/desk-fixture.js';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

async function journalText(dataDir: string): Promise<string> {
  const dir = join(dataDir, 'journal');
  const names = await readdir(dir);
  return (await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')))).join('');
}

async function boundOnDesk(f: Fixture): Promise<boolean> {
  return (await f.desk.listStores()).find((s) => s.id === 'store-1')!.bindings.meituan.bound;
}

async function withdrawnLine(f: Fixture): Promise<string | undefined> {
  return (await f.desk.status()).problems.find((p) => p.includes('湘北人家') && p.includes('取消对本应用的授权'));
}

describe('an unbind from Meituan\'s side', () => {
  it('with the token dead on Meituan: the store shows unbound, the token is gone, the counter is told', async () => {
    fx = await startFixture();
    const token = fx.sandbox.tokenFor('store-1')!;
    const bindings = join(fx.dataDir, 'bindings.json');
    expect(await readFile(bindings, 'utf8')).toContain(token);

    // The merchant unbinds in Meituan's back office: the token dies there, then the unsigned callback comes.
    const page = await fetch(`${fx.sandbox.baseUrl}/merchant/unbind`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'ePoiId=store-1',
    });
    const html = await page.text();
    expect(html).toContain('已在美团解除绑定');
    expect(html).not.toContain('稍后重试'); // answered {"data":"success"} at once: kept, not refused
    await fx.desk.settled();

    expect(await boundOnDesk(fx)).toBe(false);
    const after = await readFile(bindings, 'utf8');
    expect(after).not.toContain(token);
    expect(JSON.parse(after)).toMatchObject({ bindings: { 'store-1': { meituan: { bound: false } } } });
    expect(await withdrawnLine(fx)).toMatch(/^美团.*请在「门店」页重新授权$/);
    // Bound again from the app: the line goes.
    fx.desk.expectBinding('meituan', 'store-1', 'bind');
    await fx.sandbox.bind('store-1');
    await fx.desk.settled();
    expect(await boundOnDesk(fx)).toBe(true);
    expect(await withdrawnLine(fx)).toBeUndefined();
  });

  it('a forged unsigned unbind while the token still works: answered, still bound, logged', async () => {
    const logLines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
    fx = await startFixture({ logger });
    const token = fx.sandbox.tokenFor('store-1')!;
    const fields = { businessId: '2', developerId: TEST_DEVELOPER_ID, timestamp: String(Date.now()), ePoiId: 'store-1' };
    const forged = await fetch(`${(await fx.desk.status()).receiver.url}/meituan/store/unbound`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    expect(forged.status).toBe(200);
    expect(await forged.text()).toBe('{"data":"success"}');
    await fx.desk.settled();

    expect(await boundOnDesk(fx)).toBe(true);
    expect(await readFile(join(fx.dataDir, 'bindings.json'), 'utf8')).toContain(token);
    expect(await withdrawnLine(fx)).toBeUndefined();
    expect(logLines.some((l) => l.includes('not confirmed by the platform') && l.includes('store-1'))).toBe(true);
    // The token still takes orders.
    expect(fx.sandbox.tokenFor('store-1')).toBe(token);
    // Kept in the journal, never lost, and read the same at replay: still bound after a restart.
    expect(await journalText(fx.dataDir)).toMatch(/store\/unbound.*x-desk-unvouched|x-desk-unvouched.*store\/unbound/);
    const again = await fx.restart();
    expect((await again.listStores()).find((s) => s.id === 'store-1')!.bindings.meituan.bound).toBe(true);
  });
});
