/**
 * The counter in Chromium (the board under load): time from a signed push to its card in the DOM
 * (p50/p95, against the push's own acknowledgement time measured in the same run), and the
 * board's first render with 2,000 orders of the day (against an empty day), plus frame times
 * while scrolling the busy board.
 */
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { dayIn } from '../../electron/core/config.js';
import { SANDBOX_TIME_ZONE } from '../../electron/headless/cli.js';
import type { Order } from '../../shared/order.js';
import { CHROMIUM, launchBrowser, openCounter } from '../support/browser.js';
import { tempDir } from '../support/helpers.js';
import { startServe } from '../support/serve-process.js';
import { writeBusyDay } from './history.js';

export interface UiFigures {
  pushAck: { p50: number; p95: number };
  pushToCard: { p50: number; p95: number };
  /**
   * First render (median of the rounds): navigation start → the board is usable, timed inside the
   * page by the same code for both days (`USABLE`): today's list loaded, every tab count shown,
   * the first card (an empty day: the empty tab's words) in the DOM, and that frame painted.
   */
  renderEmptyMs: number;
  render2000Ms: number;
  scrollFrameP95Ms: number;
  /** The same, on the 新订单 grid of full cards (a few hundred of the 2,000). */
  scrollGridP95Ms: number;
  /** Every round of each (ms), in the order run: the spread says how busy the machine was. */
  renderEmptyRounds: number[];
  render2000Rounds: number[];
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

/**
 * The first-render measure, one code path for both days, set up before the page's own code runs
 * (an init script) and read back afterwards: no Playwright round trip is inside the time. It
 * records `performance.now()` (ms since navigation start) once the board is usable:
 *   - today's list is in (the board is no longer `aria-busy`),
 *   - the tab counts add up to the day's orders (`__expect`),
 *   - the first card is in the DOM (an empty day: the empty tab's words),
 *   - and that DOM has been laid out and painted: a MutationObserver sees the change, then the
 *     time is taken in a task after the next animation frame (after its paint).
 */
const USABLE = `
  new MutationObserver((_, observer) => {
    const board = document.querySelector('[data-testid="board"]');
    if (!board || board.getAttribute('aria-busy') === 'true') return;
    const counts = document.querySelectorAll('[data-testid^="tab-count-"]');
    if (counts.length === 0) return;
    let sum = 0;
    for (const e of counts) sum += Number(e.textContent || 0);
    if (sum < window.__expect) return;
    if (!document.querySelector(window.__expect > 0 ? '[data-testid="order-card"]' : '.order-list-empty')) return;
    observer.disconnect();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (window.__usableAt = performance.now());
      channel.port2.postMessage(null);
    });
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-busy'] });
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

/** Navigation → the board usable (`USABLE`); scroll frames and bytes on request (the 2,000 once). */
async function renderBoard(orders: number, extras: boolean): Promise<{ ms: number; scrollP95: number; gridP95: number; bytes: { full: number; card: number } }> {
  const t = await tempDir('waimai-uibench-');
  // Today as serve --sandbox keeps it (its default zone), not this machine's: they differ part of each day.
  await writeBusyDay(t.dir, dayIn(SANDBOX_TIME_ZONE, new Date()), orders);
  const serve = await startServe(['--sandbox', '--data-dir', t.dir, '--demo-interval', '0']);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
    await context.addInitScript(SCROLL_FRAMES);
    await context.addInitScript(`window.__expect = ${orders};${USABLE}`);
    const page = await context.newPage();
    await page.goto(`${serve.ready.console}/?token=${serve.ready.token}`);
    const ms = await page
      .waitForFunction(() => (window as unknown as { __usableAt?: number }).__usableAt, undefined, { timeout: 60_000 })
      .then((h) => h.jsonValue() as Promise<number>);
    const gridP95 = extras ? await scrollFrames(page, 'new') : NaN;
    const scrollP95 = extras ? await scrollFrames(page, 'completed') : NaN;
    await context.close();
    const bytes = extras ? { full: await bodyBytes(serve, '/api/orders'), card: await bodyBytes(serve, '/api/orders?view=card') } : { full: NaN, card: NaN };
    return { ms, scrollP95, gridP95, bytes };
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

/**
 * The board's first render, an empty day against 2,000 orders: `rounds` of each, alternating, so
 * a slow spell of a busy machine falls on both. Medians; every round is kept.
 */
export async function firstRenderBench(rounds = RENDER_ROUNDS, extras = true): Promise<Omit<UiFigures, 'pushAck' | 'pushToCard'>> {
  const empties: number[] = [];
  const busies: Awaited<ReturnType<typeof renderBoard>>[] = [];
  for (let i = 0; i < rounds; i++) {
    empties.push((await renderBoard(0, false)).ms);
    busies.push(await renderBoard(2000, extras && i === 0));
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return {
    renderEmptyMs: median(empties),
    render2000Ms: median(busies.map((b) => b.ms)),
    scrollFrameP95Ms: busies[0]!.scrollP95,
    scrollGridP95Ms: busies[0]!.gridP95,
    renderEmptyRounds: empties.map((x) => Math.round(x)),
    render2000Rounds: busies.map((b) => Math.round(b.ms)),
    dayBytes: busies[0]!.bytes,
  };
}

export async function uiBench(): Promise<UiFigures | null> {
  if (!existsSync(CHROMIUM)) return null;
  const push = await pushToCard(40);
  return { ...push, ...(await firstRenderBench()) };
}
