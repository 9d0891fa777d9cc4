/**
 * Tray images drawn in code (no image files to ship or keep in step with packaging): a
 * 32×32 RGBA PNG, a filled disc in the counter's colour, red with a white centre dot when
 * orders wait, with the count drawn on it (1–99, then 99+ as "99"): on Windows and Linux the
 * tray has no text beside the icon, and the icon is what staff glance at. macOS also gets the
 * count as the menu-bar title.
 */
import { deflateSync } from 'node:zlib';

const SIZE = 32;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

type Rgba = readonly [number, number, number, number];

/** 3×5 pixel digits, one string per row ('#' = ink): legible at tray size when doubled. */
const DIGITS: Record<string, readonly string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '###', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '..#', '..#', '..#'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
};
/** Pixels of `text` drawn centred in the icon: one digit tripled, two doubled, a blank column between. */
function inkOf(text: string): Set<number> {
  const SCALE = text.length === 1 ? 3 : 2;
  const ink = new Set<number>();
  const width = (text.length * 4 - 1) * SCALE;
  const left = Math.floor((SIZE - width) / 2);
  const top = Math.floor((SIZE - 5 * SCALE) / 2);
  [...text].forEach((ch, i) => {
    (DIGITS[ch] ?? []).forEach((row, r) => {
      [...row].forEach((cell, col) => {
        if (cell !== '#') return;
        for (let dy = 0; dy < SCALE; dy++)
          for (let dx = 0; dx < SCALE; dx++) ink.add((top + r * SCALE + dy) * SIZE + left + (i * 4 + col) * SCALE + dx);
      });
    });
  });
  return ink;
}

/** A disc of `fill`, with a centre dot of `dot`, or `text` (digits) in `dot`'s colour, when given. */
export function discPng(fill: Rgba, dot?: Rgba, text?: string): Buffer {
  const rows: Buffer[] = [];
  const c = (SIZE - 1) / 2;
  const ink = text ? inkOf(text) : null;
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
    for (let x = 0; x < SIZE; x++) {
      const d = Math.hypot(x - c, y - c);
      const mark = ink ? ink.has(y * SIZE + x) : d <= 5;
      const px = dot && mark ? dot : d <= 14 ? fill : ([0, 0, 0, 0] as const);
      row.set(px, 1 + x * 4);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const countPngs = new Map<number, Buffer>();

/** The red "orders waiting" icon with the count on it (cached: counts repeat all day). */
export function waitingPng(count: number): Buffer {
  const n = Math.min(Math.max(1, Math.floor(count)), 99);
  let png = countPngs.get(n);
  if (!png) {
    png = discPng([224, 49, 49, 255], [255, 255, 255, 255], String(n));
    countPngs.set(n, png);
  }
  return png;
}

export const TRAY_PNGS = {
  idle: discPng([255, 153, 0, 255]),
  /** The "off" frame of the blink: same size, faint, so the icon does not jump. */
  dim: discPng([224, 49, 49, 70]),
} as const;
