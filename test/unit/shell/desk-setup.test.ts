/** The app's core start: the demo when nothing is saved; no binding at all without a keychain. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { refusingBox, startDesk, type StartedDesk } from '../../../electron/main/desk-setup.js';
import { keychainBox, SECRETS_UNAVAILABLE } from '../../../electron/main/secrets.js';
import { resetElectronMock } from '../../support/electron-mock.js';
import { silentLogger } from './fakes.js';

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

  it('without a keychain: says so in the status and binds nothing', async () => {
    dir = await mkdtemp(join(tmpdir(), 'waimai-shell-'));
    started = await startDesk({ userData: dir, logger: silentLogger, keychain: { ok: false, problem: SECRETS_UNAVAILABLE } });
    const status = await started.host.status();
    expect(status.secrets).toBe(refusingBox('x').kind);
    expect(status.problems).toContain(SECRETS_UNAVAILABLE);
    expect((await started.host.listStores()).every((s) => !s.bindings.meituan.bound)).toBe(true);
  });
});
