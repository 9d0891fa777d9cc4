/**
 * Starts the core for the app, as `serve` does (electron/headless/cli.ts), in `userData`.
 * The settings are the app's own `<userData>/config.json` (electron/core/app-config.ts: written
 * by the settings screen, secrets sealed by our box); until something is saved there, the
 * embedded sandbox platforms run with demo stores (electron/headless/sandbox-setup.ts, shared
 * with `serve`), in a `sandbox` sub-folder so demo orders never mix with the shop's. A save
 * restarts the core on the new settings through `DeskHost.restart` and ends the demo.
 *
 * The secret box is the keychain one or — when the OS has none — a box that refuses to seal,
 * so no secret is ever written in clear (secrets.ts).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { DeskActionError } from '../core/api-schemas.js';
import { openAppConfig } from '../core/app-config.js';
import { parseConfig, type DeskConfig } from '../core/config.js';
import { DeskHost } from '../core/desk-host.js';
import type { SecretBox } from '../core/storage/bindings.js';
import { startSandboxes, type Sandboxes } from '../headless/sandbox-setup.js';
import { superviseDeskTunnel } from '../core/tunnel/desk-tunnel.js';
import type { TunnelSupervisor } from '../core/tunnel/supervisor.js';
import type { KeychainResult } from './secrets.js';
import { registerSystemPrinting } from '../core/printing/system/index.js';
import { printHtml } from './print-html.js';

export const DEMO_INTERVAL_SECONDS = 20;

/** Stands in when the keychain is missing: every seal/open fails with the reason, for staff. */
export function refusingBox(problem: string): SecretBox {
  const refuse = (): never => {
    throw new DeskActionError(problem);
  };
  return { kind: 'unavailable', available: false, seal: refuse, open: refuse };
}

export interface StartedDesk {
  host: DeskHost;
  stop(): Promise<void>;
}

export async function startDesk(o: { userData: string; logger: Logger; keychain: KeychainResult }): Promise<StartedDesk> {
  const dataDir = o.userData;
  await mkdir(dataDir, { recursive: true });
  // System printers (CUPS, the Windows spooler); a driver that refuses raw bytes gets the ticket as a page.
  registerSystemPrinting({ printHtml: (device, html) => printHtml(device, html) });
  const secretBox = o.keychain.ok ? o.keychain.box : refusingBox(o.keychain.problem);
  const appConfig = await openAppConfig(dataDir, secretBox);
  const saved = appConfig.config;
  // The demo's sandbox keeps its orders and tokens next to the demo's data (a restart resumes them).
  const sandboxDir = join(dataDir, 'sandbox');
  if (!saved) await mkdir(sandboxDir, { recursive: true });
  let sandbox: Sandboxes | null = saved ? null : await startSandboxes({ config: parseConfig({}), dataDir: sandboxDir }, o.logger);

  let host: DeskHost | null = null;
  // The tunnel follows the running core: a restart gives the receiver a new port.
  let tunnel: TunnelSupervisor | null = null;
  const startTunnel = async (config: DeskConfig | null): Promise<void> => {
    await tunnel?.stop();
    tunnel = null;
    const t = config?.tunnel;
    if (!host || !t?.enabled) return;
    tunnel = superviseDeskTunnel(host.current, { ...(t.host ? { host: t.host } : {}), ...(t.subdomain ? { subdomain: t.subdomain } : {}) }, o.logger);
    tunnel.start();
  };
  const onConfigSaved = async (config: DeskConfig): Promise<void> => {
    if (!host) return;
    // The shop's own settings from now on: the demo and its folder are left behind.
    await tunnel?.stop();
    await host.restart({ config, sandbox: false, dataDir, configSource: 'app' });
    await sandbox?.stop();
    sandbox = null;
    await startTunnel(config);
  };
  host = await DeskHost.start({
    dataDir: sandbox ? sandboxDir : dataDir,
    config: sandbox ? sandbox.config : (saved as DeskConfig),
    sandbox: !!sandbox,
    logger: o.logger,
    secretBox,
    configStore: appConfig,
    configSource: sandbox ? 'sandbox' : 'app',
    onConfigSaved,
  });
  if (!o.keychain.ok) host.current.storage.problems.push(o.keychain.problem);
  // Without a keychain the demo must not bind its store either: binding seals a token.
  if (sandbox && o.keychain.ok) await sandbox.attach(host.current, DEMO_INTERVAL_SECONDS);
  if (!sandbox) await startTunnel(saved);
  const started = host;
  return {
    host: started,
    async stop() {
      await tunnel?.stop();
      await sandbox?.stop();
      await started.stop();
    },
  };
}
