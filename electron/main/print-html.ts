/**
 * Silent page printing for system printers that will not take raw ESC/POS bytes (a Windows driver
 * that refuses the RAW datatype): the core hands over the ticket as a page (its SVG as an image,
 * electron/core/printing/system/html.ts) and the printer's OS name; a hidden window of its own
 * session, with scripts off, prints it with the driver's own paper size and no dialog.
 */
import { BrowserWindow, session } from 'electron';

export interface PrintHtmlOptions {
  /** How long the driver may take to take the page, ms. */
  timeoutMs?: number;
}

export async function printHtml(deviceName: string, html: string, o: PrintHtmlOptions = {}): Promise<void> {
  const timeoutMs = o.timeoutMs ?? 60_000;
  const partition = session.fromPartition('print');
  partition.setPermissionRequestHandler((_wc, _perm, callback) => callback(false));
  const win = new BrowserWindow({
    show: false,
    width: 600,
    height: 900,
    webPreferences: { session: partition, contextIsolation: true, sandbox: true, nodeIntegration: false, javascript: false, webviewTag: false, spellcheck: false },
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  let timer: NodeJS.Timeout | undefined;
  try {
    // Chromium prints to the default printer when the name is unknown: never let it.
    const printers = await win.webContents.getPrintersAsync();
    if (!printers.some((p) => p.name === deviceName)) {
      throw new Error(`系统打印机 ${deviceName} 不存在：请在设置里重新选择打印机`);
    }
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`系统打印机 ${deviceName} 在 ${Math.round(timeoutMs / 1000)} 秒内没有接下这张单：请检查打印机`)), timeoutMs);
      win.webContents.print(
        { silent: true, deviceName, printBackground: true, margins: { marginType: 'none' }, usePrinterDefaultPageSize: true },
        (success, failureReason) => {
          if (success) resolve();
          else reject(new Error(`系统打印机 ${deviceName} 没有打出来（${failureReason || '打印失败'}）：请检查打印机和它的驱动`));
        },
      );
    });
  } finally {
    clearTimeout(timer);
    if (!win.isDestroyed()) win.close();
  }
}
