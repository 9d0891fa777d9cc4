/**
 * What the platforms said about stores rather than orders: the latest store status (营业 /
 * 休息), the privacy-number downgrade, and any other store notice. Kept in its own durable file
 * (`store-notices.json`) because a fold moves the checkpoint past the journal lines that said
 * it. Applied from the journaled callback, live and at replay alike, and written before the
 * entry counts as applied, so the checkpoint never passes a notice that is not on disk. Every
 * entry remembers the journal line it came from: applying a line twice changes nothing, and an
 * older line replayed after a newer one never replaces it.
 */
import { join } from 'node:path';
import type { Platform } from '../../../shared/order.js';
import { platformsOfKind } from '../../../shared/platforms.js';
import type { Binding, Store, StoreNotice, StoreStatusNote, StoreWarning } from '../../../shared/store.js';
import { DEFAULT_STORE_SETTINGS, UNBOUND } from '../../../shared/store.js';
import type { Effect } from '../platforms/types.js';
import { type CorruptFileError, DurableJsonFile } from './durable-file.js';

export type NoticeEffect = Extract<Effect, { kind: 'notice' }>;

/** The journal line a fact came from, and the identity of the push (the same push re-sent has the same). */
export interface Origin {
  seq: number;
  at: string;
  fingerprint: string;
}

interface Entry {
  status?: StoreStatusNote & Origin;
  privacy?: Origin;
  notices: (StoreNotice & Origin)[];
}

interface NoticesFile {
  v: 1;
  /** `${platform}:${storeId}`; storeId '' is the whole platform (a notice that names no store). */
  entries: Record<string, Entry>;
}

/** Other notices kept per store: enough to see what happened lately, bounded for a file rewritten on each. */
export const MAX_STORE_NOTICES = 10;

const isFile = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && (v as NoticesFile).v === 1 && typeof (v as NoticesFile).entries === 'object';

/** Newer than what is kept: a later journal line (or a later time, should the journal have started over). */
const newer = (next: Origin, kept: Origin | undefined): boolean =>
  kept === undefined || next.seq > kept.seq || next.at > kept.at;

export class StoreNotices {
  private data: NoticesFile = { v: 1, entries: {} };
  private readonly file: DurableJsonFile<NoticesFile>;
  private opened: Promise<void> | null = null;

  constructor(dataDir: string, onProblem: (detail: string) => void) {
    this.file = new DurableJsonFile<NoticesFile>(join(dataDir, 'store-notices.json'), {
      validate: isFile,
      onCorrupt: (err: CorruptFileError) =>
        onProblem(`门店通知文件损坏，已移到 ${err.movedTo}；门店状态等下次平台推送时恢复 (store-notices.json unreadable)`),
    });
  }

  /** Read the file once; later calls wait for that read. */
  ready(): Promise<void> {
    this.opened ??= this.file.read().then((d) => {
      if (d) this.data = d;
    });
    return this.opened;
  }

  /** Record one notice from journal line `seq`/`at`; resolves once it is on disk. False when nothing changed. */
  async apply(n: NoticeEffect, origin: Origin): Promise<boolean> {
    await this.ready();
    const key = `${n.platform}:${n.storeId}`;
    const entry: Entry = this.data.entries[key] ?? { notices: [] };
    const { seq, at, fingerprint } = origin;
    // The platform re-sends a push it thinks we missed: the same push again is not news.
    if (n.type === 'poi-status') {
      if (!newer(origin, entry.status) || entry.status?.fingerprint === fingerprint) return false;
      entry.status = { state: n.storeState ?? 'unknown', code: n.code ?? null, detail: n.detail, ...origin };
    } else if (n.type === 'privacy-downgrade') {
      if (!newer(origin, entry.privacy) || entry.privacy?.fingerprint === fingerprint) return false;
      entry.privacy = origin;
    } else {
      if (entry.notices.some((k) => k.fingerprint === fingerprint && k.type === n.type)) return false;
      entry.notices = [...entry.notices, { type: n.type, detail: n.detail, at, seq, fingerprint }]
        .sort((a, b) => a.seq - b.seq)
        .slice(-MAX_STORE_NOTICES);
    }
    this.data.entries[key] = entry;
    await this.file.write(this.data);
    return true;
  }

  /** A store's binding with what the platform last said about it (the platform-wide privacy notice included). */
  withNotices(platform: Platform, storeId: string, binding: Binding): Binding {
    const own = this.data.entries[`${platform}:${storeId}`];
    const all = this.data.entries[`${platform}:`];
    const out: Binding = { ...binding };
    if (own?.status) {
      const { state, code, detail, at } = own.status;
      out.status = { state, code, detail, at };
    }
    const privacy = [own?.privacy?.at, all?.privacy?.at].filter((a): a is string => a !== undefined).sort().at(-1);
    if (privacy) out.privacyDowngradedAt = privacy;
    const notices = [...(all?.notices ?? []), ...(own?.notices ?? [])].sort((a, b) => a.seq - b.seq);
    if (notices.length > 0) out.notices = notices.map(({ type, detail, at }) => ({ type, detail, at }));
    return out;
  }

  /** The store as the screens see it: every binding with its notices. */
  view(store: Store): Store {
    return {
      ...store,
      bindings: Object.fromEntries(
        platformsOfKind('takeaway').map((p) => [p, this.withNotices(p, store.id, store.bindings[p])]),
      ) as Store['bindings'],
    };
  }

  /** Stores not taking orders, or whose privacy numbers were downgraded since `since` (ISO): for the status bar. */
  warnings(stores: readonly Store[], since: string): StoreWarning[] {
    const out: StoreWarning[] = [];
    // A store id the shop has not configured (a typo in the config?) is still warned about, by its id.
    const known = new Set(stores.map((s) => s.id));
    const unknown = [...new Set(Object.keys(this.data.entries).map((k) => k.slice(k.indexOf(':') + 1)))]
      .filter((id) => id !== '' && !known.has(id))
      .map((id): Store => ({ id, name: '', bindings: Object.fromEntries(platformsOfKind('takeaway').map((p) => [p, UNBOUND])) as Store['bindings'], settings: DEFAULT_STORE_SETTINGS }));
    for (const store of [...stores, ...unknown]) {
      for (const platform of platformsOfKind('takeaway')) {
        const b = this.withNotices(platform, store.id, store.bindings[platform]);
        const base = { storeId: store.id, storeName: store.name, platform };
        const s = b.status;
        if (s && s.state !== 'open') {
          const kind = s.state === 'unknown' ? 'unknown-state' : s.state;
          out.push({ ...base, kind, detail: s.detail, at: s.at });
        }
        if (b.privacyDowngradedAt && b.privacyDowngradedAt >= since) {
          out.push({ ...base, kind: 'privacy-downgrade', detail: '', at: b.privacyDowngradedAt });
        }
      }
    }
    return out;
  }
}
