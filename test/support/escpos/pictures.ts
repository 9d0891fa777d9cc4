/**
 * Ticket pictures: each ticket's SVG drawn by Chromium into a PNG, to look at (a cook must read
 * the kitchen ticket across the room). `npx tsx test/support/escpos/pictures.ts` writes them all
 * to test-results/tickets/; the pictures test does the same and checks each is a real image.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { DEFAULT_PRINTING } from '../../../electron/core/printing/schemas.js';
import { renderTestPage, renderTicket, sampleOrder } from '../../../electron/core/printing/tickets/index.js';
import type { Order } from '../../../shared/order.js';
import { PAPER_WIDTHS, TICKET_KINDS } from '../../../shared/printing.js';

export const TICKETS_DIR = 'test-results/tickets';

/**
 * Debian's Chromium, launched as the browser tests do (test/support/browser.ts, which is typed
 * for the page side and so is not imported here).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** One SVG to PNG bytes, on white, at twice the pixels (a thermal head is 203 dpi; this is close to it at 80 mm). */
export async function svgToPng(browser: Browser, svg: string): Promise<Buffer> {
  const page = await browser.newPage({ deviceScaleFactor: 2, viewport: { width: 700, height: 400 } });
  try {
    await page.setContent(`<!doctype html><html><body style="margin:0;background:#888"><div style="display:inline-block;padding:16px 8px;background:#fff">${svg}</div></body></html>`);
    return await page.locator('div').first().screenshot({ type: 'png' });
  } finally {
    await page.close();
  }
}

/** Every ticket kind at both widths for `order` (plus the test page), written as PNGs; returns the paths. */
export async function writePictures(browser: Browser, order: Order, now: Date, dir = TICKETS_DIR): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const kind of TICKET_KINDS) {
    for (const width of PAPER_WIDTHS) {
      const r = renderTicket(order, kind, { width, settings: DEFAULT_PRINTING[kind], storeName: '湘北人家(人民南路店)', timeZone: 'Asia/Shanghai', now });
      const path = join(dir, `${kind}-${width}.png`);
      await writeFile(path, await svgToPng(browser, r.svg));
      written.push(path);
    }
  }
  for (const width of PAPER_WIDTHS) {
    const path = join(dir, `test-page-${width}.png`);
    await writeFile(path, await svgToPng(browser, renderTestPage('后厨', width, { now, timeZone: 'Asia/Shanghai' }).svg));
    written.push(path);
  }
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const browser = await launchChromium();
  try {
    const now = new Date();
    for (const p of await writePictures(browser, sampleOrder(now), now)) console.log(p);
  } finally {
    await browser.close();
  }
}
