/**
 * The shapes of printing's settings: the config file's `printers` and `printing`, and what the
 * window may send (`savePrintingConfig`, `ticketPreview`). Defaults live here, once.
 */
import { z } from 'zod';
import type { PrinterConfig, PrintingSettings, TicketPreviewInput } from '../../../shared/printing.js';
import { PAPER_WIDTHS, PRINTER_TYPES, TICKET_FIELDS, TICKET_FONT_SIZES, TICKET_KINDS } from '../../../shared/printing.js';

export const printerName = z.string().trim().min(1, 'printer name is required').max(40);

export const printerConfigSchema = z
  .object({
    name: printerName,
    type: z.enum(PRINTER_TYPES),
    host: z.string().trim().min(1).max(253).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    device: z.string().trim().min(1).max(200).optional(),
    width: z.union(PAPER_WIDTHS.map((w) => z.literal(w)) as [z.ZodLiteral<58>, z.ZodLiteral<80>]).default(80),
    tickets: z.array(z.enum(TICKET_KINDS)).max(TICKET_KINDS.length).default(['kitchen', 'customer', 'cancel']),
    copies: z.number().int().min(1).max(5).default(1),
    backup: printerName.optional(),
  })
  .strict() satisfies z.ZodType<PrinterConfig, unknown>;

const templateSchema = z
  .object({
    fontSize: z.enum(TICKET_FONT_SIZES).default('large'),
    hidden: z.array(z.enum(TICKET_FIELDS)).max(TICKET_FIELDS.length).default([]),
    footer: z.string().max(120).default(''),
  })
  .strict();

export const DEFAULT_PRINTING: PrintingSettings = {
  kitchen: { fontSize: 'huge', hidden: [], footer: '' },
  customer: { fontSize: 'large', hidden: [], footer: '谢谢惠顾，欢迎再次光临' },
  cancel: { fontSize: 'huge', hidden: [], footer: '' },
  preOrders: 'on-accept',
};

export const printingSettingsSchema = z
  .object({
    kitchen: templateSchema.default(DEFAULT_PRINTING.kitchen),
    customer: templateSchema.default(DEFAULT_PRINTING.customer),
    cancel: templateSchema.default(DEFAULT_PRINTING.cancel),
    preOrders: z.enum(['on-accept', 'at-reminder']).default('on-accept'),
  })
  .strict() satisfies z.ZodType<PrintingSettings, unknown>;

export const printingConfigInputSchema = z
  .object({
    printers: z.array(printerConfigSchema).max(20),
    printing: printingSettingsSchema,
  })
  .strict();

export const ticketPreviewInputSchema = z
  .object({
    ticket: z.enum(TICKET_KINDS),
    width: z.union([z.literal(58), z.literal(80)]),
    orderKey: z.string().min(3).max(120).optional(),
    settings: printingSettingsSchema.optional(),
  })
  .strict() satisfies z.ZodType<TicketPreviewInput, unknown>;
