/** The shell's silent page printing (the fallback for Windows drivers that refuse raw bytes). */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow, mock, resetElectronMock } from '../../support/electron-mock.js';
import { printHtml } from '../../../electron/main/print-html.js';
import { ticketHtml } from '../../../electron/core/printing/system/html.js';

vi.mock('electron', () => import('../../support/electron-mock.js'));

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="576"><text>#12 后厨联</text></svg>';

describe('printHtml', () => {
  beforeEach(() => {
    resetElectronMock();
    mock.printers = [{ name: 'EPSON TM-T82' }, { name: 'Microsoft Print to PDF' }];
  });

  it('prints the ticket page silently on the named printer, from a hidden script-less window that is closed after', async () => {
    await printHtml('EPSON TM-T82', ticketHtml(SVG, '#12 后厨联'));
    expect(mock.printed).toHaveLength(1);
    const p = mock.printed[0] as { options: Record<string, unknown>; url: string };
    expect(p.options).toMatchObject({ silent: true, deviceName: 'EPSON TM-T82', usePrinterDefaultPageSize: true, margins: { marginType: 'none' } });
    const page = decodeURIComponent(p.url.replace(/^data:text\/html;charset=utf-8,/, ''));
    expect(page).toContain(`data:image/svg+xml;base64,${Buffer.from(SVG).toString('base64')}`);
    const win = BrowserWindow.instances[0] as BrowserWindow;
    expect(win.options).toMatchObject({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(win.isDestroyed()).toBe(true);
  });

  it('a printer the system does not list is never printed to (Chromium would pick the default)', async () => {
    await expect(printHtml('后厨', '<p>x</p>')).rejects.toThrow('系统打印机 后厨 不存在');
    expect(mock.printed).toEqual([]);
    expect(BrowserWindow.instances[0]?.isDestroyed()).toBe(true);
  });

  it('the driver failing is told in staff words, and the window closed', async () => {
    mock.printResult = { success: false, failureReason: 'Print job failed' };
    await expect(printHtml('EPSON TM-T82', '<p>x</p>')).rejects.toThrow('系统打印机 EPSON TM-T82 没有打出来（Print job failed）');
    expect(BrowserWindow.instances[0]?.isDestroyed()).toBe(true);
  });

  it('a driver that never answers: gives up after the limit', async () => {
    mock.printResult = null;
    await expect(printHtml('EPSON TM-T82', '<p>x</p>', { timeoutMs: 20 })).rejects.toThrow('没有接下这张单');
    expect(BrowserWindow.instances[0]?.isDestroyed()).toBe(true);
  });
});
