/**
 * The tunnel wired to a Desk: every state change feeds the status bar and the callback URLs,
 * and a changed public address becomes a red problem until the wanted name is back — every
 * URL registered at Meituan points at the old address until staff re-register it.
 */
import type { Logger } from 'pino';
import type { Desk } from '../desk.js';
import { TunnelSupervisor, type TunnelSupervisorOptions } from './supervisor.js';

export type DeskTunnelOptions = Omit<TunnelSupervisorOptions, 'receiverPort' | 'logger'>;

export function superviseDeskTunnel(
  desk: Pick<Desk, 'setTunnel' | 'tunnelAlert' | 'receiver' | 'recoverMissed'>,
  opts: DeskTunnelOptions,
  logger: Logger,
): TunnelSupervisor {
  const supervisor = new TunnelSupervisor({ ...opts, receiverPort: Number(new URL(desk.receiver.url).port), logger });
  let wasDown = false;
  supervisor.on('state', (t) => {
    desk.setTunnel(t);
    if (t.state === 'down') wasDown = true;
    // Back after an outage: Meituan may have given up pushing meanwhile (its retries are few
    // and unpublished, FIELD-NOTES): pull what it holds for us.
    if (t.state === 'up' && wasDown) {
      wasDown = false;
      void desk.recoverMissed('tunnel-restored');
    }
  });
  supervisor.on('address-changed', ({ wanted, got, url }) => {
    if (got === wanted) {
      logger.warn({ url }, 'tunnel back on the wanted address');
      desk.tunnelAlert(null);
      return;
    }
    logger.error({ wanted, got, url }, 'tunnel address changed: the wanted subdomain is taken');
    desk.tunnelAlert(
      `公网地址变了：想要的子域名「${wanted}」被占用，现在是 ${url} 。美团后台登记的回调地址已失效，请到「门店」页复制新的回调地址重新登记；程序会在后台继续尝试取回「${wanted}」。`,
    );
  });
  return supervisor; // started by the caller, after it has added its own listeners
}
