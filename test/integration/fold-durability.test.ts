/**
 * The checkpoint is the journal position start-up replays from; once it moves past an order,
 * only the day file and the index hold that order. So the fold must have the day file synced
 * and renamed, and the index lines synced, before the checkpoint moves.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFixture, type Fixture } from '../support/desk-fixture.js';
import { diskLog, findIn } from '../support/recording-fs.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const { recordingFsModule, diskLog: log } = await import('../support/recording-fs.js');
  return recordingFsModule(await importOriginal(), log);
});

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

describe('fold', () => {
  it('moves the checkpoint only after the day file and the index lines are synced', async () => {
    fx = await startFixture({ stores: [{ id: 'store-1', name: '湘北人家', autoAccept: false }] });
    const mark = diskLog.push('--- push') - 1;
    const orderId = await fx.sandbox.pushNewOrder('store-1');
    expect(await fx.desk.getOrder(`meituan:${orderId}`)).toMatchObject({ orderId });
    // The first checkpoint move after this order's index line was written (an earlier fold may
    // have been moving it when the push came in).
    const checkpoint = (): number => {
      const indexed = findIn(diskLog, /^write(File)? index\.jsonl$/, mark);
      return indexed < 0 ? -1 : findIn(diskLog, /^rename checkpoint\.json\.tmp → checkpoint\.json$/, indexed);
    };
    await expect.poll(checkpoint).toBeGreaterThan(mark);
    const before = diskLog.slice(mark, checkpoint());
    const text = before.join('\n');
    const day = /^rename (\d{4}-\d{2}-\d{2}\.json)\.tmp → \1$/;
    const renamedDay = findIn(before, day);
    expect(renamedDay, text).toBeGreaterThan(0);
    const dayName = day.exec(before[renamedDay]!)![1]!;
    expect(findIn(before, new RegExp(`^sync ${dayName.replace('.', '\\.')}\\.tmp$`)), text).toBeLessThan(renamedDay);
    expect(findIn(before, new RegExp(`^sync ${dayName.replace('.', '\\.')}\\.tmp$`)), text).toBeGreaterThan(0);
    const indexWrite = findIn(before, /^write(File)? index\.jsonl$/);
    expect(indexWrite, text).toBeGreaterThan(0);
    expect(findIn(before, /^(data)?sync index\.jsonl$/, indexWrite), text).toBeGreaterThan(indexWrite);
  });
});
