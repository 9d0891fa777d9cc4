/**
 * The recovery loop on its own (fakes for the store and the platform): a timer that runs
 * passes until stopped, one pass at a time, and errors that never escape.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RecoveryReport } from '../../../shared/api.js';
import { Recovery } from '../../../electron/core/recovery.js';
import type { DeskStorage } from '../../../electron/core/storage/desk-storage.js';
import { quietLogger } from '../../support/helpers.js';

afterEach(() => {
  vi.useRealTimers();
});

function fakeStore(bound: string[]): DeskStorage {
  const pulled: string[] = [];
  return {
    registry: {
      list: () => bound.map((id) => ({ id, name: id })),
      token: (_p: string, id: string) => `token-${id}`,
    },
    getOrder: async () => undefined,
    acceptPull: async (_p: string, _s: string, json: string) => {
      pulled.push(json);
      return [{ order: {}, created: true, previousStatus: null }];
    },
    pulled,
  } as unknown as DeskStorage;
}

/** The platform's two pull calls, as the tests fake them. */
interface PullClient {
  queryByEpoids(token: string, epoiIds: readonly string[]): Promise<{ orderIds: string[] }>;
  queryByIdJson(token: string, orderId: string): Promise<string>;
}

function setup(client: PullClient, bound = ['s1']): { recovery: Recovery; reports: RecoveryReport[] } {
  const reports: RecoveryReport[] = [];
  const recovery = new Recovery({
    storage: fakeStore(bound),
    sources: [
      {
        platform: 'meituan',
        recovery: {
          listUnconfirmed: async (token, storeId) => (await client.queryByEpoids(token, [storeId])).orderIds,
          fetchOrder: (token, orderId) => client.queryByIdJson(token, orderId),
        },
        tokenFor: async (id) => `token-${id}`,
        describeError: (err) => (err as Error).message,
      },
    ],
    logger: quietLogger,
    intervalMs: 1000,
    onReport: (r) => reports.push(r),
  });
  return { recovery, reports };
}

describe('Recovery', () => {
  it('runs at start, then every interval, and not after stop', async () => {
    vi.useFakeTimers();
    const listed = vi.fn(async () => ({ orderIds: [] }));
    const { recovery, reports } = setup({ queryByEpoids: listed, queryByIdJson: async () => '' });
    recovery.start();
    await vi.advanceTimersByTimeAsync(2500);
    expect(reports.map((r) => r.reason)).toEqual(['start-up', 'timer', 'timer']);
    await recovery.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(reports).toHaveLength(3);
    expect(listed).toHaveBeenCalledWith('token-s1', ['s1']);
  });

  it('joins a pass under way instead of starting a second one', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const listed = vi.fn(async () => {
      await gate;
      return { orderIds: ['1'] };
    });
    const { recovery } = setup({ queryByEpoids: listed, queryByIdJson: async () => '{"orderId":1}' });
    const a = recovery.run('tunnel-restored');
    const b = recovery.run('staff');
    release();
    expect(await a).toBe(await b);
    expect(listed).toHaveBeenCalledTimes(1);
    expect((await a).recovered).toBe(1);
  });

  it('turns a throwing platform into report errors, per store', async () => {
    const { recovery } = setup(
      {
        queryByEpoids: async (_t, [id]) => {
          if (id === 's1') throw new Error('token invalid');
          return { orderIds: ['7'] };
        },
        queryByIdJson: async () => {
          throw new Error('timeout');
        },
      },
      ['s1', 's2'],
    );
    const report = await recovery.run('staff');
    expect(report).toMatchObject({ checkedStores: 1, found: 1, recovered: 0 });
    expect(report.errors).toEqual(['门店 s1（s1）补单失败：token invalid', '订单 7 补单失败：timeout']);
  });
});
