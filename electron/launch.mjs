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
    'waimai-desk: the Electron binary is not installed on this machine, so the desktop window cannot open here — run `npm run serve` and open the address it prints (same app, UI in your browser).\n',
  );
  process.exit(1);
}
// Build the window and the shell each start, so the app never runs a stale bundle (a few seconds).
const built = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build:app'], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (built.status !== 0 || !existsSync(main)) {
  process.stderr.write('waimai-desk: building the desktop app failed (see above); fix it, or use `npm run serve`.\n');
  process.exit(1);
}
const child = spawn(binary, [main, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
