import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CancelReason } from '../../../../shared/api.js';
import type { Order } from '../../../../shared/order.js';
import { daySeqLabel, langOf } from '../../lib/format.js';
import { useDesk } from '../../state/use-desk.js';
import { ActionButton, ActionError } from './ActionButton.js';
import Dialog from './Dialog.js';
import { useOrderAction } from './use-order-action.js';

/** Meituan's "其他原因" code: the default, and the fallback when the list cannot be loaded. */
const OTHER_REASON: CancelReason = { code: '2007', zh: '其他原因', en: 'Other reason' };

/** Cancel an order: a reason the platform accepts (code + words) and optional free text. */
export default function CancelDialog(props: { order: Order; onClose: () => void }): React.JSX.Element {
  const { t, i18n } = useTranslation('board');
  const lang = langOf(i18n.language);
  const { api } = useDesk();
  const { order, onClose } = props;
  const [reasons, setReasons] = useState<CancelReason[] | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [code, setCode] = useState(OTHER_REASON.code);
  const [text, setText] = useState('');
  const action = useOrderAction();

  // Loaded once when the dialog opens (a user action), not polled.
  useEffect(() => {
    let alive = true;
    api
      .cancelReasons(order.platform)
      .then((list) => {
        if (!alive) return;
        const usable = list.length > 0 ? list : [OTHER_REASON];
        setReasons(usable);
        if (!usable.some((r) => r.code === OTHER_REASON.code)) setCode(usable[0]!.code);
      })
      .catch(() => {
        if (!alive) return;
        setReasons([OTHER_REASON]);
        setLoadFailed(true);
      });
    return () => {
      alive = false;
    };
  }, [api, order.platform]);

  const chosen = reasons?.find((r) => r.code === code) ?? OTHER_REASON;
  const confirm = (): void => {
    // The platform shows the reason to the customer, so it goes in Chinese whatever the UI language.
    const reason = text.trim() || chosen.zh;
    void action.run('cancel', () => api.cancel(order.key, chosen.code, reason)).then((ok) => ok && onClose());
  };
  const seq = daySeqLabel(order.platform, order.daySeq, lang);

  return (
    <Dialog
      title={t('cancelDialog.title', { seq })}
      onClose={onClose}
      initialFocus='[data-testid="cancel-reason"]'
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('actions.back')}
          </button>
          <ActionButton
            testId="dialog-confirm"
            className="btn-danger"
            busy={action.pending !== null}
            disabled={reasons === null}
            onClick={confirm}
          >
            {t('cancelDialog.confirm')}
          </ActionButton>
        </>
      }
    >
      <p className="dlg-warning">{t('cancelDialog.warning')}</p>
      <label className="field">
        <span className="field-label">{t('cancelDialog.reason')}</span>
        <select data-testid="cancel-reason" value={code} onChange={(e) => setCode(e.target.value)}>
          {(reasons ?? [OTHER_REASON]).map((r) => (
            <option key={r.code} value={r.code}>
              {lang === 'zh' ? r.zh : r.en}
            </option>
          ))}
        </select>
      </label>
      {reasons === null && <p className="muted">{t('cancelDialog.loadingReasons')}</p>}
      {loadFailed && <p className="field-hint-warn">{t('cancelDialog.reasonsFailed')}</p>}
      <label className="field">
        <span className="field-label">{t('cancelDialog.text')}</span>
        <textarea
          data-testid="reason-text"
          rows={2}
          maxLength={200}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <ActionError failure={action.failure} />
    </Dialog>
  );
}
