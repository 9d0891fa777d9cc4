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
  return (
    <button
      type="button"
      className={`btn ${props.className ?? ''}`}
      data-testid={props.testId}
      disabled={props.busy || props.disabled}
      aria-busy={props.busy || undefined}
      onClick={props.onClick}
    >
      {props.busy ? <Working /> : props.children}
    </button>
  );
}

/** 处理中… with its spinner (a part of its own: an idle button on every card needs no translation hook). */
function Working(): React.JSX.Element {
  const { t } = useTranslation('board');
  return (
    <>
      <span className="spinner" aria-hidden="true" />
      {t('actions.working')}
    </>
  );
}

/** The platform's own words for a failure (already plain Chinese), with 重试 when it may help. */
export function ActionError(props: {
  failure: ActionFailure | null;
  label?: string;
}): React.JSX.Element | null {
  return props.failure ? <FailureText failure={props.failure} label={props.label} /> : null;
}

function FailureText(props: { failure: ActionFailure; label: string | undefined }): React.JSX.Element {
  const { t } = useTranslation('board');
  const f = props.failure;
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
