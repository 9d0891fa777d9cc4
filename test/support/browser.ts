/**
 * Debian's Chromium driven by playwright-core (no browser download here), against a real
 * `serve --sandbox`. Sound is spied on at the HTMLMediaElement level: what a person would hear.
 */
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { tempDir } from './helpers.js';
import { startServe, type ServeProcess } from './serve-process.js';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const SHOTS_DIR = 'test-results/screenshots';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // The counter must ring without a click (docs/counter-lessons.md: autoplay blocked until a click).
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/** Counts of media play()/pause() calls, recorded in the page. */
export interface SoundLog {
  plays: string[];
  pauses: number;
}

const SPY = `
  window.__sound = { plays: [], pauses: 0 };
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () {
    window.__sound.plays.push(this.currentSrc || this.src);
    // Do not depend on the machine having an audio device: pretend it played.
    return play.call(this).catch(() => undefined);
  };
  const pause = HTMLMediaElement.prototype.pause;
  HTMLMediaElement.prototype.pause = function () {
    window.__sound.pauses++;
    return pause.call(this);
  };
`;

export async function openCounter(
  browser: Browser,
  consoleUrl: string,
  token: string,
  initScripts: string[] = [],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 820 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  // Init scripts run before the page's own code and are not subject to its CSP.
  for (const script of [SPY, ...initScripts]) await context.addInitScript(script);
  // Fail a step with the locator's name well before the test's own timeout.
  context.setDefaultTimeout(12_000);
  const page = await context.newPage();
  await page.goto(`${consoleUrl}/?token=${token}`);
  await page.getByTestId('status-bar').waitFor();
  return { context, page };
}

export function soundLog(page: Page): Promise<SoundLog> {
  return page.evaluate(() => (window as unknown as { __sound: SoundLog }).__sound);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SHOTS_DIR, { recursive: true });
  const path = `${SHOTS_DIR}/${name}.png`;
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** `serve --sandbox` on a fresh data folder with the counter open in Chromium: the browser tests' setting. */
export interface CounterSession {
  serve: ServeProcess;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * The demo's made-up orders are the same on every run: a layout check that counts whole cards
 * sees the same dishes and notes each time, not an unlucky draw of four-dish pre-orders.
 */
const SANDBOX_SEED = '20261202';

/** `seed` runs on the empty data folder before `serve` starts (orders, promoter names on disk). */
export async function startCounterSession(seed?: (dataDir: string) => Promise<void>): Promise<CounterSession> {
  const t = await tempDir('waimai-e2e-');
  await seed?.(t.dir);
  const serve = await startServe(['--sandbox', '--data-dir', t.dir, '--demo-interval', '0'], undefined, { WAIMAI_SANDBOX_SEED: SANDBOX_SEED });
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const { context, page } = await openCounter(browser, serve.ready.console, serve.ready.token);
    const b = browser;
    return {
      serve,
      context,
      page,
      async close() {
        // Whatever fails in here, serve is stopped and the folder removed.
        try {
          await context.close();
          await b.close();
        } finally {
          await serve.stop();
          await t.cleanup();
        }
      },
    };
  } catch (err) {
    // No session to close later: leave no browser or serve behind the failed start.
    await browser?.close().catch(() => undefined);
    await serve.stop();
    await t.cleanup();
    throw err;
  }
}
