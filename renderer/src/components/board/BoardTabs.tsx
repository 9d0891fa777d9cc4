import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TAB_IDS, type TabCounts, type TabId } from '../../lib/board.js';

/**
 * Status tabs with live counts. 退款/取消 turns red whenever it holds anything: a refund
 * waiting for a decision must be impossible to miss from any other tab.
 */
export default function BoardTabs(props: {
  tab: TabId;
  counts: TabCounts;
  attention: ReadonlySet<TabId>;
  /** An open refund request waits for a decision: the red badge pulses too. */
  refundAlert: boolean;
  panelId: string;
  onSelect: (tab: TabId) => void;
}): React.JSX.Element {
  const { t } = useTranslation('board');
  const { t: tr } = useTranslation('reminder');
  const refs = useRef<Partial<Record<TabId, HTMLButtonElement | null>>>({});

  // Arrow keys move between tabs (WAI-ARIA tabs pattern); Enter/Space are the buttons' own.
  const onKeyDown = (e: React.KeyboardEvent, index: number): void => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = TAB_IDS[(index + step + TAB_IDS.length) % TAB_IDS.length]!;
    props.onSelect(next);
    refs.current[next]?.focus();
  };

  return (
    <div className="board-tabs" role="tablist" aria-label={t('tabs.label')}>
      {TAB_IDS.map((id, index) => {
        const selected = id === props.tab;
        const count = props.counts[id];
        const loud = id === 'refund' && count > 0;
        // 催单 waiting for a reply: amber, customers are waiting for an answer.
        const hurried = id === 'reminder' && count > 0;
        const pulse = id === 'refund' && props.refundAlert;
        return (
          <button
            key={id}
            ref={(el) => {
              refs.current[id] = el;
            }}
            type="button"
            role="tab"
            id={`board-tab-${id}`}
            aria-selected={selected}
            aria-controls={props.panelId}
            tabIndex={selected ? 0 : -1}
            data-testid={`tab-${id}`}
            className={[
              'board-tab',
              selected ? 'selected' : '',
              loud ? 'board-tab-loud' : '',
              pulse ? 'board-tab-pulse' : '',
            ].join(' ')}
            onClick={() => props.onSelect(id)}
            onKeyDown={(e) => onKeyDown(e, index)}
          >
            <span className="board-tab-label">{id === 'reminder' ? tr('tab') : t(`tabs.${id}`)}</span>
            <span
              className={
                loud
                  ? 'tab-count tab-count-alert'
                  : id === 'new' && count > 0
                    ? 'tab-count tab-count-new'
                    : hurried
                      ? 'tab-count tab-count-reminder'
                      : 'tab-count'
              }
              data-testid={`tab-count-${id}`}
            >
              {count}
            </span>
            {props.attention.has(id) && (
              <span className="tab-attn-dot" title={t('tabs.attention')} aria-label={t('tabs.attention')} />
            )}
          </button>
        );
      })}
    </div>
  );
}
