/** What came of a 重打, beside the button that asked (card and detail view alike). */
import type { TFunction } from 'i18next';
import type { ReprintState } from './use-reprint.js';

export default function ReprintNote({ state, t }: { state: ReprintState; t: TFunction<'printing'> }) {
  if (state.kind === 'done')
    return (
      <span className="print-note print-ok" role="status">
        {t('card.reprinted')}
      </span>
    );
  if (state.kind === 'error')
    return (
      <span className="print-note print-error" role="alert">
        {t('card.reprintFailed', { message: state.message })}
      </span>
    );
  return null;
}
