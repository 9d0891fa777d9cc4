/**
 * The one Content-Security-Policy for the counter UI, wherever it is served: the headless
 * console server sends it as a header, the Electron shell sets it on the window's file://
 * responses and in a meta tag (electron/build-shell.mjs), since the header alone is not
 * honoured for file:// by every Electron version (electron/electron#23485).
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
