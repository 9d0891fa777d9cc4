/**
 * Tray images drawn in code (no image files to ship or keep in step with packaging): a
 * 32×32 RGBA PNG, a filled disc in the counter's colour, red with a white centre dot when
 * orders wait. The numeric count is shown by `setTitle` on macOS and in the tooltip elsewhere;
 * a drawn digit at tray size would be unreadable anyway.
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

/** A disc of `fill`, with a centre dot of `dot` when given. */
export function discPng(fill: Rgba, dot?: Rgba): Buffer {
  const rows: Buffer[] = [];
  const c = (SIZE - 1) / 2;
  for (let y = 0; y < SIZE; y++) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
    for (let x = 0; x < SIZE; x++) {
      const d = Math.hypot(x - c, y - c);
      const px = dot && d <= 5 ? dot : d <= 14 ? fill : ([0, 0, 0, 0] as const);
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

export const TRAY_PNGS = {
  idle: discPng([255, 153, 0, 255]),
  waiting: discPng([224, 49, 49, 255], [255, 255, 255, 255]),
  /** The "off" frame of the blink: same size, faint, so the icon does not jump. */
  dim: discPng([224, 49, 49, 70]),
} as const;
