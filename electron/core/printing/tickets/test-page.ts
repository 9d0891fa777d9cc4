/**
 * The printer test page: the printer's name, the paper width, a column ruler to check the
 * characters per line, the three sizes, Chinese (a rare character too), a QR code and the cut.
 */
import type { PaperWidth } from '../../../../shared/printing.js';
import { lit } from './escape.js';
import { dateTime } from './format.js';
import { CPL, RULE } from './layout.js';
import { renderDoc, type RenderedTicket } from './render.js';

export function renderTestPage(printerName: string, width: PaperWidth, opts: { now?: Date; timeZone?: string } = {}): RenderedTicket {
  const cpl = CPL[width];
  const now = opts.now ?? new Date();
  const timeZone = opts.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const ruler = Array.from({ length: cpl }, (_, i) => String((i + 1) % 10)).join('');
  return renderDoc(
    [
      '{align:center}',
      '^^^"打印测试"',
      `^^${lit(printerName)}`,
      `纸宽 ${width} mm · 每行 ${cpl} 字`,
      RULE,
      `|${ruler}`,
      RULE,
      '|普通字号 正常大小',
      '|^^大字号 倍高',
      '|^^^特大字号',
      '|中文 GB18030：后厨联 顾客联 𠮷',
      '|`反白` "加粗"',
      RULE,
      `{code:waimai-desk test ${width}; option:qrcode,${width === 58 ? 5 : 6},m}`,
      '扫码应显示 waimai\\x2ddesk test',
      RULE,
      dateTime(now.toISOString(), timeZone),
      '看到这一页并已自动切纸：打印机可用',
    ],
    width,
  );
}
