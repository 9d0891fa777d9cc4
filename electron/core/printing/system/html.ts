/**
 * The ticket as a page, for printers that take pictures rather than ESC/POS bytes (a Windows driver
 * that refuses RAW). The shell prints it silently from a hidden window (electron/main/print-html.ts).
 * The SVG goes in as an image, so nothing in it can run; the page loads nothing else.
 */

/** What the shell offers: print this page on this OS printer, silently. Rejects in staff words. */
export type PrintHtml = (deviceName: string, html: string) => Promise<void>;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function ticketHtml(svg: string, title: string): string {
  const src = `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
  return [
    '<!doctype html>',
    '<html><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(title)}</title>`,
    '<style>@page{margin:0}html,body{margin:0;padding:0;background:#fff}img{display:block;width:100%;height:auto}</style>',
    `</head><body><img alt="" src="${src}"></body></html>`,
  ].join('');
}
