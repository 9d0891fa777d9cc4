import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import './board.css';

/** Open dialogs, innermost last: Esc closes only the top one (a cancel dialog over the detail view). */
const openStack: symbol[] = [];

const FOCUSABLE =
  'button:not(:disabled), [href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: rendered into <body> (cards sit in transformed virtual rows, where
 * `position: fixed` would be clipped), focus kept inside while open, Esc closes the top one, focus goes
 * back where it was on close.
 */
export default function Dialog(props: {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
  wide?: boolean;
  /** Selector of the element to focus first (else the first focusable one). */
  initialFocus?: string;
}): React.JSX.Element {
  const { t } = useTranslation('board');
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const { onClose, initialFocus } = props;

  // Esc from anywhere in the page (focus may have left the dialog), but only for the top dialog.
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  useEffect(() => {
    const id = Symbol('dialog');
    openStack.push(id);
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || openStack[openStack.length - 1] !== id) return;
      e.preventDefault();
      closeRef.current();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      openStack.splice(openStack.indexOf(id), 1);
    };
  }, []);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = ref.current;
    const first =
      (initialFocus ? root?.querySelector<HTMLElement>(initialFocus) : null) ??
      root?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    // Focus must land inside the dialog, or Tab and screen readers start from the page behind.
    if (!root?.contains(document.activeElement)) root?.focus();
    return () => previous?.focus();
  }, [initialFocus]);

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'Tab' || !ref.current) return;
    // React bubbles events through portals to the opener: a nested dialog keeps its Tab key.
    e.stopPropagation();
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div
      className="dlg-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) onClose();
      }}
    >
      <div
        ref={ref}
        className={props.wide ? 'dlg dlg-wide' : 'dlg'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={props.testId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        onClick={(e) => e.stopPropagation()}
      >
        <header className="dlg-head">
          <h2 id={titleId} className="dlg-title">
            {props.title}
          </h2>
          <button type="button" className="btn dlg-close" aria-label={t('actions.close')} onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dlg-body">{props.children}</div>
        {props.footer && <footer className="dlg-foot">{props.footer}</footer>}
      </div>
    </div>,
    document.body,
  );
}
