/**
 * A printer's first-seen time outlives the journal days read back at start: a desk restarted
 * weeks after its printer was set up still knows the printer is not new, so the catch-up of
 * orders accepted while it was down is not skipped, and the window does not flag history as 未打印.
 */
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { PrinterConfig } from '../../../shared/printing.js';
import { PrintQueue } from '../../../electron/core/printing/queue.js';
import type { PrinterTransport } from '../../../electron/core/printing/transport.js';
import { tempDir } from '../../support/helpers.js';

const PRINTER: PrinterConfig = { name: '后厨', type: 'network', host: '127.0.0.1', port: 9, width: 80, tickets: ['kitchen'], copies: 1 };

const idle: PrinterTransport = {
  send: () => Promise.resolve(),
  status: () => Promise.resolve({ state: 'ready', detail: '' }),
  close: () => Promise.resolve(),
};

function queueAt(dir: string, clock: { at: Date }): PrintQueue {
  return new PrintQueue({
    dataDir: dir,
    timeZone: 'Asia/Shanghai',
    logger: pino({ level: 'silent' }),
    now: () => clock.at,
    render: () => Promise.resolve({ skip: 'unused' }),
    onJob: () => undefined,
    onPrinter: () => undefined,
  });
}

describe("a printer's first-seen time", () => {
  it('survives a restart a month later, when the day it was set up is long out of the journal read back', async () => {
    const t = await tempDir();
    try {
      const clock = { at: new Date('2026-03-01T02:00:00Z') };
      let queue = queueAt(t.dir, clock);
      await queue.open();
      await queue.setPrinters([PRINTER], () => idle);
      const since = queue.printerSince('后厨');
      expect(since).toBe('2026-03-01T02:00:00.000Z');
      // The desk runs for a month; its periodic status checks cross every midnight.
      for (let day = 1; day <= 30; day++) {
        clock.at = new Date(Date.parse('2026-03-01T02:00:00Z') + day * 86_400_000);
        await queue.pollStatus();
      }
      await queue.stop();

      clock.at = new Date('2026-04-02T09:00:00Z');
      queue = queueAt(t.dir, clock);
      await queue.open();
      await queue.setPrinters([PRINTER], () => idle);
      expect(queue.printerSince('后厨')).toBe(since);
      expect(queue.printerViews()[0]?.since).toBe(since);
      await queue.stop();
    } finally {
      await t.cleanup();
    }
  });
});
