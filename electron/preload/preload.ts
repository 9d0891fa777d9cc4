/**
 * The counter window's preload: exposes exactly one object, `window.desk`, a `DeskClient`
 * (renderer/src/api/desk-client.ts) — nothing of Electron or Node reaches the page (after
 * Electron Fiddle's preload). Bundled to CommonJS (dist/main/preload.cjs) because a
 * sandboxed preload cannot be an ES module. It imports no zod and no core: method names come
 * from shared/api-methods.ts, channel names from shared/ipc.ts.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DeskApi, DeskEventName, DeskEvents } from '../../shared/api.js';
import { DESK_API_METHODS } from '../../shared/api-methods.js';
import { BINDING_LINK_SCHEME, IPC } from '../../shared/ipc.js';
import { DeskCallError, type DeskClient, type DeskListener } from '../../renderer/src/api/desk-client.js';

type CallReply = { ok: true; result: unknown } | { ok: false; error: string; retriable: boolean };

function makeApi(): DeskApi {
  const api: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of DESK_API_METHODS) {
    api[method] = async (...args: unknown[]) => {
      const reply = (await ipcRenderer.invoke(IPC.call, method, args)) as CallReply;
      // contextBridge copies a thrown error to the page with its message only (custom fields
      // such as `retriable` do not cross): the message is what the renderer shows.
      if (!reply.ok) throw new DeskCallError(reply.error, reply.retriable);
      return reply.result;
    };
  }
  return api as unknown as DeskApi;
}

function makeDeskClient(): DeskClient {
  const listeners = new Set<DeskListener>();
  let announced = false;
  ipcRenderer.on(IPC.event, (_event: IpcRendererEvent, name: DeskEventName, payload: DeskEvents[DeskEventName]) => {
    for (const l of listeners) l(name, payload);
  });
  return {
    api: makeApi(),
    subscribe(listener) {
      listeners.add(listener);
      // Main queues events until someone listens: say so once the first listener is here.
      if (!announced) {
        announced = true;
        ipcRenderer.send(IPC.ready);
      }
      return () => {
        listeners.delete(listener);
      };
    },
    resolveLink(path) {
      const m = /^\/binding\/([A-Za-z0-9_-]{1,100})$/.exec(path);
      return m ? `${BINDING_LINK_SCHEME}${m[1]}` : path;
    },
    async openLink(path) {
      // Main opens the binding window itself (no preload, own session): nothing comes back
      // to the page but whether it opened.
      return (await ipcRenderer.invoke(IPC.openBinding, path)) === true;
    },
    // Main and this window live and die together: there is no connection to lose.
    onConnection() {
      return () => undefined;
    },
  };
}

contextBridge.exposeInMainWorld('desk', makeDeskClient());
