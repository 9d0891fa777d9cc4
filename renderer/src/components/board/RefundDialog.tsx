import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/order.js';
import { daySeqLabel, formatMoney, langOf } from '../../lib/format.js';
import { useDesk } from '../../state/use-desk.js';
import { ActionButton, ActionError } from './ActionButton.js';
import Dialog from './Dialog.js';
import { useOrderAction } from './use-order-action.js';

// Sent to the platform, which shows them to the customer: Chinese whatever the UI language.
const AGREE_REASON = '同意退款';
const QUICK_REJECT_REASONS = ['餐品已制作', '骑手已取餐', '已与顾客协商'];

/** Decide a refund request: agree (reason prefilled) or reject (a reason is required). */
export default function RefundDialog(props: {
  order: Order;
  mode: 'agree' | 'reject';
  onClose: () => void;
}): React.JSX.Element {
  const { t, i18n } = useTranslation('board');
  const lang = langOf(i18n.language);
  const { api } = useDesk();
  const { order, mode, onClose } = props;
  const [reason, setReason] = useState(mode === 'agree' ? AGREE_REASON : '');
  const action = useOrderAction();
  const trimmed = reason.trim();
  const missing = mode === 'reject' && trimmed === '';

  const confirm = (): void => {
    if (missing) return;
    const call =
      mode === 'agree'
        ? () => api.agreeRefund(order.key, trimmed || AGREE_REASON)
        : () => api.rejectRefund(order.key, trimmed);
    void action.run(mode, call).then((ok) => ok && onClose());
  };
  const seq = daySeqLabel(order.platform, order.daySeq, lang);
  const refund = order.refund;

  return (
    <Dialog
      title={t(mode === 'agree' ? 'refundDialog.agreeTitle' : 'refundDialog.rejectTitle', { seq })}
      onClose={onClose}
      initialFocus={mode === 'agree' ? '[data-testid="dialog-confirm"]' : '[data-testid="reason-text"]'}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('actions.back')}
          </button>
          <ActionButton
            testId="dialog-confirm"
            className={mode === 'agree' ? 'btn-primary' : 'btn-danger'}
            busy={action.pending !== null}
            disabled={missing}
            onClick={confirm}
          >
            {t(mode === 'agree' ? 'refundDialog.agreeConfirm' : 'refundDialog.rejectConfirm')}
          </ActionButton>
        </>
      }
    >
      {refund && (
        <div className="refund-box">
          {refund.reason && <div>{t('card.refundReason', { reason: refund.reason })}</div>}
          {refund.amountCents !== null && (
            <div>{t('card.refundAmount', { amount: formatMoney(refund.amountCents) })}</div>
          )}
        </div>
      )}
      <p className="muted">{t(mode === 'agree' ? 'refundDialog.agreeHint' : 'refundDialog.rejectHint')}</p>
      {mode === 'reject' && (
        <div className="quick-reasons" role="group" aria-label={t('refundDialog.quick')}>
          {QUICK_REJECT_REASONS.map((r) => (
            <button key={r} type="button" className="btn btn-small" onClick={() => setReason(r)}>
              {r}
            </button>
          ))}
        </div>
      )}
      <label className="field">
        <span className="field-label">{t('refundDialog.reason')}</span>
        <textarea
          data-testid="reason-text"
          rows={2}
          maxLength={200}
          value={reason}
          aria-invalid={missing || undefined}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      {missing && <p className="field-hint-warn">{t('refundDialog.rejectRequired')}</p>}
      <ActionError failure={action.failure} />
    </Dialog>
  );
}
