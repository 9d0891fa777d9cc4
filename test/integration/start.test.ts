/** `npm start` where the Electron binary cannot be installed: one clear line pointing to `npm run serve`. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/helpers.js';

const LAUNCH = fileURLToPath(new URL('../../electron/launch.mjs', import.meta.url));

describe('npm start without the Electron binary', () => {
  it('says so in one line and points to npm run serve', async () => {
    // An Electron "install" with no binary in it, whatever this machine has.
    const { dir, cleanup } = await tempDir();
    try {
      const r = spawnSync(process.execPath, [LAUNCH], { encoding: 'utf8', env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dir } });
      expect(r.status).toBe(1);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/Electron binary is not installed/);
      expect(lines[0]).toContain('npm run serve');
    } finally {
      await cleanup();
    }
  });
});
