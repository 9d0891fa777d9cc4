/**
 * The sandbox's state file: every order the receiver is told about is already on disk when the
 * push arrives (so the desk never stores an order a restarted sandbox would not know), and a new
 * sandbox on the same file takes the orders and tokens back.
 */
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MeituanSandbox } from '../../../../electron/core/platforms/meituan/sandbox.js';
import { tempDir } from '../../../support/helpers.js';
import { FakeReceiver } from './sandbox-helpers.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(): Promise<{ receiver: FakeReceiver; stateFile: string; make: () => Promise<MeituanSandbox> }> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const receiver = new FakeReceiver();
  await receiver.start();
  cleanups.push(() => receiver.stop());
  const stateFile = join(dir, 'sandbox-state.json');
  const make = async (): Promise<MeituanSandbox> => {
    const sandbox = new MeituanSandbox({ developerId: '100001', signKey: 'testSignKey00001', receiverUrl: receiver.url, duplicateRate: 0, stateFile });
    await sandbox.start();
    cleanups.push(() => sandbox.stop());
    return sandbox;
  };
  return { receiver, stateFile, make };
}

describe('sandbox state file', () => {
  it('holds a new order before its push reaches the receiver', async () => {
    const { receiver, stateFile, make } = await setup();
    const onDisk: string[] = [];
    receiver.on('request', (r: { path: string; fields: Record<string, string> }) => {
      if (r.path !== '/meituan/order/new') return;
      // Read synchronously in the handler: what was on disk when the push arrived.
      onDisk.push(readFileSyncSafe(stateFile));
    });
    const sandbox = await make();
    await sandbox.bind('store-1');
    const orderId = await sandbox.pushNewOrder('store-1');
    expect(onDisk).toHaveLength(1);
    expect(onDisk[0]).toContain(`"orderId":"${orderId}"`);
  });

  it('a new sandbox on the same file knows the orders and the store token', async () => {
    const { stateFile, make } = await setup();
    const first = await make();
    const { token } = await first.bind('store-1');
    const orderId = await first.pushNewOrder('store-1');
    await first.confirmFromMerchantApp(orderId);
    await first.stop();

    const second = await make();
    expect(second.tokenFor('store-1')).toBe(token);
    expect(second.getOrder(orderId)?.times.status).toBe(4);
    await expect(second.finish(orderId)).resolves.toBeTruthy();
    expect(JSON.parse(await readFile(stateFile, 'utf8')).orders[0].times.status).toBe(8);
  });

  it('a damaged file is moved aside and the sandbox starts empty', async () => {
    const { stateFile, make } = await setup();
    await writeFile(stateFile, '{"version":1,"orders":[{"no');
    const sandbox = await make();
    expect(sandbox.tokenFor('store-1')).toBeUndefined();
    await sandbox.bind('store-1');
    expect(JSON.parse(await readFile(stateFile, 'utf8')).tokens).toHaveLength(1);
  });
});

function readFileSyncSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
