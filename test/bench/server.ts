/**
 * One receiver under test, in its own process so the load generator does not share its event
 * loop. Modes: `bare` (a Node server that only answers {"data":"OK"}), `desk` (our receiver:
 * verify, journal with fsync, fold), `naive` (one lowdb file, push then write per callback).
 * Prints `listening <url>` on stdout.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { join } from 'node:path';
import { JSONFile } from 'lowdb/node';
import { Low } from 'lowdb';
import pino from 'pino';
import { parseConfig } from '../../electron/core/config.js';
import { Desk } from '../../electron/core/desk.js';
import { meituan as meituanPlatform } from '../../electron/core/platforms/meituan/index.js';
import { interpretOrder } from '../../electron/core/platforms/meituan/interpret.js';
import { ownerOnlyFileBox } from '../../electron/core/storage/bindings.js';
import { BENCH_DEVELOPER_ID, BENCH_SIGN_KEY, BENCH_STORE } from './payloads.js';
import { writeHistory, naiveHistory } from './history.js';

const [mode, dataDir, historyArg] = process.argv.slice(2);
const history = Number(historyArg ?? '0');
const OK = '{"data":"OK"}';

function announce(server: http.Server): void {
  server.listen(0, '127.0.0.1', () => {
    const a = server.address() as { port: number };
    process.stdout.write(`listening http://127.0.0.1:${a.port}\n`);
  });
}

async function main(): Promise<void> {
  await mkdir(dataDir!, { recursive: true });
  if (mode === 'bare') {
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(OK);
      });
    });
    announce(server);
    return;
  }
  if (mode === 'naive') {
    // What a first attempt looks like: lowdb's own JSONFile, one file, written per callback.
    const file = join(dataDir!, 'db.json');
    await writeFile(file, JSON.stringify({ orders: naiveHistory(history) }, null, 2));
    const db = new Low(new JSONFile<{ orders: unknown[] }>(file), { orders: [] });
    await db.read();
    const route = meituanPlatform.routes.find((r) => r.path === '/meituan/order/new')!;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        (async () => {
          const fields = route.parse({ method: 'POST', headers: req.headers, query: '', body: Buffer.concat(chunks) });
          route.verify(fields, { config: { developerId: BENCH_DEVELOPER_ID, signKey: BENCH_SIGN_KEY }, pendingBinding: () => false });
          const [effect] = interpretOrder(fields, 'new');
          db.data.orders.push(effect);
          await db.write();
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(OK);
        })().catch((err: unknown) => {
          // Answer, don't die: a failed write is a failed push, counted by the load generator.
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ data: 'NOT OK', reason: (err as Error).message }));
        });
      });
    });
    announce(server);
    return;
  }
  if (history > 0) await writeHistory(dataDir!, history);
  const desk = await Desk.start({
    dataDir: dataDir!,
    config: parseConfig({ meituan: { developerId: BENCH_DEVELOPER_ID, signKey: BENCH_SIGN_KEY }, stores: [{ id: BENCH_STORE, name: '湘北人家' }] }),
    sandbox: false,
    logger: pino({ level: 'silent' }),
    secretBox: ownerOnlyFileBox,
  });
  process.stdout.write(`listening ${desk.receiver.url} orders=${desk.storage.orderCount}\n`);
}

// Exit normally on a signal, so --cpu-prof can write its profile.
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => process.exit(0));
void main();
