/**
 * The only IPC channel names (STYLE.md habit 1: nothing else spells a channel name). Calls
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
