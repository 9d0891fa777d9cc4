// build/icons/generate.mjs run as `npm run dist` runs it (into a temp dir), and every file it
// writes decoded back: PNG chunks and pixels, ICO directory, ICNS entries.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface Png {
  width: number;
  height: number;
  /** RGBA after undoing the row filters. */
  pixel: (x: number, y: number) => [number, number, number, number];
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** A small PNG decoder for what the generator writes: 8-bit RGBA, any row filter. */
function decodePng(buf: Buffer): Png {
  expect(buf.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  let at = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  const seen: string[] = [];
  while (at < buf.length) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    seen.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([data[8], data[9], data[12]]).toEqual([8, 6, 0]); // 8-bit, RGBA, not interlaced
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  expect(seen[0]).toBe('IHDR');
  expect(seen.at(-1)).toBe('IEND');
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  expect(raw.length).toBe((stride + 1) * height);
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    if (filter > 4) throw new Error(`PNG row ${y}: unknown filter ${filter}`);
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? out[y * stride + x - 4]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4]! : 0;
      const pred =
        filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
      out[y * stride + x] = (v + pred) & 0xff;
    }
  }
  return {
    width,
    height,
    pixel: (x, y) => {
      const o = (y * width + x) * 4;
      return [out[o]!, out[o + 1]!, out[o + 2]!, out[o + 3]!];
    },
  };
}

let dir = '';
const read = (rel: string) => readFileSync(join(dir, rel));

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'icons-'));
  execFileSync(process.execPath, [join(root, 'build/icons/generate.mjs'), dir], { stdio: 'pipe' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generated icons', () => {
  const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

  it.each(sizes)('png/<%i>.png is a valid PNG of that size: opaque glyph, transparent corner', (size) => {
    const png = decodePng(read(`png/${size}x${size}.png`));
    expect([png.width, png.height]).toEqual([size, size]);
    expect(png.pixel(0, 0)[3]).toBeLessThan(128); // rounded corner
    const centre = png.pixel(size >> 1, size >> 1);
    expect(centre[3]).toBe(255);
    // Warm: red ≥ green ≥ blue somewhere in the background; white glyph somewhere.
    let orange = 0;
    let white = 0;
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) {
        const [r, g, b, a] = png.pixel(x, y);
        if (a === 255 && r > 230 && g > 90 && g < 200 && b < 90) orange++;
        if (a === 255 && r > 245 && g > 240 && b > 230) white++;
      }
    expect(orange / size ** 2).toBeGreaterThan(0.25);
    expect(white / size ** 2).toBeGreaterThan(0.1);
  });

  it('icon.png is the 512 PNG', () => {
    expect(read('icon.png').equals(read('png/512x512.png'))).toBe(true);
  });

  it('icon.ico: 16…256 entries, BMP below 256, PNG at 256, sizes match the images', () => {
    const ico = read('icon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const found: number[] = [];
    for (let n = 0; n < count; n++) {
      const e = 6 + n * 16;
      const size = ico[e] === 0 ? 256 : ico[e]!;
      expect(ico[e + 1] === 0 ? 256 : ico[e + 1]).toBe(size);
      expect(ico.readUInt16LE(e + 6)).toBe(32);
      const length = ico.readUInt32LE(e + 8);
      const offset = ico.readUInt32LE(e + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      const image = ico.subarray(offset, offset + length);
      if (image.subarray(0, 8).equals(PNG_SIGNATURE)) {
        expect(size).toBe(256);
        expect(decodePng(image).width).toBe(256);
      } else {
        expect(image.readUInt32LE(0)).toBe(40); // BITMAPINFOHEADER
        expect(image.readInt32LE(4)).toBe(size);
        expect(image.readInt32LE(8)).toBe(size * 2); // XOR + AND masks
        expect(image.readUInt16LE(14)).toBe(32);
        const mask = Math.ceil(size / 32) * 4 * size;
        expect(length).toBe(40 + size * size * 4 + mask);
      }
      found.push(size);
    }
    expect(found).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('icon.icns: header length = file length, PNG entries ic07–ic14 at their sizes', () => {
    const icns = read('icon.icns');
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const entries: Record<string, number> = {};
    for (let at = 8; at < icns.length;) {
      const type = icns.toString('latin1', at, at + 4);
      const len = icns.readUInt32BE(at + 4);
      expect(len).toBeGreaterThan(8);
      const png = decodePng(icns.subarray(at + 8, at + len));
      expect(png.height).toBe(png.width);
      entries[type] = png.width;
      at += len;
    }
    expect(entries).toEqual({
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic10: 1024,
      ic11: 32,
      ic12: 64,
      ic13: 256,
      ic14: 512,
    });
  });

  it('tray images: normal and blink at 16 and 32, macOS template black + alpha', () => {
    for (const size of [16, 32]) {
      const normal = decodePng(read(`tray/tray-${size}.png`));
      const blink = decodePng(read(`tray/tray-blink-${size}.png`));
      expect([normal.width, blink.width]).toEqual([size, size]);
      // The blink frame is visibly different: redder background.
      const [r1, g1] = normal.pixel(size >> 2, size >> 2);
      const [r2, g2] = blink.pixel(size >> 2, size >> 2);
      expect(g2).toBeLessThan(g1 - 40);
      expect(r2).toBeGreaterThan(150);
      expect(r1).toBeGreaterThan(150);
    }
    for (const [file, size] of [
      ['tray/trayTemplate.png', 16],
      ['tray/trayTemplate@2x.png', 32],
    ] as const) {
      const t = decodePng(read(file));
      expect(t.width).toBe(size);
      let opaque = 0;
      for (let y = 0; y < size; y++)
        for (let x = 0; x < size; x++) {
          const [r, g, b, a] = t.pixel(x, y);
          if (a > 0) expect([r, g, b]).toEqual([0, 0, 0]);
          if (a === 255) opaque++;
        }
      expect(opaque).toBeGreaterThan(size * size * 0.15);
    }
  });

  it('every icon path electron-builder.yml names is one the generator writes', () => {
    const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
      win: { icon: string };
      mac: { icon: string };
      linux: { icon: string };
      nsis: { installerIcon: string; uninstallerIcon: string };
      extraResources: { from: string }[];
    };
    const named = [
      config.win.icon,
      config.mac.icon,
      config.linux.icon,
      config.nsis.installerIcon,
      config.nsis.uninstallerIcon,
      ...config.extraResources.map((r) => r.from),
    ];
    for (const p of named) {
      expect(p.startsWith('build/icons/'), p).toBe(true);
      // Present in the generator's output (build/icons/ ↔ the temp dir); folders not empty.
      const out = join(dir, p.slice('build/icons/'.length));
      expect(existsSync(out), p).toBe(true);
      if (statSync(out).isDirectory()) expect(readdirSync(out).length, p).toBeGreaterThan(0);
    }
  });
});
