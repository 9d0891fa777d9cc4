import { useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Order } from '../../../../shared/order.js';
import { clockTime, daySeqLabel, langOf, platformName } from '../../lib/format.js';
import { useDesk } from '../../state/use-desk.js';
import { ActionButton, ActionError } from './ActionButton.js';
import Dialog from './Dialog.js';
import { usePlatformChoices } from './use-platform-choices.js';
import { OrderDialogContext } from './order-dialogs.js';
import { useOrderAction } from './use-order-action.js';

/** The most a reply in the shop's own words may hold (the platform refuses longer ones). */
export const REMINDER_MAX_CHARS = 30;

/**
 * Own words the counter says most, as the customer reads them (Chinese, whatever the UI
 * language): one tap fills them in. 「马上出餐」 has no stock reply of its own on the platforms.
 */
export const QUICK_PHRASES = ['马上出餐，请稍候', '已经在打包了，马上出门'] as const;

/** Characters as people count them (an emoji is one), the way the platform counts. */
export const charCount = (s: string): number => [...s].length;

/** A 催单 waiting for the shop's answer. */
export function reminderOpen(order: Pick<Order, 'reminder'>): boolean {
  return !!order.reminder && !order.reminder.replied;
}

/**
 * The 催单 mark on a card and in the detail view: 「顾客催单了」 with its time and 「回复催单」 while
 * unanswered; a quiet 「已回复」 line afterwards, so staff see it was dealt with.
 */
export function ReminderMark(props: { order: Order; onReply?: () => void }): React.JSX.Element | null {
  const { t, i18n } = useTranslation('reminder');
  const lang = langOf(i18n.language);
  const boardDialogs = useContext(OrderDialogContext);
  const [open, setOpen] = useState(false);
  const { order } = props;
  const reminder = order.reminder;
  if (!reminder) return null;
  const time = clockTime(reminder.at, lang);
  if (reminder.replied) {
    return (
      <div className="oc-reminder oc-reminder-done" data-testid="reminder-mark" data-replied="true">
        <span className="oc-reminder-text">{t('replied', { time })}</span>
      </div>
    );
  }
  // On a board the dialog lives at board level (it must outlive the card); elsewhere, here.
  const reply = (): void => (boardDialogs ? boardDialogs('reminder', order.key) : setOpen(true));
  return (
    <div className="oc-flag oc-flag-reminder" data-flag="reminder" data-testid="reminder-mark" data-replied="false">
      <span className="oc-flag-icon" aria-hidden="true">
        !
      </span>
      <span className="oc-flag-text">{time ? t('askedAt', { time }) : t('asked')}</span>
      <button type="button" className="btn btn-small btn-primary" data-testid="reply-reminder" onClick={reply}>
        {t('reply')}
      </button>
      {open && <ReminderDialog order={order} onClose={() => setOpen(false)} />}
    </div>
  );
}


/**
 * Answer a 催单: the platform's stock replies as one-tap choices (its list puts the common ones
 * first and the own-words kind last), or the shop's own words within the platform's limit. The
 * reply goes to the customer, so it is sent in Chinese whatever the UI language.
 */
export function ReminderDialog(props: { order: Order; onClose: () => void }): React.JSX.Element {
  const { t, i18n } = useTranslation('reminder');
  const { t: tb } = useTranslation('board');
  const lang = langOf(i18n.language);
  const { api } = useDesk();
  const { order, onClose } = props;
  const { choices: replies, code, setCode, retry } = usePlatformChoices(() => api.reminderReplies(order.platform), [api, order.platform], (list) => list[0]);
  const [text, setText] = useState('');
  const action = useOrderAction();

  const list = replies.state === 'ready' ? replies.list : [];
  // The own-words kind: the last of a list with stock replies before it.
  const own = list.length > 1 ? list[list.length - 1] : undefined;
  const stock = own ? list.slice(0, -1) : list;
  const ownChosen = own !== undefined && code === own.code;
  const count = charCount(text.trim());
  const tooLong = count > REMINDER_MAX_CHARS;
  const ownMissing = ownChosen && count === 0;
  const chosen = list.find((r) => r.code === code);
  const canSend = chosen !== undefined && !(ownChosen && (tooLong || ownMissing));
  const platform = platformName(order.platform, lang);
  const seq = daySeqLabel(order.platform, order.daySeq, lang);

  const confirm = (): void => {
    if (!chosen || !canSend) return;
    const content = ownChosen ? text.trim() : '';
    void action.run('reply-reminder', () => api.replyReminder(order.key, chosen.code, content)).then((ok) => ok && onClose());
  };

  return (
    <Dialog
      title={t('title', { seq })}
      onClose={onClose}
      testId="reminder-dialog"
      initialFocus='[data-testid="reminder-choice"]'
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {tb('actions.back')}
          </button>
          <ActionButton
            testId="dialog-confirm"
            className="btn-primary"
            busy={action.pending !== null}
            disabled={!canSend}
            onClick={confirm}
          >
            {t('confirm')}
          </ActionButton>
        </>
      }
    >
      <p className="muted">{t('hint', { platform })}</p>
      {replies.state === 'loading' && <p className="muted">{t('loading')}</p>}
      {replies.state === 'failed' && (
        <p className="field-hint-warn" role="alert" data-testid="reminder-replies-failed">
          {t('repliesFailed', { platform, message: replies.message })}{' '}
          <button type="button" className="btn btn-small" onClick={retry}>
            {t('retry')}
          </button>
        </p>
      )}
      {replies.state === 'ready' && list.length === 0 && (
        <p className="field-hint-warn" role="alert">
          {t('noReplies', { platform })}
        </p>
      )}
      {stock.length > 0 && (
        <div className="quick-reasons reminder-choices" role="group" aria-label={t('choices')}>
          {stock.map((r) => (
            <button
              key={r.code}
              type="button"
              className={r.code === code ? 'btn btn-small reminder-choice-on' : 'btn btn-small'}
              data-testid="reminder-choice"
              data-code={r.code}
              aria-pressed={r.code === code}
              onClick={() => setCode(r.code)}
            >
              {lang === 'zh' ? r.zh : r.en}
            </button>
          ))}
        </div>
      )}
      {own && (
        <label className="field">
          <span className="field-label">{t('own', { max: REMINDER_MAX_CHARS })}</span>
          <textarea
            data-testid="reason-text"
            rows={2}
            value={text}
            placeholder={t('ownPlaceholder')}
            aria-invalid={(ownChosen && (tooLong || ownMissing)) || undefined}
            onFocus={() => setCode(own.code)}
            onChange={(e) => {
              setText(e.target.value);
              setCode(own.code);
            }}
          />
          <span
            className={tooLong ? 'reminder-counter reminder-counter-over' : 'reminder-counter'}
            data-testid="reminder-counter"
            data-over={tooLong || undefined}
            aria-live="polite"
          >
            {t('counter', { count, max: REMINDER_MAX_CHARS })}
          </span>
        </label>
      )}
      {own && (
        <div className="reminder-phrases" role="group" aria-label={t('phrases')}>
          <span>{t('phrases')}</span>
          {QUICK_PHRASES.map((p) => (
            <button
              key={p}
              type="button"
              className="btn btn-small"
              data-testid="reminder-phrase"
              onClick={() => {
                setText(p);
                setCode(own.code);
              }}
            >
              {p}
            </button>
          ))}
        </div>
      )}
      {ownChosen && tooLong && <p className="field-hint-warn">{t('tooLong', { max: REMINDER_MAX_CHARS })}</p>}
      {ownMissing && <p className="field-hint-warn">{t('ownRequired')}</p>}
      <ActionError failure={action.failure} />
    </Dialog>
  );
}
