/**
 * The only IPC channel names (docs/shell-habits.md: nothing else spells a channel name). Calls
 * go `desk:call` (invoke, `[method, args]`); events come back on `desk:event`
 * (`[name, payload]`); `desk:ready` tells main the window is listening, so events raised
 * before it are queued, not lost.
 */
export const IPC = {
  call: 'desk:call',
  event: 'desk:event',
  ready: 'desk:ready',
  openBinding: 'desk:open-binding',
} as const;

/**
 * In the Electron window, `resolveLink('/binding/<id>')` gives `waimai-desk-binding:<id>`:
 * there is no HTTP server to redirect, so the window's open handler recognises the scheme and
 * opens the platform's page in the binding window instead (electron/main/binding-window.ts).
 */
export const BINDING_LINK_SCHEME = 'waimai-desk-binding:';
