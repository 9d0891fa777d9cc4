/** Secrets: sealed by the OS keychain or refused; the log never carries them. */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mock, resetElectronMock } from '../../support/electron-mock.js';
import { keychainBox, SECRETS_UNAVAILABLE } from '../../../electron/main/secrets.js';
import { refusingBox } from '../../../electron/main/desk-setup.js';
import { createLogger } from '../../../electron/main/logger.js';

vi.mock('electron', () => import('../../support/electron-mock.js'));

const SIGN_KEY = 'sk-9f8e7d6c5b4a';
const TOKEN = 'tok-0123456789abcdef';

describe('safeStorage secret box', () => {
  beforeEach(() => resetElectronMock());

  it('round-trips a token, and the sealed form is base64 that does not contain it', () => {
    const r = keychainBox('darwin');
    if (!r.ok) throw new Error(r.problem);
    expect(r.box.kind).toBe('os-keychain');
    const sealed = r.box.seal(TOKEN);
    expect(sealed).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(sealed).not.toContain(TOKEN);
    expect(Buffer.from(sealed, 'base64').toString()).not.toContain(TOKEN);
    expect(r.box.open(sealed)).toBe(TOKEN);
  });

  it('refuses, with words for staff, when the OS has no keychain (or only the fixed-key Linux fallback)', () => {
    mock.encryptionAvailable = false;
    expect(keychainBox('win32')).toEqual({ ok: false, problem: SECRETS_UNAVAILABLE });
    mock.encryptionAvailable = true;
    mock.storageBackend = 'basic_text';
    expect(keychainBox('linux')).toEqual({ ok: false, problem: SECRETS_UNAVAILABLE });
  });

  it('the stand-in box never stores anything in clear: sealing throws the reason', () => {
    const box = refusingBox(SECRETS_UNAVAILABLE);
    expect(box.available).toBe(false);
    expect(() => box.seal(TOKEN)).toThrow(SECRETS_UNAVAILABLE);
  });
});

describe('log file', () => {
  it('rotating file in the logs folder; secrets are redacted wherever they sit', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'waimai-logs-'));
    try {
      const { logger, close } = await createLogger(dir);
      logger.info({ config: { meituan: { developerId: '100001', signKey: SIGN_KEY } } }, 'nested config');
      logger.info({ binding: { appAuthToken: TOKEN }, union: { callbackSecret: 'cb-secret-1' }, eleme: { secret: 's-2' } }, 'objects');
      logger.info({ token: TOKEN, signKey: SIGN_KEY }, 'top level');
      logger.info({ developerId: '100001' }, 'harmless');
      await close();
      const files = await readdir(dir);
      expect(files.some((f) => /^waimai-desk\.\d+\.log$/.test(f))).toBe(true);
      const text = (await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).join('');
      expect(text).toContain('harmless');
      expect(text).toContain('[redacted]');
      for (const secret of [SIGN_KEY, TOKEN, 'cb-secret-1', 's-2']) expect(text).not.toContain(secret);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
