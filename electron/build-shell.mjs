#!/usr/bin/env node
// `npm run build:shell`: bundles the Electron main process and the preload with esbuild.
// - dist/main/main.js: ESM for Node; `electron` is provided by the runtime, and packages with
//   native or worker-thread parts stay outside the bundle (loaded from node_modules).
// - dist/main/preload.cjs: CommonJS, because a sandboxed preload cannot be an ES module.
// Then it makes sure dist/renderer/index.html carries the CSP as a meta tag: Electron loads the
// page from file://, where a response header is not honoured by every version (electron/csp.ts).
import { build } from 'esbuild';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'main');

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning', absWorkingDir: root };

await build({
  ...common,
  entryPoints: [join(root, 'electron/main/main.ts')],
  outfile: join(out, 'main.js'),
  format: 'esm',
  // pino resolves its helpers at run time (thread-stream, workers): keep it and its roller as
  // node_modules packages; fastify/zod bundle fine.
  external: ['electron', 'pino', 'pino-roll'],
  // Bundled CommonJS dependencies may call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

await build({
  ...common,
  entryPoints: [join(root, 'electron/preload/preload.ts')],
  outfile: join(out, 'preload.cjs'),
  format: 'cjs',
  platform: 'browser',
  external: ['electron'],
});

const index = join(root, 'dist', 'renderer', 'index.html');
if (existsSync(index)) {
  // Read from the TypeScript source (plain Node cannot import .ts everywhere): one policy string.
  const CSP = /export const CSP =\s*"([^"]+)"/.exec(readFileSync(join(root, 'electron', 'csp.ts'), 'utf8'))?.[1];
  if (!CSP) throw new Error('build:shell: could not read CSP from electron/csp.ts');
  const html = readFileSync(index, 'utf8');
  if (!html.includes('http-equiv="Content-Security-Policy"')) {
    writeFileSync(index, html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`));
  }
} else {
  process.stderr.write('build:shell: dist/renderer/index.html is missing; run `npm run build:app` to build both.\n');
}
process.stdout.write('build:shell: dist/main/main.js, dist/main/preload.cjs\n');
