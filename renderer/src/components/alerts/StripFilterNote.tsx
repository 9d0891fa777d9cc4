/** The board's note while it shows only the orders behind one count of the alert strip. */
import { useTranslation } from 'react-i18next';
import { showGroup, type StripFilter } from './strip-filter.js';

export default function StripFilterNote(props: { filter: StripFilter; count: number }): React.JSX.Element {
  const { t } = useTranslation('alerts');
  const { filter, count } = props;
  return (
    <span className="board-note strip-filter-note" role="status" data-testid="strip-filter">
      {t('filter.showing', { what: t(`${filter.kind}.${filter.reason}`), count })}
      <button type="button" className="btn btn-small" onClick={() => showGroup(null)}>
        {t('filter.clear')}
      </button>
    </span>
  );
}
