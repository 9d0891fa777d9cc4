/**
 * Layout facts a person at the counter would notice, measured in the page: a row of controls
 * that is really one row, nothing covering anything, no label squeezed into one character per
 * line, no text cut off, type big enough to read at arm's length. Each returns what is wrong
 * (empty when all is well), so a failure names the element.
 */
import type { Page } from 'playwright-core';

export interface RowReport {
  /** Boxes that do not share one horizontal line with the others. */
  offRow: string[];
  overlaps: string[];
  /** Off the window or outside the row's own box. */
  outside: string[];
  /** The row's height, and its tallest box: a row that wrapped is much taller than its tallest box. */
  height: number;
  tallest: number;
}

/**
 * The boxes matched by `boxes` inside `root` form one row: a single horizontal line crosses
 * every one, none overlaps another, all inside the window and the root.
 */
export function rowLayout(page: Page, root: string, boxes: string): Promise<RowReport> {
  return page.evaluate(
    ({ root, boxes }) => {
      const rootEl = document.querySelector(root);
      if (!rootEl) throw new Error(`no ${root}`);
      const rr = rootEl.getBoundingClientRect();
      const name = (el: Element): string =>
        `${el.tagName.toLowerCase()}.${String(el.className).trim().split(/\s+/).join('.')} "${(el.textContent ?? '').trim().slice(0, 24)}"`;
      const all = [...rootEl.querySelectorAll(boxes)]
        .map((el) => ({ el, r: el.getBoundingClientRect() }))
        // Drawn boxes only (a label kept for screen readers is 1 px).
        .filter((b) => b.r.width > 2 && b.r.height > 2);
      const overlaps: string[] = [];
      for (let i = 0; i < all.length; i++) {
        for (let j = i + 1; j < all.length; j++) {
          const a = all[i]!;
          const b = all[j]!;
          if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
          if (
            a.r.left < b.r.right - 0.5 &&
            b.r.left < a.r.right - 0.5 &&
            a.r.top < b.r.bottom - 0.5 &&
            b.r.top < a.r.bottom - 0.5
          ) {
            overlaps.push(`${name(a.el)} × ${name(b.el)}`);
          }
        }
      }
      const lowestTop = Math.max(...all.map((b) => b.r.top));
      const highestBottom = Math.min(...all.map((b) => b.r.bottom));
      const line = (lowestTop + highestBottom) / 2;
      const offRow = all.filter((b) => !(b.r.top <= line && b.r.bottom >= line)).map((b) => name(b.el));
      const outside = all
        .filter(
          (b) =>
            b.r.left < Math.max(0, rr.left) - 0.5 ||
            b.r.right > Math.min(window.innerWidth, rr.right) + 0.5 ||
            b.r.bottom > window.innerHeight + 0.5,
        )
        .map((b) => name(b.el));
      return {
        offRow,
        overlaps,
        outside,
        height: rr.height,
        tallest: Math.max(...all.map((b) => b.r.height)),
      };
    },
    { root, boxes },
  );
}

/**
 * Text squeezed into a column one character wide (the vertical Chinese a too-narrow box makes),
 * anywhere on screen: a text of two or more characters laid out on two or more lines, none
 * of them wider than about one character.
 */
export function verticalText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').replace(/\s+/g, '');
      if (text.length < 2) continue;
      const parent = node.parentElement;
      if (!parent) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter(
        (r) => r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight,
      );
      const lines = new Map<number, number>();
      for (const r of rects) {
        const top = Math.round(r.top);
        lines.set(top, Math.max(lines.get(top) ?? 0, r.width));
      }
      if (lines.size < 2) continue;
      const em = parseFloat(getComputedStyle(parent).fontSize);
      if ([...lines.values()].every((w) => w <= em * 1.6)) found.push(text.slice(0, 24));
    }
    return found;
  });
}

/**
 * Text cut off: an element under `root` whose content is wider than its box (an ellipsis, or
 * overflow hidden). `selector` narrows what is checked; `allowed` names boxes that cut on
 * purpose (a long street address on a card: the whole one is in the detail view).
 */
export function cutText(page: Page, root: string, selector = '*', allowed: string[] = []): Promise<string[]> {
  return page.evaluate(
    ({ root, selector, allowed }) => {
      const out: string[] = [];
      for (const rootEl of document.querySelectorAll(root)) {
        for (const el of rootEl.querySelectorAll<HTMLElement>(selector)) {
          if (el.matches('input, select, textarea, svg, svg *')) continue;
          if (allowed.some((a) => el.matches(a))) continue;
          const r = el.getBoundingClientRect();
          if (r.width <= 2 || r.bottom < 0 || r.top > window.innerHeight) continue;
          const style = getComputedStyle(el);
          if (style.overflowX === 'visible' && style.textOverflow !== 'ellipsis') continue;
          if (el.scrollWidth > el.clientWidth + 1) {
            out.push(`${String(el.className)} "${(el.textContent ?? '').trim().slice(0, 30)}"`);
          }
        }
      }
      return out;
    },
    { root, selector, allowed },
  );
}

/** Placeholders of text boxes longer than the box shows (「取餐号/手机尾号/姓…」). */
export function cutPlaceholders(page: Page, root: string): Promise<string[]> {
  return page.evaluate((root) => {
    const out: string[] = [];
    const canvas = document.createElement('canvas').getContext('2d')!;
    for (const input of document.querySelectorAll<HTMLInputElement>(`${root} input[placeholder]`)) {
      const style = getComputedStyle(input);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (canvas.measureText(input.placeholder).width > room + 1) out.push(input.placeholder);
    }
    return out;
  }, root);
}

/** Elements under `root` matching `selector` drawn smaller than `minPx`. */
export function smallText(page: Page, root: string, selector: string, minPx: number): Promise<string[]> {
  return page.evaluate(
    ({ root, selector, minPx }) =>
      [...document.querySelectorAll(`${root} ${selector}`)]
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 2 && r.top < window.innerHeight && parseFloat(getComputedStyle(el).fontSize) < minPx;
        })
        .map((el) => `${String(el.className)} ${getComputedStyle(el).fontSize} "${(el.textContent ?? '').slice(0, 20)}"`),
    { root, selector, minPx },
  );
}

/** Cards whose whole box is inside the order list's visible area (not cut by header or edge). */
export function wholeCards(page: Page): Promise<number> {
  return page.evaluate(() => {
    const list = document.querySelector('.order-list')!.getBoundingClientRect();
    const bottom = Math.min(list.bottom, window.innerHeight);
    return [...document.querySelectorAll('[data-testid="order-card"]')].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= list.top - 0.5 && r.bottom <= bottom + 0.5 && r.left >= list.left && r.right <= list.right;
    }).length;
  });
}

/** Switch the UI language on the settings page, then come back to the board. */
export async function setLanguage(page: Page, lang: 'zh-CN' | 'en'): Promise<void> {
  await page.locator('.app-nav .nav-tab-settings').click();
  await page.getByTestId('language').selectOption(lang);
  await page.locator('.app-nav .nav-tab').first().click();
  await page.getByTestId('board').waitFor();
}
