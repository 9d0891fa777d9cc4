/**
 * The demo's 「模拟顾客催单」 names no platform: it goes to a sandbox that has 催单 (Eleme's),
 * never to one that declares it has none (Meituan's, which comes first), and the 催单 lands on
 * an Eleme order as news for the counter.
 */
import { describe, expect, it } from 'vitest';
import type { Order } from '../../shared/order.js';
import { parseConfig } from '../../electron/core/config.js';
import { serve } from '../../electron/headless/cli.js';
import { quietLogger, tempDir, waitForEvent } from '../support/helpers.js';

describe('simulate reminder', () => {
  it('drives the platform that has 催单 when none is named', async () => {
    const { dir, cleanup } = await tempDir();
    const config = parseConfig({ stores: [{ id: 'shop-1', name: '测试店', autoAccept: false }] });
    const s = await serve({ dataDir: dir, config, sandbox: true, receiverPort: 0, consolePort: 0, tunnel: 'none', demoIntervalSeconds: 0 }, quietLogger);
    try {
      const hurried = waitForEvent<{ order: Order }>(s.desk, 'order-changed', (c) => c.order.reminder?.replied === false);
      await s.desk.simulate('reminder', 'shop-1');
      const { order } = await hurried;
      expect(order.platform).toBe('eleme');
      expect(order.flags).toContain('reminder');
      expect(order.attention?.reason).toBe('reminder');
    } finally {
      await s.stop();
      await cleanup();
    }
  });
});
