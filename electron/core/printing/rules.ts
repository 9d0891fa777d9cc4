/**
 * The printer rules a person can break when setting printers up, in words for staff. The shapes
 * (types, ranges) are the schemas' job (schemas.ts); these need the whole list.
 */
import type { PrinterConfig } from '../../../shared/printing.js';

/** The first rule broken, or null when the list is fine. */
export function printerRuleBroken(printers: readonly PrinterConfig[]): string | null {
  const names = new Set<string>();
  for (const p of printers) {
    if (names.has(p.name)) return `打印机名称「${p.name}」重复了，请给每台打印机起不同的名字`;
    names.add(p.name);
  }
  for (const p of printers) {
    if (p.type === 'network' && !p.host?.trim()) return `网络打印机「${p.name}」需要填写 IP 地址`;
    if (p.type === 'system' && !p.device?.trim()) return `系统打印机「${p.name}」需要选择这台电脑上的打印机`;
    if (p.backup !== undefined) {
      if (p.backup === p.name) return `打印机「${p.name}」的备用打印机不能是它自己`;
      if (!names.has(p.backup)) return `打印机「${p.name}」的备用打印机「${p.backup}」不存在，请先添加它`;
    }
  }
  return null;
}
