import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionFailure } from './use-order-action.js';

/** A button that shows 处理中… with a spinner while its call is in flight (and blocks double clicks). */
export function ActionButton(props: {
  testId: string;
  busy: boolean;
  disabled?: boolean;
  className?: string;
  onClick: () => void;
  children: ReactNode;
}): React.JSX.Element {
  const { t } = useTranslation('board');
  return (
    <button
      type="button"
      className={`btn ${props.className ?? ''}`}
      data-testid={props.testId}
      disabled={props.busy || props.disabled}
      aria-busy={props.busy || undefined}
      onClick={props.onClick}
    >
      {props.busy ? (
        <>
          <span className="spinner" aria-hidden="true" />
          {t('actions.working')}
        </>
      ) : (
        props.children
      )}
    </button>
  );
}

/** The platform's own words for a failure (already plain Chinese), with 重试 when it may help. */
export function ActionError(props: {
  failure: ActionFailure | null;
  label?: string;
}): React.JSX.Element | null {
  const { t } = useTranslation('board');
  const f = props.failure;
  if (!f) return null;
  return (
    <div className="action-error" role="alert">
      <span>
        {t('actions.failed', { message: props.label ? `${props.label}：${f.message}` : f.message })}
      </span>
      {f.retriable && (
        <button type="button" className="btn btn-small" onClick={f.retry}>
          {t('actions.retry')}
        </button>
      )}
    </div>
  );
}
