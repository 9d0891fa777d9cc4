// The fuse settings in build/after-pack.cjs, and the hook itself run against stand-in Electron
// binaries (a file holding the fuse sentinel and a default wire) for each platform's layout.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);

type FuseName =
  | 'RunAsNode'
  | 'EnableCookieEncryption'
  | 'EnableNodeOptionsEnvironmentVariable'
  | 'EnableNodeCliInspectArguments'
  | 'EnableEmbeddedAsarIntegrityValidation'
  | 'OnlyLoadAppFromAsar'
  | 'LoadBrowserProcessSpecificV8Snapshot'
  | 'GrantFileProtocolExtraPrivileges';
interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}
const hook = require(join(root, 'build/after-pack.cjs')) as {
  FUSES: Record<FuseName, boolean>;
  fuseConfig: (o?: { resetAdHocDarwinSignature?: boolean }) => Record<string, unknown>;
  electronBinaryPath: (c: PackContext) => string;
  afterPack: (c: PackContext) => Promise<void>;
};
const fuses = require('@electron/fuses') as {
  FuseV1Options: Record<FuseName, number>;
  SENTINEL?: string;
  getCurrentFuseWire: (p: string) => Promise<Record<string, unknown>>;
};
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLE = 49; // '1'
const DISABLE = 48; // '0'

describe('fuse settings', () => {
  it('locks down what the counter PC must not allow', () => {
    expect(hook.FUSES).toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      EnableCookieEncryption: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
    });
    expect(Object.isFrozen(hook.FUSES)).toBe(true);
  });

  it('sets every V1 fuse explicitly, by its @electron/fuses index', () => {
    const names = Object.keys(fuses.FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    expect(Object.keys(hook.FUSES).sort()).toEqual(names.sort());
    const config = hook.fuseConfig();
    expect(config.version).toBe('1');
    for (const [name, enabled] of Object.entries(hook.FUSES)) {
      expect(config[fuses.FuseV1Options[name as FuseName]], name).toBe(enabled);
    }
  });

  it('GrantFileProtocolExtraPrivileges stays on while the shell loads the renderer with loadFile', () => {
    // With the fuse off, file:// is served by Chromium's plain loader: nothing inside app.asar is
    // readable and module scripts from file:// are blocked, so a loadFile() window stays blank.
    const mainDir = join(root, 'electron/main');
    const sources = readdirSync(mainDir, { recursive: true })
      .map(String)
      .filter((f) => /\.(ts|mts|js|mjs)$/.test(f) && statSync(join(mainDir, f)).isFile())
      .map((f) => readFileSync(join(mainDir, f), 'utf8'));
    const usesLoadFile = sources.some((s) => /\.loadFile\(/.test(s));
    const usesFileUrl = sources.some((s) => /loadURL\([^)]*file:/.test(s) || /pathToFileURL/.test(s));
    if (usesLoadFile || usesFileUrl) expect(hook.FUSES.GrantFileProtocolExtraPrivileges).toBe(true);
    // RunAsNode is off: the shell must not fork Electron as Node.
    for (const s of sources) {
      expect(s).not.toMatch(/ELECTRON_RUN_AS_NODE/);
      expect(s).not.toMatch(/\bfork\(/);
    }
  });
});

describe('afterPack', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** A stand-in Electron binary: junk, the sentinel, wire version 1, 8 fuses in Electron's defaults. */
  function fakeElectron(path: string): void {
    mkdirSync(join(path, '..'), { recursive: true });
    const defaults = '10110001'; // RunAsNode, -, NODE_OPTIONS, inspect on; … GrantFileProtocol on
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.alloc(256, 7),
        Buffer.from(SENTINEL),
        Buffer.from([1, 8]),
        Buffer.from(defaults),
        Buffer.alloc(64, 7),
      ]),
    );
  }
  function wire(path: string): number[] {
    const bin = readFileSync(path);
    const at = bin.indexOf(SENTINEL) + SENTINEL.length;
    expect(bin[at]).toBe(1);
    return [...bin.subarray(at + 2, at + 2 + bin[at + 1]!)];
  }
  const expected = () =>
    (Object.entries(hook.FUSES) as [FuseName, boolean][])
      .sort((a, b) => fuses.FuseV1Options[a[0]] - fuses.FuseV1Options[b[0]])
      .map(([, on]) => (on ? ENABLE : DISABLE));

  const cases: { platform: string; binary: string[]; arch: number }[] = [
    { platform: 'linux', binary: ['waimai-desk'], arch: 1 },
    { platform: 'win32', binary: ['waimai-desk.exe'], arch: 1 },
    // x64 so the test does not need codesign (arm64 re-signs ad hoc on a Mac).
    {
      platform: 'darwin',
      binary: [
        'waimai-desk.app',
        'Contents',
        'Frameworks',
        'Electron Framework.framework',
        'Electron Framework',
      ],
      arch: 1,
    },
  ];
  for (const { platform, binary, arch } of cases) {
    it(`finds the ${platform} binary from the packager context and flips its fuses`, async () => {
      const appOutDir = mkdtempSync(join(tmpdir(), `afterpack-${platform}-`));
      dirs.push(appOutDir);
      const file = join(appOutDir, ...binary);
      fakeElectron(file);
      const context: PackContext = {
        appOutDir,
        electronPlatformName: platform,
        arch,
        packager: {
          appInfo: { productFilename: 'waimai-desk' },
          ...(platform === 'linux' ? { executableName: 'waimai-desk' } : {}),
        },
      };
      expect(hook.electronBinaryPath(context)).toBe(join(appOutDir, binary[0]!));
      await hook.afterPack(context);
      expect(wire(file)).toEqual(expected());
      // @electron/fuses reads back the same wire (what `npx @electron/fuses read` shows).
      const read = await fuses.getCurrentFuseWire(hook.electronBinaryPath(context));
      expect(read[fuses.FuseV1Options.RunAsNode]).toBe(DISABLE);
      expect(read[fuses.FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLE);
    });
  }

  it('refuses a platform it does not know instead of flipping nothing', () => {
    expect(() =>
      hook.electronBinaryPath({
        appOutDir: '/x',
        electronPlatformName: 'beos',
        arch: 1,
        packager: { appInfo: { productFilename: 'w' } },
      }),
    ).toThrow(/beos/);
  });
});
