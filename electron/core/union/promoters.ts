/**
 * Names staff give to Union promoter sub-ids (sid → 「王姐」), kept in `<dataDir>/promoters.json`.
 * The platform only ever sends the sid; the name is the shop's own note, so it lives beside the
 * orders and survives a crash mid-write (DurableJsonFile).
 */
import { join } from 'node:path';
import type { Low } from 'lowdb';
import type { Promoter } from '../../../shared/api.js';
import { openLow, type CorruptFileError } from '../storage/durable-file.js';

interface PromotersFile {
  v: 1;
  names: Record<string, string>;
}

export const MAX_PROMOTER_NAME = 40;

function valid(value: unknown): boolean {
  const f = value as PromotersFile;
  return (
    typeof f === 'object' && f !== null && f.v === 1 && typeof f.names === 'object' && f.names !== null &&
    Object.values(f.names).every((n) => typeof n === 'string')
  );
}

export class Promoters {
  private constructor(private readonly db: Low<PromotersFile>) {}

  /** A corrupt file is moved aside (kept for someone to look at) and the names start empty. */
  static async open(dataDir: string, onCorrupt: (err: CorruptFileError) => void): Promise<Promoters> {
    const db = await openLow<PromotersFile>(join(dataDir, 'promoters.json'), { v: 1, names: {} }, { validate: valid, onCorrupt });
    return new Promoters(db);
  }

  get names(): Readonly<Record<string, string>> {
    return this.db.data.names;
  }

  list(): Promoter[] {
    return Object.entries(this.db.data.names)
      .map(([sid, name]) => ({ sid, name }))
      .sort((a, b) => a.sid.localeCompare(b.sid));
  }

  /** Set (or, with an empty name, clear) the name; resolves once it is on disk. */
  async name(sid: string, name: string): Promise<Promoter> {
    const clean = name.trim();
    // A copy, so a failed write leaves the names as they were on disk.
    const names = { ...this.db.data.names };
    if (clean) names[sid] = clean;
    else delete names[sid];
    await this.db.adapter.write({ v: 1, names });
    this.db.data = { v: 1, names };
    return { sid, name: clean };
  }
}
