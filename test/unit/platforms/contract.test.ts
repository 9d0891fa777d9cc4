/**
 * The platform contract: the same checks for every platform in the registry, each through a
 * real receiver (HTTP on 127.0.0.1) and a real store on disk, fed by the `contract.ts` fixture
 * the platform's folder exports. A check that does not apply to a platform is stated in its
 * fixture with the reason, and the suite holds the platform to that claim (a platform that says
 * "nothing to pull" must have no pull).
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applies, type PlatformContract, type WirePush } from '../../../electron/core/platforms/contract.js';
import { PLATFORM_MODULES } from '../../../electron/core/platforms/index.js';
import type { PlatformModule } from '../../../electron/core/platforms/types.js';
import { Receiver } from '../../../electron/core/receiver/server.js';
import { ownerOnlyFileBox } from '../../../electron/core/storage/bindings.js';
import { CredentialVault } from '../../../electron/core/storage/credentials.js';
import { DeskStorage } from '../../../electron/core/storage/desk-storage.js';
import { quietLogger, tempDir } from '../../support/helpers.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fixtureOf(m: PlatformModule): Promise<PlatformContract> {
  // Found by the platform's name: a platform added to the registry without a fixture fails here.
  const file = new URL(`../../../electron/core/platforms/${m.name}/contract.ts`, import.meta.url).href;
  const mod = (await import(/* @vite-ignore */ file)) as { contract?: PlatformContract };
  if (!mod.contract) throw new Error(`platforms/${m.name}/contract.ts exports no \`contract\``);
  return mod.contract;
}

interface Harness {
  store: DeskStorage;
  send(push: WirePush): Promise<{ status: number; text: string }>;
  /** Stop as a killed process does (no fold, no checkpoint) and open the folder again: the journal is replayed. */
  replay(): Promise<{ store: DeskStorage; replayed: number }>;
}

function openStore(m: PlatformModule, c: PlatformContract, dataDir: string): DeskStorage {
  return new DeskStorage({
    dataDir,
    timeZone: 'Asia/Shanghai',
    stores: c.storeId ? [{ id: c.storeId, name: '合约测试店' }] : [],
    platforms: [m],
    secretBox: ownerOnlyFileBox,
    // Nothing folds during a test: the journal is all there is to replay.
    foldDelayMs: 600_000,
    foldMaxDelayMs: 600_000,
  });
}

async function harness(m: PlatformModule, c: PlatformContract): Promise<Harness> {
  const { dir, cleanup } = await tempDir();
  cleanups.push(cleanup);
  const section = m.config.schema.parse(c.config);
  let store = openStore(m, c, dir);
  await store.open();
  const receiver = new Receiver({
    routes: m.routes,
    storage: store,
    configFor: () => m.config.verifyConfig(section),
    pendingBinding: () => false,
    logger: quietLogger,
  });
  await receiver.listen();
  let closed = false;
  cleanups.push(async () => {
    if (!closed) await receiver.close();
    await store.close();
  });
  return {
    get store() {
      return store;
    },
    async send(push) {
      const url = `${receiver.url}${push.path}${push.query ? `?${push.query}` : ''}`;
      const res = await fetch(url, { method: push.method, headers: push.headers, ...(push.method === 'POST' ? { body: push.body } : {}) });
      return { status: res.status, text: await res.text() };
    },
    async replay() {
      closed = true;
      await receiver.close();
      await store.kill();
      await rm(join(dir, '.lock'), { recursive: true, force: true });
      store = openStore(m, c, dir);
      const report = await store.open();
      return { store, replayed: report.replayed };
    },
  };
}

const okBodyOf = (m: PlatformModule, path: string): string => m.routes.find((r) => r.path === path)!.okBody;

describe('every registered platform', () => {
  it('has a contract fixture, an identity of its own and a config form naming every secret', async () => {
    expect(PLATFORM_MODULES.length).toBeGreaterThan(0);
    const ids = PLATFORM_MODULES.map((m) => m.name);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of PLATFORM_MODULES) {
      expect(m.identity.id).toBe(m.name);
      expect(await fixtureOf(m)).toBeDefined();
      const secretFields = m.config.form.fields.filter((f) => f.kind === 'secret').map((f) => f.key);
      expect(secretFields).toEqual([...m.config.secretFields]);
      for (const r of m.routes) expect(r.platform).toBe(m.name);
    }
  });
});

describe.each(PLATFORM_MODULES.map((m) => [m.name, m] as const))('platform contract: %s', (_name, m) => {
  it('reproduces the worked signature examples', async () => {
    const c = await fixtureOf(m);
    expect(c.signatures.length).toBeGreaterThan(0);
    for (const ex of c.signatures) expect({ what: ex.what, sign: ex.computed }).toEqual({ what: ex.what, sign: ex.expected });
  });

  it('answers an empty check request on every route with its success body and stores nothing', async () => {
    const c = await fixtureOf(m);
    const h = await harness(m, c);
    for (const r of m.routes) {
      const method = r.methods.includes('POST') ? 'POST' : r.methods[0]!;
      const answer = await h.send({ method, path: r.path, query: '', headers: {}, body: '' });
      expect({ path: r.path, ...answer }).toEqual({ path: r.path, status: 200, text: r.okBody });
    }
    expect(h.store.orderCount).toBe(0);
  });

  it('keeps a duplicate push as one record with one event, answering both OK', async () => {
    const c = await fixtureOf(m);
    const h = await harness(m, c);
    const push = c.firstPush('90071992547409931');
    const first = await h.send(push);
    const again = await h.send(push);
    expect(first).toEqual({ status: 200, text: okBodyOf(m, push.path) });
    expect(again).toEqual(first);
    const order = await h.store.getOrder(`${m.name}:90071992547409931`);
    expect(order?.events).toHaveLength(1);
    expect(h.store.orderCount).toBe(1);
  });

  it('rebuilds from the journal exactly what the live process had (replay equals live)', async () => {
    const c = await fixtureOf(m);
    const h = await harness(m, c);
    const ids = ['90071992547409941', '90071992547409942'];
    for (const id of ids) {
      expect((await h.send(c.firstPush(id))).status).toBe(200);
      expect((await h.send(c.laterPush(id))).status).toBe(200);
    }
    // A late re-send of the first push: no step back, and the same after replay.
    expect((await h.send(c.firstPush(ids[0]!))).status).toBe(200);
    const live = await Promise.all(ids.map((id) => h.store.getOrder(`${m.name}:${id}`)));
    expect(live.every((o) => o !== undefined && o.events.length === 2)).toBe(true);
    const { store, replayed } = await h.replay();
    expect(replayed).toBeGreaterThanOrEqual(4);
    expect(await Promise.all(ids.map((id) => store.getOrder(`${m.name}:${id}`)))).toEqual(live);
  });

  it('refuses a bad signature in its own dialect and stores nothing', async () => {
    const c = await fixtureOf(m);
    const h = await harness(m, c);
    const push = c.tamper(c.firstPush('90071992547409951'));
    const answer = await h.send(push);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.text).not.toBe(okBodyOf(m, push.path));
    expect(c.isRefusal(answer.text)).toBe(true);
    expect(h.store.orderCount).toBe(0);
  });

  it('merges a pulled order with its late push into one record (or has no pull at all)', async () => {
    const c = await fixtureOf(m);
    if (!applies(c.pulled)) {
      // The claim holds: nothing to pull from, nothing to read a pulled order with.
      expect(c.pulled.notApplicable).not.toBe('');
      expect(m.interpretPulled).toBeUndefined();
      expect(m.createOutbound).toBeUndefined();
      return;
    }
    const h = await harness(m, c);
    const id = '90071992547409961';
    const pulled = await h.store.acceptPull(m.name, c.storeId, c.pulled.orderJson(id));
    expect(pulled).toHaveLength(1);
    const push = c.firstPush(id);
    expect(await h.send(push)).toEqual({ status: 200, text: okBodyOf(m, push.path) });
    expect(h.store.orderCount).toBe(1);
    const order = await h.store.getOrder(`${m.name}:${id}`);
    expect(order?.flags).not.toContain('partial');
    expect(order?.events.map((e) => e.source)).toEqual(['pull', push.path]);
    expect(order?.status).toBe(pulled[0]!.order.status);
  });

  it('takes "already accepted" from the platform as success (or has nothing to accept)', async () => {
    const c = await fixtureOf(m);
    if (!applies(c.alreadyAccepted)) {
      expect(c.alreadyAccepted.notApplicable).not.toBe('');
      expect(m.identity.kind).toBe('promotion');
      expect(m.createOutbound).toBeUndefined();
      return;
    }
    const { fetch, token } = c.alreadyAccepted;
    expect(m.createOutbound).toBeDefined();
    const { dir, cleanup } = await tempDir();
    cleanups.push(cleanup);
    const credentials = new CredentialVault(dir, ownerOnlyFileBox);
    await credentials.open();
    const out = m.createOutbound!({ config: m.config.schema.parse(c.config), fetch, storedToken: () => token, credentials, logger: quietLogger });
    await expect(out.actions.confirm('90071992547409971', token)).resolves.toBeUndefined();
  });
});
