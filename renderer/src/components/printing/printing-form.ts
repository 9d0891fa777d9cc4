/**
 * The 打印 settings form as data: printers as typed (numbers still text), turned into the config
 * the desk saves, and the mistakes a person can make, checked before saving (the desk checks
 * again and its words show beside 保存).
 */
import type { PaperWidth, PrinterConfig, PrinterType, TicketKind } from '../../../../shared/printing.js';

export interface PrinterDraft {
  /** Stable while editing (names change as they are typed). */
  id: number;
  name: string;
  type: PrinterType;
  host: string;
  port: string;
  device: string;
  width: PaperWidth;
  tickets: TicketKind[];
  copies: string;
  /** '' = no backup. */
  backup: string;
}

export type PrinterField = 'name' | 'host' | 'port' | 'device' | 'copies' | 'backup' | 'tickets';
export type ProblemKey =
  | 'nameRequired'
  | 'nameTaken'
  | 'hostRequired'
  | 'portRange'
  | 'deviceRequired'
  | 'copiesRange'
  | 'backupSelf'
  | 'backupUnknown'
  | 'noTickets';

export const DEFAULT_PORT = 9100;

let nextId = 1;

export function draftFromConfig(printer: PrinterConfig): PrinterDraft {
  return {
    id: nextId++,
    name: printer.name,
    type: printer.type,
    host: printer.host ?? '',
    port: String(printer.port ?? DEFAULT_PORT),
    device: printer.device ?? '',
    width: printer.width,
    tickets: [...printer.tickets],
    copies: String(printer.copies),
    backup: printer.backup ?? '',
  };
}

/** A new printer: a network one on 80 mm paper printing every ticket, named so it does not clash. */
export function newPrinterDraft(existing: readonly PrinterDraft[], base: string): PrinterDraft {
  const names = new Set(existing.map((p) => p.name.trim()));
  let name = base;
  for (let n = 2; names.has(name) && n < 100; n++) name = `${base}${n}`;
  return {
    id: nextId++,
    name,
    type: 'network',
    host: '',
    port: String(DEFAULT_PORT),
    device: '',
    width: 80,
    tickets: ['kitchen', 'customer', 'cancel'],
    copies: '1',
    backup: '',
  };
}

const TICKET_ORDER: readonly TicketKind[] = ['kitchen', 'customer', 'cancel'];

/** The config to save. Only the fields of the printer's type are sent. */
export function configFromDraft(draft: PrinterDraft): PrinterConfig {
  const config: PrinterConfig = {
    name: draft.name.trim(),
    type: draft.type,
    width: draft.width,
    tickets: TICKET_ORDER.filter((t) => draft.tickets.includes(t)),
    copies: Number(draft.copies),
  };
  if (draft.type === 'network') {
    config.host = draft.host.trim();
    config.port = draft.port.trim() === '' ? DEFAULT_PORT : Number(draft.port);
  } else {
    config.device = draft.device;
  }
  if (draft.backup) config.backup = draft.backup;
  return config;
}

const isInt = (text: string, min: number, max: number): boolean => {
  if (!/^\d+$/.test(text.trim())) return false;
  const n = Number(text);
  return n >= min && n <= max;
};

/** Each printer's mistakes (by draft id), field → what is wrong. Empty when it can be saved. */
export function printerProblems(
  drafts: readonly PrinterDraft[],
): Map<number, Partial<Record<PrinterField, ProblemKey>>> {
  const problems = new Map<number, Partial<Record<PrinterField, ProblemKey>>>();
  const names = drafts.map((d) => d.name.trim());
  for (const d of drafts) {
    const p: Partial<Record<PrinterField, ProblemKey>> = {};
    const name = d.name.trim();
    if (!name) p.name = 'nameRequired';
    else if (names.filter((n) => n === name).length > 1) p.name = 'nameTaken';
    if (d.type === 'network') {
      if (!d.host.trim()) p.host = 'hostRequired';
      if (d.port.trim() !== '' && !isInt(d.port, 1, 65535)) p.port = 'portRange';
    } else if (!d.device) {
      p.device = 'deviceRequired';
    }
    if (!isInt(d.copies, 1, 5)) p.copies = 'copiesRange';
    if (d.backup) {
      if (d.backup === name) p.backup = 'backupSelf';
      else if (!names.includes(d.backup)) p.backup = 'backupUnknown';
    }
    if (d.tickets.length === 0) p.tickets = 'noTickets';
    if (Object.keys(p).length > 0) problems.set(d.id, p);
  }
  return problems;
}

/** A printer renamed: backups that named its old name follow it. */
export function renamePrinter(drafts: readonly PrinterDraft[], id: number, name: string): PrinterDraft[] {
  const old = drafts.find((d) => d.id === id)?.name;
  return drafts.map((d) =>
    d.id === id ? { ...d, name } : old && d.backup === old ? { ...d, backup: name } : d,
  );
}

/** A printer removed: others that used it as their backup have none. */
export function removePrinter(drafts: readonly PrinterDraft[], id: number): PrinterDraft[] {
  const gone = drafts.find((d) => d.id === id)?.name;
  return drafts.filter((d) => d.id !== id).map((d) => (gone && d.backup === gone ? { ...d, backup: '' } : d));
}
