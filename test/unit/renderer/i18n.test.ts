// @vitest-environment happy-dom
/** Chinese first, English complete: every string the UI can show exists in both languages. */
import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../../renderer/src/i18n/index.js';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('UI strings', () => {
  for (const [ns, { zh, en }] of Object.entries(STRINGS)) {
    it(`${ns}: English has exactly the Chinese keys, none empty`, () => {
      expect(keys(en).sort()).toEqual(keys(zh).sort());
      for (const k of keys(zh)) {
        const get = (o: unknown): unknown => k.split('.').reduce<unknown>((a, p) => (a as Record<string, unknown>)[p], o);
        expect(String(get(zh)).trim(), `${ns}.${k} (zh)`).not.toBe('');
        expect(String(get(en)).trim(), `${ns}.${k} (en)`).not.toBe('');
      }
    });
  }
});
