/**
 * The tunnel wired to a Desk: every state change feeds the status bar and the callback URLs,
 * and a changed public address becomes a red problem — every URL registered at the platforms points
 * at the old address until staff re-register it. When the wanted address comes back, the
 * stand-in stays served and the problem stays (worded for going back) until staff confirm.
 */
import type { Logger } from 'pino';
import type { Desk } from '../desk.js';
import { TunnelSupervisor, type AddressChanged, type TunnelSupervisorOptions } from './supervisor.js';

export type DeskTunnelOptions = Omit<TunnelSupervisorOptions, 'receiverPort' | 'logger'>;

export function superviseDeskTunnel(
  desk: Pick<Desk, 'setTunnel' | 'tunnelAlert' | 'receiver' | 'recoverMissed' | 'setTunnelConfirmer'>,
  opts: DeskTunnelOptions,
  logger: Logger,
): TunnelSupervisor {
  const supervisor = new TunnelSupervisor({ ...opts, receiverPort: Number(new URL(desk.receiver.url).port), logger });
  let wasDown = false;
  supervisor.on('state', (t) => {
    desk.setTunnel(t);
    if (t.state === 'down') wasDown = true;
    // Back after an outage: a platform may have given up pushing meanwhile (retries are few
    // and unpublished): pull what it holds for us.
    if (t.state === 'up' && wasDown) {
      wasDown = false;
      void desk.recoverMissed('tunnel-restored');
    }
  });
  let last: AddressChanged | null = null;
  const tell = (ev: AddressChanged): void => {
    last = ev;
    desk.tunnelAlert(addressAlert(ev));
  };
  supervisor.on('address-changed', (ev) => {
    if (ev.got !== ev.wanted) logger.error({ wanted: ev.wanted, got: ev.got, url: ev.url }, 'tunnel address changed: the wanted subdomain is taken');
    else logger.warn({ url: ev.url, standIns: ev.standIns }, 'tunnel back on the wanted address');
    tell(ev);
  });
  desk.setTunnelConfirmer(() => {
    if (!supervisor.confirmAddress()) return false;
    if (last) tell({ ...last, standIns: [] });
    return true;
  });
  return supervisor; // started by the caller, after it has added its own listeners
}

/** The red problem for the address staff must register, or null when nothing is to do. */
export function addressAlert({ wanted, got, url, standIns }: AddressChanged): string | null {
  if (got !== wanted) {
    return `公网地址变了：想要的子域名「${wanted}」被占用，现在是 ${url} 。美团后台登记的回调地址已失效，请到「门店」页复制新的回调地址重新登记；程序会在后台继续尝试取回「${wanted}」。`;
  }
  if (standIns.length === 0) return null;
  return `公网地址「${wanted}」已取回，现在是 ${url} 。之前的临时地址 ${standIns.join('、')} 仍在接单，订单不会丢：请到美团后台把回调地址改回「门店」页显示的地址，改好后点「已改回」，临时地址随即停用。`;
}
