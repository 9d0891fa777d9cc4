// electron-builder.yml, checked without running electron-builder (this machine cannot download
// Electron): names agree with the shell, the four installers with their archs, only run-time
// files packed, the afterPack hook exists, and electron-builder's own schema accepts the file.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APP_ID, EXECUTABLE_NAME, PRODUCT_NAME } from '../../../electron/main/app-info.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);

interface TargetEntry {
  target: string;
  arch?: string[];
}
interface BuilderConfig {
  appId: string;
  productName: string;
  executableName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  extraResources?: { from: string; to: string }[];
  asar: boolean;
  afterPack: string;
  publish: null;
  win: { icon: string; target: TargetEntry[] };
  nsis: Record<string, unknown>;
  mac: { icon: string; category: string; hardenedRuntime: boolean; target: TargetEntry[] };
  linux: { icon: string; category: string; maintainer: string; synopsis: string; target: TargetEntry[] };
}

const configText = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
const config = parse(configText) as BuilderConfig;
const targets = (list: TargetEntry[]) =>
  Object.fromEntries(list.map((t) => [t.target, [...(t.arch ?? [])].sort()]));

describe('electron-builder.yml', () => {
  it('uses the names the running app uses', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(PRODUCT_NAME);
    expect(config.executableName).toBe(EXECUTABLE_NAME);
  });

  it('writes installers to dist/installers and reads packaging inputs from build/', () => {
    expect(config.directories).toEqual({ output: 'dist/installers', buildResources: 'build' });
    expect(config.publish).toBeNull();
    expect(config.asar).toBe(true);
  });

  it('builds NSIS (x64), dmg (x64 + arm64), AppImage and deb (x64)', () => {
    expect(targets(config.win.target)).toEqual({ nsis: ['x64'] });
    expect(targets(config.mac.target)).toEqual({ dmg: ['arm64', 'x64'] });
    expect(targets(config.linux.target)).toEqual({ AppImage: ['x64'], deb: ['x64'] });
  });

  it('NSIS: assisted installer, Chinese + English, Start Menu shortcut (toasts need it)', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      allowToChangeInstallationDirectory: true,
      createStartMenuShortcut: true,
    });
    expect(config.nsis.installerLanguages).toEqual(expect.arrayContaining(['zh_CN', 'en_US']));
  });

  it('macOS: business category, hardened runtime; Linux: Office, maintainer, Chinese synopsis', () => {
    expect(config.mac.category).toBe('public.app-category.business');
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/<.+@.+>/);
    expect(config.linux.synopsis).toContain('外卖接单台');
  });

  it('packs only the built app: dist/main, dist/renderer, package.json — no sources or tests', () => {
    const include = config.files.filter((f) => !f.startsWith('!'));
    expect(include).toEqual(expect.arrayContaining(['dist/main/**', 'dist/renderer/**', 'package.json']));
    for (const pattern of include) {
      expect(pattern).not.toMatch(/^(electron|renderer|shared|test|build|src)\b/);
      expect(pattern).not.toMatch(/\*\*\/\*$|^\*\*$/);
    }
    const exclude = config.files.filter((f) => f.startsWith('!'));
    expect(exclude).toEqual(expect.arrayContaining(['!**/*.map', '!**/*.{ts,tsx,mts,cts}']));
    // Installers do not pack themselves.
    expect(include.some((f) => f.startsWith('dist/installers') || f === 'dist/**')).toBe(false);
  });

  it('afterPack points at an existing CommonJS file exporting the hook', () => {
    expect(config.afterPack).toBe('build/after-pack.cjs');
    const file = join(root, config.afterPack);
    expect(existsSync(file)).toBe(true);
    const hook = require(file) as { afterPack?: unknown; default?: unknown };
    expect(typeof hook.afterPack).toBe('function');
    expect(hook.default).toBe(hook.afterPack);
  });

  it('fuses are flipped in one place only (no electronFuses here as well)', () => {
    expect(config).not.toHaveProperty('electronFuses');
  });

  it("passes electron-builder's own schema validation", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration: (c: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(
      validateConfiguration(structuredClone(config), new DebugLogger(false)),
    ).resolves.toBeUndefined();
    // And the check is real: an unknown key is refused.
    await expect(
      validateConfiguration({ ...structuredClone(config), nonsense: 1 }, new DebugLogger(false)),
    ).rejects.toThrow(/unknown property 'nonsense'/);
  });
});

describe('build/ holds only packaging inputs', () => {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : [relative(root, p)];
    });
  const files = walk(join(root, 'build'));

  it('no TypeScript sources; scripts are plain .mjs/.cjs', () => {
    expect(files.filter((f) => /\.(ts|tsx|mts|cts)$/.test(f))).toEqual([]);
  });

  it('every file is a generator/hook script, an icon, an installer asset or a README', () => {
    const allowed = new Set(['.mjs', '.cjs', '.md', '.png', '.ico', '.icns', '.nsh', '.plist', '.bmp']);
    expect(files.filter((f) => !allowed.has(extname(f)))).toEqual([]);
  });

  it('every script says what it does in a top comment', () => {
    for (const f of files.filter((x) => /\.(mjs|cjs)$/.test(x))) {
      expect(readFileSync(join(root, f), 'utf8'), f).toMatch(/^\/\/ \S/);
    }
  });
});
