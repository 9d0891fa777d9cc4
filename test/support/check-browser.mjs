// Runs before `npm test` builds or tests anything: the browser tests drive Debian's Chromium with
// CJK fonts. Missing: installed here when that is allowed (root, apt-get, and CI or
// WAIMAI_INSTALL_BROWSER=1, as .ci/run does); otherwise one line saying what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const INSTALL = 'apt-get install -y chromium fonts-noto-cjk';

function hasCjkFonts() {
  try {
    return /noto sans cjk/i.test(execFileSync('fc-list', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return false;
  }
}

const ready = () => existsSync(CHROMIUM) && hasCjkFonts();

if (!ready()) {
  const mayInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get') && (process.env.CI || process.env.WAIMAI_INSTALL_BROWSER === '1');
  if (mayInstall) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', 'chromium', 'fonts-noto-cjk'], { stdio: 'inherit', env });
  }
  if (!ready()) {
    console.error(`The browser tests need Debian's Chromium and CJK fonts; install them first: ${INSTALL}`);
    process.exit(1);
  }
}
