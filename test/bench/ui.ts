/**
 * The counter in Chromium (the board under load): time from a signed push to its card in the DOM
 * (p50/p95, against the push's own acknowledgement time measured in the same run), and the
 * board's first render with 2,000 orders of the day (against an empty day), plus frame times
 * while scrolling the busy board.
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { dayIn } from '../../electron/core/config.js';
import type { Order } from '../../shared/order.js';
import { CHROMIUM, launchBrowser, openCounter } from '../support/browser.js';
import { tempDir } from '../support/helpers.js';
import { startServe } from '../support/serve-process.js';
import { writeBusyDay } from './history.js';

export interface UiFigures {
  pushAck: { p50: number; p95: number };
  pushToCard: { p50: number; p95: number };
  renderEmptyMs: number;
  render2000Ms: number;
  scrollFrameP95Ms: number;
  /** The same, on the 新订单 grid of full cards (a few hundred of the 2,000). */
  scrollGridP95Ms: number;
  /** Every round of each (ms), in the order run: the spread says how busy the machine was. */
  renderEmptyRounds: number[];
  render2000Rounds: number[];
  /**
   * The same moment timed inside the page (navigation start → the DOM change that showed every
   * count and the first card), median of the same rounds: without Playwright's own round trips,
   * which the busy day pays more of (it polls until the list is in, then looks up the card).
   */
  pageEmptyMs: number;
  page2000Ms: number;
  /** Bytes of the 2,000-order day: the console's full orders and the board's card form. */
  dayBytes: { full: number; card: number };
}

/** Records when each order card first appears (an init script: the page's CSP forbids eval). */
const SEEN = `
  window.__seen = {};
  new MutationObserver(() => {
    for (const el of document.querySelectorAll('[data-testid="order-card"]')) {
      const key = el.getAttribute('data-order-key');
      if (key && !(key in window.__seen)) window.__seen[key] = Date.now();
    }
  }).observe(document, { childList: true, subtree: true });
`;

type SeenWindow = Window & { __seen: Record<string, number> };

/** Marks, in page time, the first DOM change after which every tab count adds up to __expect and (if any) a card is there. */
const SHOWN = `
  new MutationObserver((_, observer) => {
    const counts = document.querySelectorAll('[data-testid^="tab-count-"]');
    if (counts.length === 0) return;
    let sum = 0;
    for (const e of counts) sum += Number(e.textContent || 0);
    if (sum < window.__expect || (window.__expect > 0 && !document.querySelector('[data-testid="order-card"]'))) return;
    window.__shownAt = performance.now();
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true, characterData: true });
`;

/**
 * Scrolls the longest list for ~2 s and returns frame-to-frame times. Plain JS in an init
 * script: a function from this file would carry the TypeScript runner's helpers into the page.
 */
const SCROLL_FRAMES = `
  window.__scrollFrames = function () {
    return new Promise(function (resolve) {
      var el = document.querySelector('[data-testid="order-card"]');
      while (el && el.scrollHeight <= el.clientHeight + 1) el = el.parentElement;
      var scroller = el || document.scrollingElement || document.body;
      var times = [];
      var last = performance.now();
      var end = last + 2000;
      requestAnimationFrame(function step(now) {
        times.push(now - last);
        last = now;
        scroller.scrollTop += 120;
        if (now < end) requestAnimationFrame(step);
        else resolve(times.slice(1));
      });
    });
  };
`;

const RENDER_ROUNDS = 5;

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function pushToCard(rounds: number): Promise<Pick<UiFigures, 'pushAck' | 'pushToCard'>> {
  const t = await tempDir('waimai-uibench-');
  const serve = await startServe(['--sandbox', '--data-dir', t.dir, '--demo-interval', '0']);
  const browser = await launchBrowser();
  try {
    await serve.rpc('updateStoreSettings', 'demo-store-1', { autoAccept: false });
    const { context, page } = await openCounter(browser, serve.ready.console, serve.ready.token, [SEEN]);
    const acks: number[] = [];
    const cards: number[] = [];
    let known = new Set<string>();
    for (let i = 0; i < rounds; i++) {
      const t0 = Date.now();
      await serve.rpc('simulate', 'new-order'); // resolves when the platform got {"data":"OK"}
      acks.push(Date.now() - t0);
      const { orders } = await serve.api<{ orders: Order[] }>('/api/orders');
      const key = orders.map((o) => o.key).find((k) => !known.has(k))!;
      known = new Set(orders.map((o) => o.key));
      const seenAt = await page.waitForFunction((k) => (window as unknown as SeenWindow).__seen[k], key);
      cards.push(((await seenAt.jsonValue()) as number) - t0);
      // Staff accept it, as at the counter: 新订单 lists the oldest first, and a pile of
      // waiting orders would push the next card below the virtualized list's window.
      await serve.rpc('accept', key);
    }
    await context.close();
    return { pushAck: { p50: pct(acks, 50), p95: pct(acks, 95) }, pushToCard: { p50: pct(cards, 50), p95: pct(cards, 95) } };
  } finally {
    await browser.close();
    await serve.stop();
    await t.cleanup();
  }
}

/** Navigation → every tab count shown and the first cards painted (scroll frames on the 2,000 only once). */
async function renderBoard(orders: number): Promise<{ ms: number; pageMs: number; scrollP95: number; gridP95: number; bytes: { full: number; card: number } }> {
  const t = await tempDir('waimai-uibench-');
  await writeBusyDay(t.dir, dayIn(Intl.DateTimeFormat().resolvedOptions().timeZone, new Date()), orders);
  const serve = await startServe(['--sandbox', '--data-dir', t.dir, '--demo-interval', '0']);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
    await context.addInitScript(SCROLL_FRAMES);
    await context.addInitScript(`window.__expect = ${orders};${SHOWN}`);
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(`${serve.ready.console}/?token=${serve.ready.token}`);
    await page.waitForFunction((n) => [...document.querySelectorAll('[data-testid^="tab-count-"]')].reduce((s, e) => s + Number(e.textContent || 0), 0) >= n, orders, {
      timeout: 60_000,
    });
    if (orders > 0) await page.locator('[data-testid="order-card"]').first().waitFor();
    const ms = Date.now() - t0;
    const pageMs = await page.waitForFunction(() => (window as unknown as { __shownAt?: number }).__shownAt).then((h) => h.jsonValue() as Promise<number>);
    const gridP95 = orders > 0 ? await scrollFrames(page, 'new') : NaN;
    const scrollP95 = orders > 0 ? await scrollFrames(page, 'completed') : NaN;
    await context.close();
    const bytes = { full: await bodyBytes(serve, '/api/orders'), card: await bodyBytes(serve, '/api/orders?view=card') };
    return { ms, pageMs, scrollP95, gridP95, bytes };
  } finally {
    await browser.close();
    await serve.stop();
    await t.cleanup();
  }
}

async function bodyBytes(serve: Awaited<ReturnType<typeof startServe>>, path: string): Promise<number> {
  const res = await fetch(serve.ready.console + path, { headers: { authorization: `Bearer ${serve.ready.token}` } });
  return (await res.arrayBuffer()).byteLength;
}

/** Scroll one tab's list (已完成 is the longest) for ~2 s and collect frame-to-frame times. */
async function scrollFrames(page: Page, tab: 'new' | 'completed'): Promise<number> {
  await page.getByTestId(`tab-${tab}`).click();
  await page.locator('[data-testid="order-card"]').first().waitFor();
  const frames = await page.evaluate(() => (window as unknown as { __scrollFrames(): Promise<number[]> }).__scrollFrames());
  return pct(frames, 95);
}

export async function uiBench(): Promise<UiFigures | null> {
  if (!existsSync(CHROMIUM)) return null;
  const push = await pushToCard(40);
  // Median of five each, alternating: one slow start on a busy machine must not make the ratio.
  const empties: Awaited<ReturnType<typeof renderBoard>>[] = [];
  const busies: Awaited<ReturnType<typeof renderBoard>>[] = [];
  for (let i = 0; i < RENDER_ROUNDS; i++) {
    empties.push(await renderBoard(0));
    busies.push(await renderBoard(2000));
  }
  const median = <T extends { ms: number }>(xs: T[]): T => [...xs].sort((a, b) => a.ms - b.ms)[Math.floor(xs.length / 2)]!;
  const empty = median(empties);
  const busy = median(busies);
  const pageMedian = (xs: { pageMs: number }[]): number => [...xs].map((x) => x.pageMs).sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    ...push,
    renderEmptyMs: empty.ms,
    render2000Ms: busy.ms,
    scrollFrameP95Ms: busy.scrollP95,
    scrollGridP95Ms: busy.gridP95,
    renderEmptyRounds: empties.map((r) => r.ms),
    render2000Rounds: busies.map((r) => r.ms),
    pageEmptyMs: pageMedian(empties),
    page2000Ms: pageMedian(busies),
    dayBytes: busy.bytes,
  };
}
