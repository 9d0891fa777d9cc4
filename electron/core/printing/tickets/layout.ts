/**
 * Small pieces of ReceiptLine layout the templates share: sizes, widths, columns. Everything
 * here takes text that is already escaped (`lit`) or is our own fixed words.
 */
import type { PaperWidth, TicketFontSize } from '../../../../shared/printing.js';

/** Characters a line (ReceiptLine `cpl`): a CJK character takes two. */
export const CPL: Readonly<Record<PaperWidth, number>> = { 58: 32, 80: 48 };

/**
 * A text size as ReceiptLine carets: 0 normal, 2 double height, 3 double both ways, 4 triple,
 * 5 quadruple. (1, double width only, is never used: it squashes Chinese.)
 */
export type Carets = 0 | 2 | 3 | 4 | 5;

/** How many columns one character takes across at a size. */
export function across(c: Carets): number {
  return c === 0 || c === 2 ? 1 : c - 1;
}

/** The ticket's main lines (dishes, the note, the address) at the chosen font size. */
export function mainSize(size: TicketFontSize): Carets {
  return size === 'normal' ? 0 : size === 'large' ? 2 : 3;
}

/** Headlines (the pickup number, 已取消) one or two steps above the main lines. */
export function headSize(size: TicketFontSize): Carets {
  return size === 'normal' ? 3 : size === 'large' ? 4 : 5;
}

/** Columns a text takes at normal size (ReceiptLine's rule for GB18030: ASCII one, the rest two). */
export function columns(text: string): number {
  let n = 0;
  for (const ch of text) n += ch.codePointAt(0)! < 0x80 ? 1 : 2;
  return n;
}

/** The largest size up to `max` at which `text` (unescaped words) fits on one line; at least double. */
export function fit(text: string, max: Carets, cpl: number): Carets {
  let c: Carets = max;
  while (c > 3 && columns(text) * across(c) > cpl) c = (c - 1) as Carets;
  return c;
}

export const caret = (c: Carets): string => '^'.repeat(c);

/** One centred line. */
export const center = (text: string, c: Carets = 0): string => `${caret(c)}${text}`;
/** One left-aligned line. */
export const left = (text: string, c: Carets = 0): string => `|${caret(c)}${text}`;
/** Bold. */
export const bold = (text: string): string => `"${text}"`;
/** White on black. */
export const inverted = (text: string): string => `\`${text}\``;

/** Rows of two columns: `a` on the left (wrapping), `b` on the right in a column `bWidth` wide. */
export function rows(pairs: readonly (readonly [string, string])[], bWidth: number): string[] {
  if (pairs.length === 0) return [];
  return [`{width:*,${bWidth}}`, ...pairs.map(([a, b]) => `|${a} | ${b}|`), '{width:auto}'];
}

/** A left-aligned line indented by two columns; its wrapped lines keep the indent. */
export function indented(text: string, c: Carets = 0): string[] {
  return ['{width:1,*}', `|~|${caret(c)}${text} |`, '{width:auto}'];
}

export const RULE = '-';
