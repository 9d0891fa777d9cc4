/**
 * The repository stands alone: no tracked source file or doc points at papers kept outside it
 * (a design page, field notes, a style guide, protocol notes and their section numbers or source
 * tags), at an issue-tracker number, or at a path on someone's machine. A fact the code relies on
 * is written down here instead — in docs/ or in the platform folder's README — and comments point
 * there (docs/shell-habits.md, "Comments say why, and outside facts live in the repo").
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SELF = 'test/unit/repo-stands-alone.test.ts';

/**
 * Files allowed to keep an outside reference for a while (e.g. while a branch rewriting them is
 * open). Empty now. It cannot rot: a listed file with no reference left fails the second test.
 */
const PENDING: readonly string[] = [];

/** What "pointing outside" looks like, each with the words a failure prints. */
const OUTSIDE: readonly { what: string; re: RegExp }[] = [
  { what: 'the outside design page', re: /\bDESIGN(?:\.md)?\b/ },
  { what: 'the outside field notes', re: /FIELD-NOTES/ },
  { what: 'the outside style guide', re: /STYLE\.md/ },
  { what: 'the outside protocol notes', re: /protocols\/(?:meituan|eleme|localtunnel)/ },
  {
    what: 'a folder beside the repository',
    re: /(?:\.\.\/)+shared\/(?:DESIGN|FIELD|STYLE|protocols|samples)/,
  },
  { what: 'a machine path', re: /\/work\// },
  { what: 'an issue number', re: /[Ii]ssue ?#?\d+/ },
  // Section numbers and source tags of the outside protocol notes; an RFC's sections are fine.
  { what: 'a section of the outside notes', re: /(?<!RFC \d+ )§ ?\d/ },
  {
    what: 'a source tag of the outside notes',
    re: /\[(?:RESTO|CINSC|HANSON|HITSP|AILE|YME|STDCS|EASY4J|SDK-v\d|BLOG-\w+|U-[A-Z0-9]+)\b/,
  },
  { what: 'a pitfall of the outside notes', re: /\bpitfall \d/ },
];

/** Source and docs: what people read. Fixtures are platform data kept byte for byte. */
const SCANNED = /\.(?:ts|tsx|mts|cts|js|mjs|cjs|md|yml|yaml|json|html|css)$|^\.ci\/run$/;
const NOT_SCANNED = (path: string): boolean =>
  path === SELF || path === 'package-lock.json' || path.startsWith('test/fixtures/');

function findOutsideReferences(text: string): { line: number; what: string; text: string }[] {
  const found: { line: number; what: string; text: string }[] = [];
  text.split('\n').forEach((line, i) => {
    for (const { what, re } of OUTSIDE) {
      if (re.test(line)) found.push({ line: i + 1, what, text: line.trim() });
    }
  });
  return found;
}

function trackedFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
  return out.split('\0').filter((p) => p && SCANNED.test(p) && !NOT_SCANNED(p));
}

function scan(paths: readonly string[]): Map<string, string[]> {
  const hits = new Map<string, string[]>();
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(join(ROOT, path), 'utf8');
    } catch {
      continue; // deleted in the work tree but not yet in the index
    }
    const found = findOutsideReferences(text).map((h) => `${path}:${h.line}: ${h.what}: ${h.text}`);
    if (found.length) hits.set(path, found);
  }
  return hits;
}

describe('the repository stands alone', () => {
  it('recognises each kind of outside reference, and leaves in-repo ones alone', () => {
    const outside = [
      ' * The configuration file (DESIGN.md, "Config file").',
      '// see ../shared/DESIGN, data flow',
      '/** idempotent accept, FIELD-NOTES.md */',
      ' * secure by default (STYLE.md habit 3)',
      ' * (protocols/meituan.md, PLATFORM 2)',
      "// fixtures from '../../shared/samples/meituan/'",
      ' * Source: `/work/shared/protocols/meituan.md`',
      ' * Accepting orders automatically (issue 2, item 7).',
      '// as asked in Issue #12',
      ' * The sandbox API (§1.5): params from query and/or form body',
      ' * the key set follows the [RESTO] push sample',
      ' * as [U-PHP] json_encodes it',
      ' * decoded once (pitfall 1)',
    ];
    for (const line of outside) expect(findOutsideReferences(line), line).not.toEqual([]);

    const inside = [
      "import type { Order } from '../../shared/order.js';",
      ' * (docs/design.md, Storage)',
      ' * (platforms/meituan/README.md, "Shipping")',
      ' * RFC 6761 §6.3: every `*.localhost` name is loopback.',
      ' * on Windows `hide()` still throttles (electron/electron#31016)',
      " * files full of NUL bytes after a power cut (lowdb's tracker #549)",
      'const DESIGN_WIDTH = 1024;',
    ];
    for (const line of inside) expect(findOutsideReferences(line), line).toEqual([]);
  });

  it('no tracked source file or doc points outside the repository', () => {
    const pending = new Set(PENDING);
    const hits = scan(trackedFiles().filter((p) => !pending.has(p)));
    expect([...hits.values()].flat()).toEqual([]);
  });

  it('every PENDING file still has an outside reference (take a clean one off the list)', () => {
    const hits = scan(PENDING);
    expect(PENDING.filter((p) => !hits.has(p))).toEqual([]);
  });
});
