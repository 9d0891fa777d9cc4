#!/usr/bin/env node
// `npm start`: the desktop app. On a machine where the Electron binary could not be installed
// (no download allowed, as on CI and some shop networks) say so plainly and point to the
// headless mode, which runs the same core with the UI in a browser.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function electronBinary() {
  // Reading electron's own path.txt instead of `require('electron')`: requiring it starts a
  // download when the binary is missing.
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(pkgDir, 'path.txt');
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : 'electron';
    const p = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, name);
    return existsSync(p) ? p : null;
  }
  if (!existsSync(pathFile)) return null;
  const p = join(pkgDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(p) ? p : null;
}

const binary = electronBinary();
const main = join(root, 'dist', 'main', 'main.js');
if (!binary) {
  process.stderr.write(
    [
      '',
      '  外卖接单台 waimai-desk: the Electron binary is not installed on this machine,',
      '  so the desktop window cannot open here.',
      '',
      '  Run the same app with the UI in your browser instead:',
      '',
      '      npm run serve',
      '',
      '  and open the address it prints. (To get the desktop app, install on a machine that may',
      '  download Electron, or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron.)',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
if (!existsSync(main) || !existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
  // First start from a fresh checkout: build the window and the shell (`npm run build:app`).
  process.stderr.write('waimai-desk: building the desktop app first (npm run build:app)…\n');
  const built = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build:app'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (built.status !== 0 || !existsSync(main)) {
    process.stderr.write('waimai-desk: the build failed; fix it and run `npm run build:app`, or use `npm run serve`.\n');
    process.exit(1);
  }
}
const child = spawn(binary, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
