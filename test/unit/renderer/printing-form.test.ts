/** The 打印 settings form: what is saved from what was typed, and the mistakes caught before saving. */
import { describe, expect, it } from 'vitest';
import {
  configFromDraft,
  draftFromConfig,
  newPrinterDraft,
  printerProblems,
  removePrinter,
  renamePrinter,
} from '../../../renderer/src/components/printing/printing-form.js';

describe('the printers form', () => {
  it('saves what was typed, only the fields of the printer’s type, tickets in their usual order', () => {
    const d = { ...newPrinterDraft([], '后厨'), host: ' 192.168.1.50 ', port: '', tickets: ['customer' as const, 'kitchen' as const], copies: '2' };
    expect(configFromDraft(d)).toEqual({ name: '后厨', type: 'network', host: '192.168.1.50', port: 9100, width: 80, tickets: ['kitchen', 'customer'], copies: 2 });
    const sys = { ...d, type: 'system' as const, device: 'EPSON_TM', backup: '前台' };
    expect(configFromDraft(sys)).toEqual({ name: '后厨', type: 'system', device: 'EPSON_TM', width: 80, tickets: ['kitchen', 'customer'], copies: 2, backup: '前台' });
  });

  it('round-trips a saved printer', () => {
    const saved = { name: '前台', type: 'network' as const, host: 'p1', port: 9101, width: 58 as const, tickets: ['customer' as const], copies: 1 };
    expect(configFromDraft(draftFromConfig(saved))).toEqual(saved);
  });

  it('names a new printer so it does not clash', () => {
    const a = newPrinterDraft([], '后厨');
    const b = newPrinterDraft([a], '后厨');
    expect([a.name, b.name]).toEqual(['后厨', '后厨2']);
    expect(a.id).not.toBe(b.id);
  });

  it('catches the mistakes a person can make', () => {
    const ok = { ...newPrinterDraft([], '后厨'), id: 1, host: '10.0.0.2' };
    const problems = printerProblems([
      ok,
      { ...ok, id: 2, name: '后厨' },
      { ...ok, id: 3, name: ' ', host: '', port: '70000', copies: '0', tickets: [] },
      { ...ok, id: 4, name: '系统', type: 'system', device: '', backup: '系统' },
      { ...ok, id: 5, name: '前台', backup: '不存在' },
    ]);
    expect(Object.fromEntries(problems)).toEqual({
      1: { name: 'nameTaken' },
      2: { name: 'nameTaken' },
      3: { name: 'nameRequired', host: 'hostRequired', port: 'portRange', copies: 'copiesRange', tickets: 'noTickets' },
      4: { device: 'deviceRequired', backup: 'backupSelf' },
      5: { backup: 'backupUnknown' },
    });
    expect(printerProblems([{ ...ok, id: 1 }]).size).toBe(0);
  });

  it('keeps backups pointing at the right printer through a rename and a removal', () => {
    const a = { ...newPrinterDraft([], '后厨'), host: 'a' };
    const b = { ...newPrinterDraft([a], '前台'), host: 'b', backup: '后厨' };
    const renamed = renamePrinter([a, b], a.id, '厨房');
    expect(renamed.map((d) => [d.name, d.backup])).toEqual([['厨房', ''], ['前台', '厨房']]);
    expect(removePrinter(renamed, a.id).map((d) => [d.name, d.backup])).toEqual([['前台', '']]);
  });
});
