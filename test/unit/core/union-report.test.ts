/**
 * 推广订单 totals and CSV: what counts as paid, refunded and earned; the CSV Excel opens with
 * Chinese and long ids intact; and through a Desk, orders read per day from disk and promoter
 * names that outlive a restart.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseArgs } from '../../../electron/core/api-schemas.js';
import { parseConfig } from '../../../electron/core/config.js';
import { Desk } from '../../../electron/core/desk.js';
import { buildUnionReport, daysOf, unionCsv, yuan } from '../../../electron/core/union/report.js';
import { fakeBox } from '../../support/fake-box.js';
import { quietLogger, tempDir } from '../../support/helpers.js';
import { writeOrderDays } from '../../support/order-files.js';
import { unionOrder } from '../renderer/fake-union-order.js';
import { fakeOrder } from '../renderer/fake-order.js';

const D1 = '2026-11-24';
const D2 = '2026-11-25';
const orders = [
  unionOrder({ id: '27061900338318741', day: D1, sid: 's-wang', status: 'completed', paidCents: 3990, commissionCents: 200, minute: 1 }),
  unionOrder({ id: '27061900338318742', day: D1, sid: 's-li', status: 'paid', paidCents: 1550, commissionCents: null, minute: 2 }),
  unionOrder({ id: '27061900338318743', day: D2, sid: 's-wang', status: 'refunded', paidCents: 2000, commissionCents: 100 }),
  unionOrder({ id: '27061900338318744', day: D2, sid: 's-wang', status: 'refunded', paidCents: 5000, commissionCents: 250, refundCents: 1205, minute: 3 }),
];
const names = { 's-wang': '王姐' };

describe('union report', () => {
  it('counts paid for paid/completed, refunds (part amounts when given) and commission only when not refunded', () => {
    const r = buildUnionReport([...orders, fakeOrder({ businessDay: D1 })], names);
    expect(r.orders.map((o) => o.orderId)).toEqual(['27061900338318741', '27061900338318742', '27061900338318743', '27061900338318744']);
    expect(r.byPromoter).toEqual([
      { sid: 's-wang', name: '王姐', orders: 3, paidCents: 3990, refundedCents: 2000 + 1205, commissionCents: 200 },
      { sid: 's-li', name: '', orders: 1, paidCents: 1550, refundedCents: 0, commissionCents: 0 },
    ]);
    expect(r.byDay).toEqual([
      { day: D1, orders: 2, paidCents: 5540, refundedCents: 0, commissionCents: 200 },
      { day: D2, orders: 2, paidCents: 0, refundedCents: 3205, commissionCents: 0 },
    ]);
  });

  it('turns cents into yuan without floats', () => {
    expect([yuan(0), yuan(5), yuan(1205), yuan(-5), yuan(123456789)]).toEqual(['0.00', '0.05', '12.05', '-0.05', '1234567.89']);
  });

  it('checks the period: real days, in order, at most 366', () => {
    expect(daysOf(D1, D2)).toEqual([D1, D2]);
    expect(daysOf('2024-01-01', '2024-12-31')).toHaveLength(366);
    expect(daysOf('2024-01-01', '2025-01-01')).toBe('一次最多查询 366 天');
    expect(daysOf(D2, D1)).toBe('结束日期不能早于开始日期');
    expect(daysOf('2026-02-30', '2026-03-01')).toBe('日期无效');
  });
});

describe('union CSV', () => {
  const title = '套餐, "招牌"\n加饮料';
  const csv = unionCsv(buildUnionReport([...orders, { ...orders[0]!, orderId: '9', promotion: { sid: 's-x', title, commissionCents: 1 } }], names), {
    ...names,
    's-x': '=HYPERLINK("x")',
  });
  const lines = csv.slice(1).split('\r\n');

  it('starts with a BOM, uses CRLF and the Chinese header', () => {
    expect(csv.startsWith('\ufeff日期,订单号,推广位(sid),推广员,标题,状态,实付(元),佣金(元),退款(元)\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    // Header + 5 rows end in CRLF; the one bare LF is inside the quoted title.
    expect(csv.split('\r\n')).toHaveLength(7);
    expect(csv.split('\n')).toHaveLength(8);
  });

  it('writes ids as ="…" so Excel keeps every digit, and amounts in yuan', () => {
    expect(lines[1]).toBe('2026-11-24,"=""27061900338318741""","=""s-wang""",王姐,双人套餐,已完成,39.90,2.00,0.00');
    expect(lines).toContain('2026-11-25,"=""27061900338318744""","=""s-wang""",王姐,双人套餐,已退款,0.00,0.00,12.05');
  });

  it('quotes commas, quotes and line breaks, and defuses formulas in free text', () => {
    expect(csv).toContain(`'=HYPERLINK(""x"")`);
    expect(csv).toContain('"套餐, ""招牌""\n加饮料"');
  });
});

/** RFC 4180 as a spreadsheet reads it: the cells of every row, quotes undone. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe('union CSV against hostile values', () => {
  const hostile = ['"', `=cmd|' /C calc'!A0`, '+1', '-1', '@SUM(1)', '\t=1+1', '\r=1+1', `1"+cmd|' /C calc'!A0+"`, `x",=cmd|' /C calc'!A0,"`];
  const rows = hostile.map((h, i) => ({
    ...unionOrder({ id: h, day: D1, sid: h, status: 'paid', paidCents: 100 + i, commissionCents: 5, title: h, minute: i }),
    // A status word this app does not know is written as it came.
    ...(i % 2 === 1 ? { status: h as 'paid' } : {}),
  }));
  // Each promoter sid is also named with the same hostile text.
  const promoterNames = Object.fromEntries(hostile.map((h) => [h, h]));
  const csv = unionCsv(buildUnionReport(rows, promoterNames), promoterNames);
  const cells = parseCsv(csv.slice(1));

  it('keeps one row per order and every column in place: no value breaks out of its cell', () => {
    expect(cells).toHaveLength(hostile.length + 1);
    for (const row of cells) expect(row).toHaveLength(9);
  });

  it('lets no cell start a formula, except an id literal ="…" holding only letters, digits and _.:-', () => {
    for (const row of cells.slice(1)) {
      for (const [n, cell] of row.entries()) {
        if (/^[=+\-@\t\r\n]/.test(cell)) {
          expect(`${n}: ${cell}`).toMatch(/^\d: (="[0-9A-Za-z_.:-]+"|-\d+\.\d\d)$/);
        }
      }
    }
  });

  it('shows each hostile text as typed behind an apostrophe, and a plain id exactly', () => {
    const byTitle = new Map(cells.slice(1).map((r) => [r[4], r]));
    expect(byTitle.get(`'=cmd|' /C calc'!A0`)?.[1]).toBe(`'=cmd|' /C calc'!A0`);
    expect(byTitle.get(`'=cmd|' /C calc'!A0`)?.[5]).toBe(`'=cmd|' /C calc'!A0`);
    expect(byTitle.get("'+1")?.[1]).toBe("'+1");
    expect(byTitle.get("'-1")?.[1]).toBe('="-1"');
    expect(byTitle.get("'@SUM(1)")?.[3]).toBe("'@SUM(1)");
    expect(byTitle.get("'\t=1+1")?.[1]).toBe("'\t=1+1");
    expect(byTitle.get('"')?.[1]).toBe('"');
    expect(byTitle.get(`1"+cmd|' /C calc'!A0+"`)?.[1]).toBe(`1"+cmd|' /C calc'!A0+"`);
    // Amounts stay numbers (an unknown status is not paid).
    expect(cells.slice(1).map((r) => r[6])).toEqual(hostile.map((_h, i) => (i % 2 === 1 ? '0.00' : yuan(100 + i))));
  });
});

describe('Desk: 推广订单', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let desk: Desk | null = null;
  const config = parseConfig({ stores: [{ id: 'store-1', name: '湘北人家' }] });
  const start = async (): Promise<Desk> => (desk = await Desk.start({ dataDir: dir, config, sandbox: false, logger: quietLogger, secretBox: fakeBox }));
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => {
    await desk?.stop();
    desk = null;
    await cleanup();
  });

  it('reports the union orders filed under each day of the period, with names that survive a restart', async () => {
    await writeOrderDays(dir, [...orders, fakeOrder({ businessDay: D2 })]);
    let d = await start();
    expect(await d.namePromoter('s-li', '  李哥 ')).toEqual({ sid: 's-li', name: '李哥' });
    await d.namePromoter('s-wang', '王姐');
    await d.namePromoter('s-wang', '');
    expect(JSON.parse(await readFile(join(dir, 'promoters.json'), 'utf8'))).toEqual({ v: 1, names: { 's-li': '李哥' } });
    await d.stop();
    d = await start();
    expect(await d.listPromoters()).toEqual([{ sid: 's-li', name: '李哥' }]);
    const r = await d.unionReport(D1, D2);
    expect(r.orders).toHaveLength(4);
    expect(r.byPromoter.find((p) => p.sid === 's-li')?.name).toBe('李哥');
    expect((await d.unionReport(D2, D2)).orders).toHaveLength(2);
    expect((await d.unionCsv(D1, D1)).split('\r\n')).toHaveLength(4); // header, 2 rows, final CRLF
  });

  it('refuses a backwards or too-long period and an over-long name', async () => {
    const d = await start();
    await expect(d.unionReport(D2, D1)).rejects.toThrow('结束日期不能早于开始日期');
    await expect(d.unionCsv('2024-01-01', '2025-06-01')).rejects.toThrow('366');
    await expect(d.namePromoter('s', '名'.repeat(41))).rejects.toThrow('40');
    expect(() => parseArgs('namePromoter', ['s', '名'.repeat(41)])).toThrow('at most 40');
    expect(() => parseArgs('unionReport', ['2026-1-1', D2])).toThrow('YYYY-MM-DD');
  });
});
