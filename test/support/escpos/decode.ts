/**
 * A small ESC/POS reader for tests: bytes → what the paper would show, line by line, with the
 * size, emphasis, inversion and alignment each piece of text prints with, the QR codes' data and
 * the cuts. It knows the commands ReceiptLine's ESC/POS command sets send (listed below) and
 * throws on any other, so a ticket that starts sending something new is noticed.
 *
 * Text is decoded as GB18030 while Chinese (Kanji) mode is on (`FS &`); with it off (`FS .`)
 * bytes are the printer's box-drawing code page, which ReceiptLine uses for rules: they read
 * back as `-` (horizontal) and `|` (vertical), other corners as `+`.
 */

export interface Segment {
  text: string;
  /** Character width and height multipliers (GS ! n). */
  width: number;
  height: number;
  bold: boolean;
  inverted: boolean;
  underline: boolean;
}

export interface Line {
  /** The line's text; a column jump (ESC $ / ESC \) reads as one space. */
  text: string;
  /** ESC a: 0 left, 1 centre, 2 right, as set when the line started. */
  align: number;
  segments: Segment[];
  /** The largest width / height multiplier of any visible text on the line (1 for a blank line). */
  width: number;
  height: number;
}

export type Item =
  | { kind: 'line'; line: Line }
  | { kind: 'qr'; data: string; cell: number; level: string }
  | { kind: 'image'; bytes: number }
  | { kind: 'cut'; partial: boolean };

export interface Decoded {
  items: Item[];
  /** Just the text lines, in order. */
  lines: Line[];
  /** Every QR code's data, in order. */
  qr: string[];
  /** True when the last thing printed (before status requests) is a cut. */
  endsWithCut: boolean;
  /** All the lines' text joined with newlines. */
  text: string;
}

const gb18030 = new TextDecoder('gb18030');

interface State {
  width: number;
  height: number;
  bold: boolean;
  inverted: boolean;
  underline: boolean;
  kanji: boolean;
  align: number;
}

function ruleChar(b: number): string {
  if (b === 0x95) return '-';
  if (b === 0x96) return '|';
  return b >= 0x80 ? '+' : String.fromCharCode(b);
}

export function decodeEscPos(input: Uint8Array): Decoded {
  const b = input;
  const items: Item[] = [];
  const st: State = { width: 1, height: 1, bold: false, inverted: false, underline: false, kanji: false, align: 0 };
  let segments: Segment[] = [];
  let lineAlign: number | null = null;
  let run: number[] = [];
  let runKanji = false;
  let qrData = '';
  let qrCell = 3;
  let qrLevel = 'l';

  const flushRun = (): void => {
    if (run.length === 0) return;
    const text = runKanji ? gb18030.decode(new Uint8Array(run)) : run.map(ruleChar).join('');
    run = [];
    segments.push({ text, width: st.width, height: st.height, bold: st.bold, inverted: st.inverted, underline: st.underline });
  };
  /** Any state change ends the current run of text (it was printed with the old state). */
  const change = (apply: () => void): void => {
    flushRun();
    apply();
  };
  const endLine = (): void => {
    flushRun();
    const visible = segments.filter((s) => s.text.trim() !== '');
    items.push({
      kind: 'line',
      line: {
        text: segments.map((s) => s.text).join(''),
        align: lineAlign ?? st.align,
        segments,
        width: Math.max(1, ...visible.map((s) => s.width)),
        height: Math.max(1, ...visible.map((s) => s.height)),
      },
    });
    segments = [];
    lineAlign = null;
  };
  const need = (i: number, n: number, what: string): void => {
    if (i + n > b.length) throw new Error(`ESC/POS: ${what} at byte ${i} runs past the end`);
  };

  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c === 0x0a) {
      endLine();
      i += 1;
      continue;
    }
    if (c !== 0x1b && c !== 0x1c && c !== 0x1d) {
      if (c < 0x20) throw new Error(`ESC/POS: unexpected control byte 0x${c.toString(16)} at ${i}`);
      if (run.length === 0) runKanji = st.kanji;
      if (segments.length === 0 && run.length === 0 && lineAlign === null) lineAlign = st.align;
      run.push(c);
      i += 1;
      continue;
    }
    need(i, 2, 'command');
    const cmd = String.fromCharCode(c, b[i + 1]!);
    const arg = (k: number): number => {
      need(i, k + 1, `0x${c.toString(16)} ${cmd[1]}`);
      return b[i + k]!;
    };
    switch (cmd) {
      case '\x1b@': // ESC @ initialize
        change(() => Object.assign(st, { width: 1, height: 1, bold: false, inverted: false, underline: false, kanji: false, align: 0 }));
        i += 2;
        break;
      case '\x1b2': // ESC 2 default line spacing
        i += 2;
        break;
      case '\x1b3': // ESC 3 n line spacing
      case '\x1bM': // ESC M n font
      case '\x1b ': // ESC SP n right-side character spacing
      case '\x1b{': // ESC { n upside down
      case '\x1bt': // ESC t n code page
      case '\x1bR': // ESC R n international character set
      case '\x1cC': // FS C n Kanji code system
      case '\x1dr': // GS r n transmit status
      case '\x1da': // GS a n automatic status back
        arg(2);
        i += 3;
        break;
      case '\x1ba': {
        // ESC a n alignment (0/48 left, 1/49 centre, 2/50 right)
        const n = arg(2) % 48;
        change(() => (st.align = n));
        i += 3;
        break;
      }
      case '\x1bE': {
        const n = arg(2);
        change(() => (st.bold = (n & 1) === 1));
        i += 3;
        break;
      }
      case '\x1b-':
      case '\x1c-': {
        const n = arg(2) % 48;
        change(() => (st.underline = n > 0));
        i += 3;
        break;
      }
      case '\x1dB': {
        const n = arg(2);
        change(() => (st.inverted = (n & 1) === 1));
        i += 3;
        break;
      }
      case '\x1d!': {
        // GS ! n: high nibble width − 1, low nibble height − 1
        const n = arg(2);
        change(() => Object.assign(st, { width: (n >> 4) + 1, height: (n & 15) + 1 }));
        i += 3;
        break;
      }
      case '\x1c&':
        change(() => (st.kanji = true));
        i += 2;
        break;
      case '\x1c.':
        change(() => (st.kanji = false));
        i += 2;
        break;
      case '\x1cS': // FS S n1 n2 Kanji spacing
        arg(3);
        i += 4;
        break;
      case '\x1dL': // GS L nL nH left margin
      case '\x1dW': // GS W nL nH print area width
        arg(3);
        i += 4;
        break;
      case '\x1b$': // ESC $ nL nH absolute position
      case '\x1b\\': // ESC \ nL nH relative position
        arg(3);
        flushRun();
        if (segments.length > 0 && !/\s$/.test(segments[segments.length - 1]!.text)) segments.push({ ...st, text: ' ' });
        i += 4;
        break;
      case '\x1dV': {
        // GS V m [n]: cut (m 0/1/48/49; with a feed first for 65/66/97/98)
        const m = arg(2);
        flushRun();
        if (segments.length > 0) endLine();
        items.push({ kind: 'cut', partial: m % 2 === 1 || m === 66 || m === 98 });
        i += [65, 66, 97, 98, 103, 104].includes(m) ? 4 : 3;
        break;
      }
      case '\x1c(':
      case '\x1d(': {
        // FS ( A / GS ( k / GS ( L pL pH data…: a length-prefixed function
        const fnClass = String.fromCharCode(arg(2));
        const len = arg(3) | (arg(4) << 8);
        need(i, 5 + len, `${cmd} ${fnClass}`);
        const body = b.subarray(i + 5, i + 5 + len);
        if (cmd === '\x1d(' && fnClass === 'k' && body[0] === 49) {
          const fn = body[1];
          if (fn === 67) qrCell = body[2]!;
          else if (fn === 69) qrLevel = 'lmqh'[body[2]! - 48] ?? '?';
          else if (fn === 80) qrData = new TextDecoder('utf-8').decode(body.subarray(3));
          else if (fn === 81) {
            flushRun();
            items.push({ kind: 'qr', data: qrData, cell: qrCell, level: qrLevel });
          }
        } else if (!((cmd === '\x1c(' && fnClass === 'A') || (cmd === '\x1d(' && fnClass === 'L'))) {
          throw new Error(`ESC/POS: unknown function ${JSON.stringify(cmd + fnClass)} at byte ${i}`);
        }
        i += 5 + len;
        break;
      }
      case '\x1d8': {
        // GS 8 L p1 p2 p3 p4 …: a large graphics function (ReceiptLine's raster images)
        if (arg(2) !== 0x4c) throw new Error(`ESC/POS: unknown GS 8 function at byte ${i}`);
        const len = arg(3) | (arg(4) << 8) | (arg(5) << 16) | (arg(6) << 24);
        need(i, 7 + len, 'GS 8 L');
        items.push({ kind: 'image', bytes: len });
        i += 7 + len;
        break;
      }
      case '\x1dv': {
        // GS v 0 m xL xH yL yH data: a raster image, xL+xH·256 bytes a row
        const x = arg(4) | (arg(5) << 8);
        const y = arg(6) | (arg(7) << 8);
        need(i, 8 + x * y, 'GS v 0');
        items.push({ kind: 'image', bytes: x * y });
        i += 8 + x * y;
        break;
      }
      default:
        throw new Error(`ESC/POS: unknown command ${JSON.stringify(cmd)} at byte ${i}`);
    }
  }
  flushRun();
  if (segments.length > 0) endLine();

  const lines = items.flatMap((it) => (it.kind === 'line' ? [it.line] : []));
  const last = items.filter((it) => it.kind !== 'line' || it.line.text.trim() !== '').at(-1);
  return {
    items,
    lines,
    qr: items.flatMap((it) => (it.kind === 'qr' ? [it.data] : [])),
    endsWithCut: last?.kind === 'cut',
    text: lines.map((l) => l.text).join('\n'),
  };
}

/** The first line whose text contains `needle` (spaces ignored on both sides), or undefined. */
export function findLine(d: Decoded, needle: string): Line | undefined {
  const squeeze = (s: string): string => s.replace(/\s+/g, '');
  return d.lines.find((l) => squeeze(l.text).includes(squeeze(needle)));
}
