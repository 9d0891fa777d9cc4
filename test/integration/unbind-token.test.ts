/**
 * A store's platform token is a secret: it lives sealed in `bindings.json` while the store is
 * bound, is gone from that file once Meituan says the store was unbound, and is never written
 * to the journal or the log. Bind and unbind go through the real HTTP callbacks.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderLog, startFixture, type Fixture } from '../support/desk-fixture.js';
import { waitForEvent } from '../support/helpers.js';

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

describe('the store token', () => {
  it('is removed from bindings.json by the unbind callback, and never reaches the journal or the log', async () => {
    const logLines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) });
    fx = await startFixture({ logger });
    const token = fx.sandbox.tokenFor('store-1')!;
    expect(token.length).toBeGreaterThan(8);
    const bindings = join(fx.dataDir, 'bindings.json');
    // Headless mode seals by file permissions, so the token is in the file while bound.
    expect(await readFile(bindings, 'utf8')).toContain(token);

    // The token is used for the auto-accept call: still nowhere but the bindings file.
    const log = new OrderLog(fx.desk);
    const id = await fx.sandbox.pushNewOrder('store-1');
    await log.waitFor((o) => o.orderId === id && o.autoAccept?.state === 'done');

    fx.desk.expectBinding('meituan', 'store-1', 'unbind');
    const changed = waitForEvent(fx.desk, 'store-changed');
    const result = await fx.sandbox.unbind('store-1');
    expect(result?.ok).toBe(true);
    await changed;

    const after = await readFile(bindings, 'utf8');
    expect(after).not.toContain(token);
    expect(JSON.parse(after)).toMatchObject({ bindings: { 'store-1': { meituan: { bound: false } } } });
    await fx.desk.stop();
    expect(await journalText(fx.dataDir)).not.toContain(token);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('')).not.toContain(token);
  });
});
