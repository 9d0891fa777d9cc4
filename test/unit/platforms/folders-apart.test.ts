/**
 * A platform is one folder: what two platforms share lives in `platforms/common/` (or beside the
 * boundary in `platforms/`), never in one platform's folder for the others to import. So no file
 * in `platforms/<a>/` may import from `platforms/<b>/`, and `common/` imports no platform at all.
 * Imports are read with TypeScript's own pre-processor (static, re-exports, dynamic `import()`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const PLATFORMS = fileURLToPath(new URL('../../../electron/core/platforms', import.meta.url));
const COMMON = 'common';

/** The folder directly below platforms/ that `path` lies in; '' for a file of platforms/ itself or outside it. */
function folderOf(path: string): string {
  const rel = relative(PLATFORMS, path);
  if (rel.startsWith('..')) return '';
  const parts = rel.split(sep);
  return parts.length > 1 ? parts[0]! : '';
}

/** Every import of one file (`text`, at `file`) that lands in another platform's folder. */
function crossings(file: string, text: string): { from: string; to: string; specifier: string }[] {
  const from = folderOf(file);
  if (from === '') return [];
  const out: { from: string; to: string; specifier: string }[] = [];
  for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
    if (!specifier.startsWith('.')) continue;
    const to = folderOf(resolve(dirname(file), specifier));
    if (to === '' || to === from || to === COMMON) continue;
    out.push({ from, to, specifier });
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(?:ts|tsx|mts|cts)$/.test(e.name) ? [path] : [];
  });
}

describe('platform folders stand apart', () => {
  it('finds an import of another platform however it is written', () => {
    const file = join(PLATFORMS, 'eleme', 'sandbox.ts');
    const text = [
      "import { a } from '../meituan/values.js';",
      "export { b } from '../union/sign.js';",
      "const c = await import('../meituan/sandbox-http.js');",
      "import { d } from './codes.js';",
      "import { e } from '../common/money.js';",
      "import { f } from '../types.js';",
      "import { g } from 'lossless-json';",
    ].join('\n');
    expect(crossings(file, text).map((c) => `${c.to} ${c.specifier}`)).toEqual([
      'meituan ../meituan/values.js',
      'union ../union/sign.js',
      'meituan ../meituan/sandbox-http.js',
    ]);
    // common/ may import no platform either.
    expect(crossings(join(PLATFORMS, 'common', 'x.ts'), "import { h } from '../eleme/codes.js';")).toHaveLength(1);
  });

  it('no platform folder imports from another, and common/ imports none', () => {
    const files = sourceFiles(PLATFORMS);
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) =>
      crossings(file, readFileSync(file, 'utf8')).map((c) => `${relative(PLATFORMS, file)} imports ${c.specifier}`),
    );
    expect(found).toEqual([]);
  });
});
