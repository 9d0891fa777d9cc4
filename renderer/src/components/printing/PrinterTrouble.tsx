/**
 * Printers in trouble, on the status bar in staff words (「后厨打印机缺纸」), flashing and ringing
 * until the printer is fixed — like an owed order, but gently: every 30 s, and every 5 minutes
 * once someone pressed 知道了 (a new trouble rings at once again). The shop's mute silences it;
 * the flashing stays. The states come with the desk's status (`DeskStatus.printers`).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskStatus } from '../../../../shared/api.js';
import { langOf } from '../../lib/format.js';
import { useMute } from '../../sound/mute.js';
import { SoundPlayer } from '../../sound/player.js';
import { useSoundPrefs } from '../../sound/use-sound-prefs.js';
import { dayInZone } from '../../state/use-desk.js';
import { nextTroubleRing, printerDisplayName, printersInTrouble, troubleKey } from './print-state.js';
import PrinterIcon from './PrinterIcon.js';
import './printing.css';

/** The failure chime: a printer that cannot print is, for the kitchen, an order not received. */
const SOUND = 'auto-accept-failed' as const;

export default function PrinterTrouble({ status }: { status: DeskStatus }): React.JSX.Element | null {
  const { t, i18n } = useTranslation('printing');
  const lang = langOf(i18n.language);
  const trouble = printersInTrouble(status.printers);
  const key = troubleKey(status.printers);
  const [acknowledged, setAcknowledged] = useState<string | null>(null);
  // Fixed: the 知道了 is spent. The same trouble coming back later is news again.
  if (key === '' && acknowledged !== null) setAcknowledged(null);
  const today = dayInZone(status.timeZone);
  const muted = useMute(today) !== null;
  const prefs = useSoundPrefs();
  usePrinterRing(key, acknowledged, muted, prefs.volume);
  if (trouble.length === 0) return null;
  const seen = acknowledged === key;
  return (
    <span
      className={seen ? 'status-item printer-trouble' : 'status-item printer-trouble printer-trouble-new'}
      data-testid="printer-trouble"
      data-acknowledged={seen || undefined}
    >
      {trouble.map((p) => (
        <span
          key={p.name}
          className="printer-trouble-item"
          data-testid="printer-problem"
          data-printer={p.name}
          data-state={p.state}
          title={p.detail || undefined}
        >
          <PrinterIcon />
          {t(`trouble.${p.state}`, { name: printerDisplayName(p.name, lang) })}
          {p.coveredBy && t('troubleCovered', { backup: printerDisplayName(p.coveredBy, lang) })}
        </span>
      ))}
      {!seen && (
        <button
          type="button"
          className="btn btn-small"
          data-testid="printer-trouble-ack"
          title={t('troubleAckTitle')}
          onClick={() => setAcknowledged(key)}
        >
          {t('troubleAck')}
        </button>
      )}
    </span>
  );
}

function usePrinterRing(key: string, acknowledgedKey: string | null, muted: boolean, volume: number): void {
  const [player] = useState(() => new SoundPlayer());
  const last = useRef<{ key: string; at: number } | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const at = nextTroubleRing({ key, acknowledgedKey, muted, lastRing: last.current, now: Date.now() });
    if (at === null) {
      if (key === '') last.current = null;
      return;
    }
    const timer = setTimeout(() => {
      last.current = { key, at: Date.now() };
      void player.play(SOUND, volume);
      setTick((n) => n + 1);
    }, at - Date.now());
    return () => clearTimeout(timer);
  }, [key, acknowledgedKey, muted, volume, player, tick]);
  useEffect(() => () => player.stop(), [player]);
}
