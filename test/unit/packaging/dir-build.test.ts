// A real electron-builder run, offline: electron-builder.yml packs a Linux unpacked app (`--dir`)
// around a stand-in Electron distribution (a file with the fuse wire, since the real binary cannot
// be downloaded here). Checks what lands in app.asar, the extra resources, and that the afterPack
// hook flipped the fuses in the packed binary. Needs the built app: `npm test` runs
// `npm run build:app` first; run alone without it, the test fails and says so.
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const require = createRequire(import.meta.url);
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const built =
  existsSync(join(root, 'dist/main/main.js')) && existsSync(join(root, 'dist/renderer/index.html'));

interface ElectronBuilder {
  build: (o: { targets: unknown; config: string; projectDir: string }) => Promise<string[]>;
  Platform: { LINUX: { createTarget: (type: string, ...archs: number[]) => unknown } };
  Arch: { x64: number };
}

describe('electron-builder --dir (Linux, stand-in Electron)', () => {
  let work = '';
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('packs only the built app into app.asar, adds tray icons, flips the fuses', async () => {
    if (!built) throw new Error('dist/main or dist/renderer missing: run `npm run build:app` first');
    work = mkdtempSync(join(tmpdir(), 'eb-dir-'));
    const electronDist = join(work, 'electron');
    mkdirSync(electronDist, { recursive: true });
    const fake = Buffer.concat([
      Buffer.alloc(512, 7),
      Buffer.from(SENTINEL),
      Buffer.from([1, 8]),
      Buffer.from('10110001'),
    ]);
    writeFileSync(join(electronDist, 'electron'), fake);
    chmodSync(join(electronDist, 'electron'), 0o755);
    writeFileSync(join(electronDist, 'LICENSE'), 'stand-in');
    writeFileSync(join(electronDist, 'version'), '45.5.0');

    const icons = join(work, 'icons');
    execFileSync(process.execPath, [join(root, 'build/icons/generate.mjs'), icons], { stdio: 'pipe' });

    const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
    const out = join(work, 'out');
    const { build, Platform, Arch } = require('electron-builder') as ElectronBuilder;
    // Overrides written to a config file of their own: an inline config object would be merged
    // with electron-builder.yml (and its arrays concatenated).
    const configFile = join(work, 'electron-builder.test.yml');
    writeFileSync(
      configFile,
      stringify({
        ...config,
        electronDist,
        electronVersion: '45.5.0',
        directories: { output: out, buildResources: 'build' },
        extraResources: [
          { from: join(icons, 'tray'), to: 'tray' },
          { from: join(icons, 'icon.png'), to: 'icon.png' },
        ],
        linux: { ...(config.linux as object), icon: join(icons, 'png') },
      }),
    );
    await build({
      targets: Platform.LINUX.createTarget('dir', Arch.x64),
      projectDir: root,
      config: configFile,
    });

    const app = join(out, 'linux-unpacked');
    const binary = readFileSync(join(app, 'waimai-desk'));
    const at = binary.indexOf(SENTINEL) + SENTINEL.length + 2;
    // RunAsNode, cookies, NODE_OPTIONS, inspect, asar integrity, only-asar, V8 snapshot, file://
    expect(binary.toString('latin1', at, at + 8)).toBe('01001101');

    expect(readdirSync(join(app, 'resources')).sort()).toEqual(['app.asar', 'icon.png', 'tray']);
    expect(readdirSync(join(app, 'resources/tray'))).toContain('tray-blink-16.png');

    const asar = require('@electron/asar') as { listPackage: (p: string) => string[] };
    const files = asar.listPackage(join(app, 'resources/app.asar')).map((p) => p.replaceAll('\\', '/'));
    const own = files.filter((p) => !p.startsWith('/node_modules'));
    expect(own).toContain('/dist/main/main.js');
    expect(own).toContain('/dist/renderer/index.html');
    expect(own).toContain('/package.json');
    expect(own.filter((p) => !/^\/(dist\/(main|renderer)(\/|$)|dist$|package\.json$)/.test(p))).toEqual([]);
    expect(files.filter((p) => /\.map$|\.tsx?$/.test(p) && !p.endsWith('.d.ts'))).toEqual([]);
    expect(files.some((p) => p.startsWith('/node_modules/pino/'))).toBe(true); // main.js loads it at run time
    expect(files.some((p) => /^\/node_modules\/(tsx|esbuild|@esbuild)\//.test(p))).toBe(false);
    expect(
      files.some((p) => /^\/node_modules\/(electron|electron-builder|vitest|typescript)\//.test(p)),
    ).toBe(false);
  }, 120_000);
});
