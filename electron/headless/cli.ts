/**
 * `waimai-desk serve` — the core headless, the UI in a browser (docs/design.md, contracts: commands).
 * Prints one `ready {…}` line on stdout when everything listens; logs go to stderr.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import type { DeskConfig } from '../core/config.js';
import { ConfigError, loadConfigFile, parseConfig, platformSection, publicUrlSchema } from '../core/config.js';
import { Desk } from '../core/desk.js';
import { PLATFORM_MODULES } from '../core/platforms/index.js';
import { ownerOnlyFileBox } from '../core/storage/bindings.js';
import { CorruptFileError } from '../core/storage/durable-file.js';
import { checkFolderFree, FolderLockedError } from '../core/storage/folder-lock.js';
import { superviseDeskTunnel } from '../core/tunnel/desk-tunnel.js';
import type { TunnelSupervisor } from '../core/tunnel/supervisor.js';
import { ConsoleServer } from './console-server.js';
import { startSandboxes, type Sandboxes } from './sandbox-setup.js';

const USAGE = `usage: waimai-desk serve [flags]
  --data-dir DIR        where orders, bindings and the journal live
  --config FILE         platform credentials and stores (JSON, see README)
  --receiver-port N     callback receiver port on 127.0.0.1 (0 = any free port; default 0)
  --console-port N      console/UI port on 127.0.0.1 (0 = any free port; default 0)
  --tunnel none|localtunnel
  --tunnel-host URL     tunnel server (default https://localtunnel.me)
  --subdomain NAME      wanted tunnel subdomain
  --public-url URL      the shop's own fixed https address reaching the receiver (overrides the config file's publicUrl)
  --time-zone ZONE      the shop's IANA time zone, e.g. Asia/Shanghai (default: the config file's timeZone,
                        else Asia/Shanghai with --sandbox, else this machine's)
  --sandbox             run the embedded sandbox platforms (default when no --config)
  --demo-interval SEC   sandbox: seconds between demo orders (0 = none; default 20)
environment:
  WAIMAI_SANDBOX_SEED=N sandbox: the same made-up orders on every run with the same N`;

export interface ServeOptions {
  dataDir: string;
  config: DeskConfig;
  sandbox: boolean;
  receiverPort: number;
  consolePort: number;
  tunnel: 'none' | 'localtunnel';
  /** The localtunnel server (default https://localtunnel.me) and the wanted name. */
  tunnelHost?: string;
  subdomain?: string;
  demoIntervalSeconds: number;
  /** Sandbox: demo orders per round (default 60); tests make rounds short. */
  demoRoundOrders?: number;
  /** Sandbox: the same made-up orders on every run (from WAIMAI_SANDBOX_SEED); absent: new each run. */
  sandboxSeed?: number;
}

/** The environment variable that makes the sandbox's demo content repeatable (an integer). */
export const SANDBOX_SEED_ENV = 'WAIMAI_SANDBOX_SEED';

export function defaultDataDir(sandbox: boolean): string {
  const base =
    process.platform === 'win32'
      ? join(process.env['APPDATA'] ?? join(homedir(), 'AppData', 'Roaming'), 'waimai-desk')
      : join(process.env['XDG_DATA_HOME'] ?? join(homedir(), '.local', 'share'), 'waimai-desk');
  // Sandbox orders never mix with a shop's real ones.
  return sandbox ? join(base, 'sandbox') : base;
}

export async function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<ServeOptions> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      'data-dir': { type: 'string' },
      config: { type: 'string' },
      'receiver-port': { type: 'string', default: '0' },
      'console-port': { type: 'string', default: '0' },
      tunnel: { type: 'string', default: 'none' },
      'tunnel-host': { type: 'string' },
      subdomain: { type: 'string' },
      'public-url': { type: 'string' },
      'time-zone': { type: 'string' },
      sandbox: { type: 'boolean', default: false },
      'demo-interval': { type: 'string', default: '20' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) throw new UsageError('');
  const port = (name: string, v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--${name} must be a port number 0–65535, got "${v}"`);
    return n;
  };
  const tunnel = values.tunnel;
  if (tunnel !== 'none' && tunnel !== 'localtunnel') throw new UsageError(`--tunnel must be none or localtunnel, got "${tunnel}"`);
  const tunnelHost = values['tunnel-host'];
  if (tunnelHost !== undefined && !/^https?:\/\/[^/]+\/?$/.test(tunnelHost)) throw new UsageError(`--tunnel-host must be an http(s)://host[:port] URL, got "${tunnelHost}"`);
  const fileConfig = values.config ? await loadConfigFile(resolve(values.config)) : parseConfig({});
  // Into the Desk's config, where the callback URLs are decided (DeskConfig.publicUrl).
  const publicUrl = values['public-url'] === undefined ? undefined : publicUrlSchema.safeParse(values['public-url']);
  if (publicUrl && !publicUrl.success) throw new UsageError(`--public-url must be an https:// URL, got "${values['public-url']}"`);
  const withUrl: DeskConfig = publicUrl?.success ? { ...fileConfig, publicUrl: publicUrl.data } : fileConfig;
  const sandbox = values.sandbox || (!values.config && !PLATFORM_MODULES.some((p) => platformSection(withUrl, p.name) !== undefined));
  const zoneArg = values['time-zone'];
  if (zoneArg !== undefined && !isTimeZone(zoneArg)) throw new UsageError(`--time-zone must be an IANA time zone such as Asia/Shanghai, got "${zoneArg}"`);
  // The demo's shop is in China: its business days follow Beijing time whatever this machine says.
  const timeZone = zoneArg ?? withUrl.timeZone ?? (sandbox ? SANDBOX_TIME_ZONE : undefined);
  const config: DeskConfig = timeZone ? { ...withUrl, timeZone } : withUrl;
  const demo = Number(values['demo-interval']);
  if (!Number.isFinite(demo) || demo < 0) throw new UsageError('--demo-interval must be a number of seconds ≥ 0');
  const seedText = env[SANDBOX_SEED_ENV];
  const seed = seedText === undefined || seedText === '' ? undefined : Number(seedText);
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new UsageError(`${SANDBOX_SEED_ENV} must be an integer, got "${seedText}"`);
  return {
    dataDir: resolve(values['data-dir'] ?? defaultDataDir(sandbox)),
    config,
    sandbox,
    receiverPort: port('receiver-port', values['receiver-port']),
    consolePort: port('console-port', values['console-port']),
    tunnel,
    ...(tunnelHost ? { tunnelHost } : {}),
    ...(values.subdomain ? { subdomain: values.subdomain } : {}),
    demoIntervalSeconds: demo,
    ...(seed !== undefined ? { sandboxSeed: seed } : {}),
  };
}

export class UsageError extends Error {}

/** Where the sandbox's made-up shop is, unless told otherwise. */
export const SANDBOX_TIME_ZONE = 'Asia/Shanghai';

function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface Served {
  desk: Desk;
  console: ConsoleServer;
  consoleUrl: string;
  token: string;
  sandboxes: Sandboxes | null;
  tunnel: TunnelSupervisor | null;
  stop(): Promise<void>;
}

/** How long `serve` waits for the first tunnel before printing `ready` with `tunnel: null`. */
const FIRST_TUNNEL_MS = 15_000;

export async function serve(o: ServeOptions, logger: pino.Logger): Promise<Served> {
  await mkdir(o.dataDir, { recursive: true, mode: 0o700 });
  // Headless mode keeps secrets in files only the owner can read (docs/design.md, security).
  await chmod(o.dataDir, 0o700).catch(() => undefined);
  // Before the sandboxes start: a second serve on a folder in use leaves without doing anything.
  await checkFolderFree(o.dataDir);
  const sandboxes = o.sandbox
    ? await startSandboxes({ config: o.config, dataDir: o.dataDir, ...(o.sandboxSeed !== undefined ? { seed: o.sandboxSeed } : {}) }, logger)
    : null;
  const config = sandboxes ? sandboxes.config : o.config;
  const desk = await Desk.start({
    dataDir: o.dataDir,
    config,
    sandbox: o.sandbox,
    logger,
    secretBox: ownerOnlyFileBox,
    receiverPort: o.receiverPort,
    // No config store: headless settings live in the --config file (or the demo), so the
    // settings screen shows them read-only and refuses to save.
    configSource: o.sandbox ? 'sandbox' : 'config-file',
  }).catch(async (err: unknown) => {
    // Refused (the folder taken meanwhile, a file it cannot read): leave nothing running.
    await sandboxes?.stop();
    throw err;
  });
  if (sandboxes) await sandboxes.attach(desk, o.demoIntervalSeconds, o.demoRoundOrders);
  const token = randomBytes(24).toString('base64url');
  const rendererDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'renderer');
  const consoleServer = new ConsoleServer({ api: desk, events: desk, token, logger, rendererDir, port: o.consolePort, bindingLinks: desk, warmCards: true });
  const consoleUrl = await consoleServer.listen();
  const tunnel =
    o.tunnel === 'localtunnel' ? superviseDeskTunnel(desk, { ...(o.tunnelHost ? { host: o.tunnelHost } : {}), ...(o.subdomain ? { subdomain: o.subdomain } : {}) }, logger) : null;
  tunnel?.start();
  // Whoever reads `ready` wants the public URL: wait for it, bounded; later it keeps trying.
  await tunnel?.waitUp(FIRST_TUNNEL_MS);
  return {
    desk,
    console: consoleServer,
    consoleUrl,
    token,
    sandboxes,
    tunnel,
    async stop() {
      await tunnel?.stop();
      await consoleServer.close();
      await sandboxes?.stop();
      await desk.stop();
    },
  };
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'serve') {
    process.stderr.write(`${USAGE}\n`);
    return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
  }
  // Logs on stderr: stdout carries only the ready line, for whoever started us.
  const logger = pino({ level: process.env['LOG_LEVEL'] ?? 'info', redact: ['*.signKey', '*.appAuthToken', '*.token', '*.secret'] }, pino.destination(2));
  let served: Served;
  try {
    served = await serve(await parseServeArgs(rest), logger);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(err.message ? `waimai-desk: ${err.message}\n\n${USAGE}\n` : `${USAGE}\n`);
      return err.message ? 2 : 0;
    }
    if (err instanceof ConfigError || err instanceof CorruptFileError || err instanceof FolderLockedError) {
      process.stderr.write(`waimai-desk: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const status = await served.desk.status();
  const ready = { receiver: status.receiver.url, console: served.consoleUrl, token: served.token, tunnel: status.tunnel.state === 'up' ? status.tunnel.url : null };
  process.stdout.write(`ready ${JSON.stringify(ready)}\n`);
  process.stderr.write(
    `\n  外卖接单台 waimai-desk is running${served.sandboxes ? ' with the embedded sandbox platforms' : ''}.\n` +
      `  Open: ${served.consoleUrl}/?token=${served.token}\n  Callbacks: ${status.receiver.url}\n\n`,
  );
  await new Promise<void>((resolveStop) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void served.stop().finally(resolveStop);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}
