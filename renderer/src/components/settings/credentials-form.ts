/**
 * The credentials form as plain data: filled from the main side's view (which never holds a
 * secret), and turned back into what `saveAppConfig` takes. A secret is sent only when someone
 * typed one: a blank field means "keep the saved one", so the UI never needs to know it.
 */
import type { AppConfigInput, AppConfigStore, AppConfigView } from '../../../../shared/api.js';

export interface StoreRow extends AppConfigStore {
  /** React's key: stable while ids are being typed. */
  key: number;
  /** Saved already: its id links it to platform bindings and orders, so it stays fixed. */
  saved: boolean;
}

export interface CredentialsDraft {
  developerId: string;
  signKey: string;
  apiBase: string;
  authBase: string;
  callbackSecret: string;
  stores: StoreRow[];
}

let nextKey = 1;
export const rowKey = (): number => nextKey++;

export function draftFromView(view: AppConfigView): CredentialsDraft {
  return {
    developerId: view.meituan?.developerId ?? '',
    signKey: '',
    apiBase: view.meituan?.apiBase ?? '',
    authBase: view.meituan?.authBase ?? '',
    callbackSecret: '',
    stores: view.stores.map((s) => ({ ...s, key: rowKey(), saved: true })),
  };
}

/** A store id not yet in the list (`store-3` …), so 添加门店 gives a row that can be saved as is. */
export function newStoreRow(rows: readonly StoreRow[]): StoreRow {
  const ids = new Set(rows.map((r) => r.id));
  let n = rows.length + 1;
  while (ids.has(`store-${n}`)) n++;
  return { id: `store-${n}`, name: '', key: rowKey(), saved: false };
}

export function inputFromDraft(draft: CredentialsDraft, view: AppConfigView): AppConfigInput {
  const developerId = draft.developerId.trim();
  const signKey = draft.signKey.trim();
  const callbackSecret = draft.callbackSecret.trim();
  return {
    // Nothing typed and nothing saved: Meituan stays unconfigured.
    meituan:
      !developerId && !signKey && !view.meituan
        ? null
        : {
            developerId,
            ...(signKey ? { signKey } : {}),
            ...(draft.apiBase.trim() ? { apiBase: draft.apiBase.trim() } : {}),
            ...(draft.authBase.trim() ? { authBase: draft.authBase.trim() } : {}),
          },
    union: callbackSecret ? { callbackSecret } : view.union ? {} : null,
    stores: draft.stores.map((r) => ({
      id: r.id.trim(),
      name: r.name.trim(),
      ...(r.autoAccept !== undefined && { autoAccept: r.autoAccept }),
      ...(r.autoAcceptDelaySeconds !== undefined && { autoAcceptDelaySeconds: r.autoAcceptDelaySeconds }),
    })),
  };
}
