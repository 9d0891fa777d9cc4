/**
 * The test ESC/POS reader on hand-made bytes: if it misreads, every ticket test above it would
 * prove nothing.
 */
import { describe, expect, it } from 'vitest';
import { decodeEscPos, findLine } from '../../support/escpos/decode.js';

const bytes = (...parts: (string | number[] | Uint8Array)[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const ESC = '\x1b';
const GS = '\x1d';
const FS = '\x1c';

describe('decodeEscPos', () => {
  it('reads GB18030 text in Chinese mode, two-byte and four-byte characters alike', () => {
    // 中 = D6 D0, 𠮷 = 95 34 B2 35 (four bytes), then ASCII.
    const d = decodeEscPos(bytes(`${ESC}@${FS}&`, [0xd6, 0xd0, 0x95, 0x34, 0xb2, 0x35], 'ok\n'));
    expect(d.lines.map((l) => l.text)).toEqual(['中𠮷ok']);
  });

  it('reads size (GS !), bold (ESC E), inversion (GS B), underline and alignment (ESC a) per piece of text', () => {
    const d = decodeEscPos(bytes(`${ESC}@${ESC}a\x01${GS}!\x11${ESC}E\x01BIG${ESC}E\x00${GS}!\x00 ${GS}B\x01inv${GS}B\x00${ESC}-\x01u\n`, 'plain\n'));
    const [first, second] = d.lines;
    expect(first!.align).toBe(1);
    expect(first!.segments).toEqual([
      { text: 'BIG', width: 2, height: 2, bold: true, inverted: false, underline: false },
      { text: ' ', width: 1, height: 1, bold: false, inverted: false, underline: false },
      { text: 'inv', width: 1, height: 1, bold: false, inverted: true, underline: false },
      { text: 'u', width: 1, height: 1, bold: false, inverted: false, underline: true },
    ]);
    expect([first!.width, first!.height]).toEqual([2, 2]);
    expect([second!.width, second!.height, second!.text]).toEqual([1, 1, 'plain']);
  });

  it('reads a native QR code (GS ( k): the stored data is the payload, printed where it stands', () => {
    const data = '2706190033831874123';
    const store = [data.length + 3, 0, 49, 80, 48];
    const d = decodeEscPos(
      bytes(
        `${GS}(k`, [4, 0, 49, 65, 50, 0],
        `${GS}(k`, [3, 0, 49, 67, 6],
        `${GS}(k`, [3, 0, 49, 69, 49],
        `${GS}(k`, store, data,
        `${GS}(k`, [3, 0, 49, 81, 48],
        'after\n',
      ),
    );
    expect(d.qr).toEqual([data]);
    expect(d.items[0]).toEqual({ kind: 'qr', data, cell: 6, level: 'm' });
  });

  it('skips raster images by their length, even when the picture holds a line-feed byte', () => {
    const raster = [0x0a, 0x1b, 0xff, 0x0a];
    const d = decodeEscPos(bytes(`${GS}v0`, [0, 2, 0, 2, 0], raster, 'x\n', `${GS}8L`, [4, 0, 0, 0], [48, 112, 0x0a, 0x0a], 'y\n'));
    expect(d.lines.map((l) => l.text)).toEqual(['x', 'y']);
    expect(d.items.filter((i) => i.kind === 'image')).toHaveLength(2);
  });

  it('reads rules in the box-drawing code page as dashes, and a jump to a column as a space', () => {
    const d = decodeEscPos(bytes(`${FS}C0${FS}.${ESC}t\x01`, [0x95, 0x95, 0x95], '\n', `${FS}&name${ESC}$`, [0x40, 0x01], 'x2\n'));
    expect(d.lines.map((l) => l.text)).toEqual(['---', 'name x2']);
    expect(findLine(d, 'namex2')?.text).toBe('name x2');
  });

  it('knows a ticket that ends with a cut from one that does not', () => {
    expect(decodeEscPos(bytes('a\n', `${GS}VB\x00${GS}r\x01`)).endsWithCut).toBe(true);
    expect(decodeEscPos(bytes('a\n', `${GS}VB\x00`, 'b\n')).endsWithCut).toBe(false);
    expect(decodeEscPos(bytes(`${GS}V\x01`)).items).toEqual([{ kind: 'cut', partial: true }]);
  });

  it('skips the setup commands ReceiptLine sends (ESC M, FS ( A, FS S, ESC {, GS L, GS W, ESC 3, GS a)', () => {
    const d = decodeEscPos(
      bytes(`${ESC}@${GS}a\x00${ESC}M0${FS}(A`, [2, 0, 48, 0], `${ESC} \x00${FS}S\x00\x00${ESC}3\x00${ESC}{\x00${FS}.${GS}L\x00\x00${GS}W\x80\x01`, 'x\n'),
    );
    expect(d.text).toBe('x');
  });

  it('refuses bytes it does not understand, and a command cut short', () => {
    expect(() => decodeEscPos(bytes(`${ESC}Z`))).toThrow(/unknown command/);
    expect(() => decodeEscPos(bytes(`${GS}(k`, [10, 0, 49]))).toThrow(/past the end/);
    expect(() => decodeEscPos(bytes('a\x07b'))).toThrow(/control byte/);
  });
});
