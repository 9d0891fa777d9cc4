/** The app's core start: the demo when nothing is saved; no binding at all without a keychain. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { refusingBox, startDesk, type StartedDesk } from '../../../electron/main/desk-setup.js';
import { keychainBox, SECRETS_UNAVAILABLE } from '../../../electron/main/secrets.js';
import { resetElectronMock } from '../../support/electron-mock.js';
import { silentLogger } from './fakes.js';
import type { DeskStatus } from '../../../shared/api.js';
import { openAppConfig } from '../../../electron/core/app-config.js';
import { TestTunnelServer } from '../../support/tunnel-server.js';

vi.mock('electron', () => import('../../support/electron-mock.js'));

let started: StartedDesk | null = null;
let dir = '';

afterEach(async () => {
  await started?.stop();
  started = null;
  await rm(dir, { recursive: true, force: true });
});

describe('startDesk', () => {
  it('runs the embedded demo in <userData>/sandbox with the keychain box, its first store bound', async () => {
    resetElectronMock();
    dir = await mkdtemp(join(tmpdir(), 'waimai-shell-'));
    started = await startDesk({ userData: dir, logger: silentLogger, keychain: keychainBox('darwin') });
    const status = await started.host.status();
    expect(status).toMatchObject({ sandbox: true, secrets: 'os-keychain' });
    expect(started.host.options.dataDir).toBe(join(dir, 'sandbox'));
    const stores = await started.host.listStores();
    expect(stores[0]?.bindings.meituan.bound).toBe(true);
  });

  it('opens the tunnel the saved settings ask for, and the status shows it up', async () => {
    resetElectronMock();
    dir = await mkdtemp(join(tmpdir(), 'waimai-shell-'));
    const server = new TestTunnelServer({ domain: 'localhost' });
    await server.start();
    try {
      const keychain = keychainBox('darwin');
      if (!keychain.ok) throw new Error('mock keychain unavailable');
      const store = await openAppConfig(dir, keychain.box);
      await store.save({ meituan: { developerId: '100001', signKey: 'madeUpKey0000001' }, union: null, stores: [{ id: 'store-1', name: '湘北人家' }] });
      // (No settings field for the tunnel yet: the shop's config.json carries it.)
      const file = join(dir, 'config.json');
      const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      await writeFile(file, JSON.stringify({ ...saved, tunnel: { enabled: true, host: server.url, subdomain: 'waimai-app-1' } }));

      started = await startDesk({ userData: dir, logger: silentLogger, keychain });
      const host = started.host;
      const up = await new Promise<DeskStatus>((resolve) => {
        const off = host.subscribe((name, payload) => {
          if (name === 'status-changed' && (payload as DeskStatus).tunnel.state === 'up') {
            off();
            resolve(payload as DeskStatus);
          }
        });
      });
      expect(up.tunnel.url).toBe(`http://waimai-app-1.localhost:${server.port}`);
      expect((await host.callbackUrls()).find((u) => u.path === '/meituan/order/new')?.publicUrl).toBe(`${up.tunnel.url}/meituan/order/new`);
    } finally {
      await started?.stop();
      started = null;
      await server.close();
    }
  });

  it('without a keychain: says so in the status and binds nothing', async () => {
    dir = await mkdtemp(join(tmpdir(), 'waimai-shell-'));
    started = await startDesk({ userData: dir, logger: silentLogger, keychain: { ok: false, problem: SECRETS_UNAVAILABLE } });
    const status = await started.host.status();
    expect(status.secrets).toBe(refusingBox('x').kind);
    expect(status.problems).toContain(SECRETS_UNAVAILABLE);
    expect((await started.host.listStores()).every((s) => !s.bindings.meituan.bound)).toBe(true);
  });
});
