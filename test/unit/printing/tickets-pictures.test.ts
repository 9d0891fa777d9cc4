/**
 * Every ticket's picture (the SVG the settings preview shows) drawn by Chromium: each template at
 * both widths and the test page become real PNGs in test-results/tickets/, to look at.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { sampleOrder } from '../../../electron/core/printing/tickets/index.js';
import { launchChromium, writePictures } from '../../support/escpos/pictures.js';

describe('ticket pictures', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('draws each ticket at 58 and 80 mm as a PNG the width of its paper', async () => {
    const now = new Date('2026-12-02T05:00:00Z');
    const paths = await writePictures(browser, sampleOrder(now), now);
    expect(paths).toHaveLength(8);
    for (const path of paths) {
      const png = await readFile(path);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // IHDR: width at byte 16, height at 20 (twice the pixels, plus 8 px of white each side).
      const width = png.readUInt32BE(16);
      const height = png.readUInt32BE(20);
      expect(width).toBe(path.includes('58') ? (384 + 16) * 2 : (576 + 16) * 2);
      expect(height).toBeGreaterThan(width);
    }
    // Eight pictures in Chromium: seconds on a quiet machine, far more on a shared one.
  }, 120_000);
});
