/**
 * Meituan Union behind the platform boundary: a promotion platform. It pushes commission
 * orders; there is no store binding, no order action and nothing to pull, so it supplies no
 * outbound half. This file only wires the folder's pieces to the `PlatformModule` shape.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { PLATFORM_IDENTITIES } from '../../../../shared/platforms.js';
import { definePlatform, type PlatformSandbox } from '../types.js';
import { unionRoutes } from './routes.js';
import { UnionSandbox } from './sandbox.js';
import { signedFieldsKey } from '../common/dedupe.js';

export const unionConfigSchema = z.object({ callbackSecret: z.string().min(1) });
export type UnionConfig = z.infer<typeof unionConfigSchema>;

/** Made up: the sandbox signs with it and the desk verifies with it; never a real Union secret. */
export const SANDBOX_UNION_SECRET = 'sandboxUnionCallbackSecret01';
/** The Union sandbox's promotion orders, kept in the data folder across restarts. */
export const UNION_STATE_FILE = 'sandbox-union-state.json';
/** Union orders trickle in more slowly than takeaway ones (a few per hour in a real shop). */
const UNION_DEMO_INTERVAL_MS = 30_000;

/** The running sandbox behind the boundary, for tests that drive it directly. */
export interface UnionSandboxHandle extends PlatformSandbox {
  readonly instance: UnionSandbox;
}


export const union = definePlatform<UnionConfig>({
  name: 'union',
  identity: PLATFORM_IDENTITIES.union,
  bindsStores: false,
  config: {
    schema: unionConfigSchema,
    secretFields: ['callbackSecret'],
    form: {
      platform: 'union',
      title: { zh: '美团联盟', en: 'Meituan Union' },
      fields: [
        {
          key: 'callbackSecret',
          kind: 'secret',
          label: { zh: '美团联盟回调密钥', en: 'Meituan Union callback secret' },
          help: { zh: '美团联盟后台「订单回推」设置里的密钥；已保存的不会再显示', en: 'The secret in the Union console’s order callback settings; a saved one is never shown again' },
          required: true,
        },
      ],
    },
    verifyConfig: (c) => ({ callbackSecret: c.callbackSecret }),
  },
  routes: unionRoutes,
  dedupeKey: (fields) => signedFieldsKey(fields),
  sandbox: {
    async start(ctx): Promise<UnionSandboxHandle> {
      const sandbox = new UnionSandbox({
        callbackSecret: SANDBOX_UNION_SECRET,
        receiverUrl: ctx.receiverUrl,
        ...(ctx.dataDir ? { stateFile: join(ctx.dataDir, UNION_STATE_FILE) } : {}),
        ...(ctx.random ? { random: ctx.random } : {}),
      });
      await sandbox.restore();
      sandbox.on('push-gave-up', (e) => ctx.logger.warn({ e }, 'sandbox: gave up a union push'));
      return {
        instance: sandbox,
        config: { callbackSecret: SANDBOX_UNION_SECRET },
        // Promotion orders name no store of ours: the demo pushes at its own slower pace.
        startDemo: (o) => sandbox.startDemo({ intervalMs: UNION_DEMO_INTERVAL_MS, maxOrders: o.maxOrders }),
        stopDemo: () => sandbox.stopDemo(),
        stop: () => sandbox.stop(),
      };
    },
  },
});
