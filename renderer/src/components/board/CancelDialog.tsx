import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CancelReason } from '../../../../shared/api.js';
import type { Order } from '../../../../shared/order.js';
import { daySeqLabel, langOf, platformName } from '../../lib/format.js';
import { useDesk } from '../../state/use-desk.js';
import { ActionButton, ActionError } from './ActionButton.js';
import Dialog from './Dialog.js';
import { usePlatformChoices } from './use-platform-choices.js';
import { useOrderAction } from './use-order-action.js';

/**
 * The reason picked when staff pick none: the platform lists its reasons the common ones first
 * and its catch-all (「其他原因」) last, so the last one.
 */
function defaultReason(list: readonly CancelReason[]): CancelReason | undefined {
  return list[list.length - 1];
}


/**
 * Cancel an order: a reason the order's platform accepts (its own code, passed on unchanged)
 * and optional free text. Without the platform's list there is no code to send, so a failed
 * load offers 重试 instead of guessing one.
 */
export default function CancelDialog(props: { order: Order; onClose: () => void }): React.JSX.Element {
  const { t, i18n } = useTranslation('board');
  const { t: tc } = useTranslation('cancel');
  const lang = langOf(i18n.language);
  const { api } = useDesk();
  const { order, onClose } = props;
  const { choices: reasons, code, setCode, retry } = usePlatformChoices(() => api.cancelReasons(order.platform), [api, order.platform], defaultReason);
  const [text, setText] = useState('');
  const action = useOrderAction();

  const list = reasons.state === 'ready' ? reasons.list : [];
  const chosen = list.find((r) => r.code === code);
  const platform = platformName(order.platform, lang);
  const confirm = (): void => {
    if (!chosen) return;
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
            disabled={!chosen}
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
        <select
          data-testid="cancel-reason"
          value={code ?? ''}
          disabled={list.length === 0}
          onChange={(e) => setCode(e.target.value)}
        >
          {list.map((r) => (
            <option key={r.code} value={r.code}>
              {lang === 'zh' ? r.zh : r.en}
            </option>
          ))}
        </select>
      </label>
      {reasons.state === 'loading' && <p className="muted">{t('cancelDialog.loadingReasons')}</p>}
      {reasons.state === 'failed' && (
        <p className="field-hint-warn" role="alert" data-testid="cancel-reasons-failed">
          {tc('reasonsFailed', { platform, message: reasons.message })}{' '}
          <button type="button" className="btn btn-small" onClick={retry}>
            {tc('retry')}
          </button>
        </p>
      )}
      {reasons.state === 'ready' && list.length === 0 && (
        <p className="field-hint-warn" role="alert">
          {tc('noReasons', { platform })}
        </p>
      )}
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
