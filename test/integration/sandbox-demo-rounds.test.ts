/**
 * The demo keeps going: a round of demo orders ends once its orders have settled, and the next
 * round starts (before, the demo stopped for good after 60 orders with nothing on screen saying
 * so). The status says whether the demo is making orders.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../electron/core/config.js';
import { serve, type Served } from '../../electron/headless/cli.js';
import { quietLogger, tempDir } from '../support/helpers.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function demo(roundOrders: number): Promise<Served> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const served = await serve(
    { dataDir: dir, config: parseConfig({ timeZone: 'Asia/Shanghai' }), sandbox: true, receiverPort: 0, consolePort: 0, tunnel: 'none', demoIntervalSeconds: 0.05, demoRoundOrders: roundOrders },
    quietLogger,
  );
  cleanups.push(() => served.stop());
  return served;
}

describe('the sandbox demo', () => {
  it('starts the next round when one has settled, and says it is running', async () => {
    const served = await demo(2);
    expect((await served.desk.status()).demo).toEqual({ state: 'running', intervalSeconds: 0.05 });
    // More orders than one round holds: a second round began.
    await expect.poll(async () => (await served.desk.listOrders()).filter((o) => o.platform === 'meituan').length, { timeout: 20_000 }).toBeGreaterThan(2);
    expect((await served.desk.status()).demo?.state).toBe('running');
  });
});
