/**
 * The tunnel got its wanted address back while a stand-in one, which staff may have
 * registered at the platforms, is still served. Says so, and lets staff confirm they have
 * changed the registration back — only then does the app stop serving the stand-in.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskStatus } from '../../../../shared/api.js';
import { useDesk } from '../../state/use-desk.js';

export default function StandInConfirm({ tunnel }: { tunnel: DeskStatus['tunnel'] }): React.JSX.Element | null {
  const { t } = useTranslation('stores');
  const desk = useDesk();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState('');
  const standIns = tunnel.standInUrls ?? [];
  if (standIns.length === 0) return null;
  const confirm = (): void => {
    setBusy(true);
    setFailed('');
    desk.api
      .confirmTunnelAddress()
      .catch((err: unknown) => setFailed((err as Error).message))
      .finally(() => setBusy(false));
  };
  return (
    <span className="status-item status-standin" data-testid="tunnel-standin" role="alert">
      {t('standIn.text', { standIns: standIns.join(', '), url: tunnel.url ?? '' })}{' '}
      <button type="button" className="status-recover" onClick={confirm} disabled={busy} title={t('standIn.title')}>
        {t('standIn.confirm')}
      </button>
      {failed && <span className="status-reason">（{failed}）</span>}
    </span>
  );
}
