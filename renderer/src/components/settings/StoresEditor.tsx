/**
 * The configured stores: id and name per row, add and remove. A saved store's id is fixed
 * (bindings and orders are filed under it); a new row's id can be typed until it is saved.
 */
import { useTranslation } from 'react-i18next';
import type { StoreRow } from './credentials-form.js';

interface Props {
  rows: StoreRow[];
  editable: boolean;
  onChange: (rows: StoreRow[]) => void;
  onAdd: () => void;
}

export default function StoresEditor({ rows, editable, onChange, onAdd }: Props): React.JSX.Element {
  const { t } = useTranslation('settings');
  const update = (key: number, patch: Partial<StoreRow>): void =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <>
      {editable && <p className="muted settings-hint">{t('credentials.storesHint')}</p>}
      {rows.length === 0 && <p className="muted">{t('credentials.noStores')}</p>}
      {rows.length > 0 && (
        <div className="credentials-stores" role="table" aria-label={t('credentials.stores')}>
          <div className="credentials-store-head" role="row">
            <span role="columnheader">{t('credentials.storeId')}</span>
            <span role="columnheader">{t('credentials.storeName')}</span>
          </div>
          {rows.map((row, n) => (
            <div className="credentials-store" role="row" key={row.key}>
              <input
                className="credentials-input"
                aria-label={`${t('credentials.storeId')} ${n + 1}`}
                data-testid={`store-id-${n}`}
                value={row.id}
                readOnly={row.saved}
                maxLength={100}
                onChange={(e) => update(row.key, { id: e.target.value })}
              />
              <input
                className="credentials-input"
                aria-label={`${t('credentials.storeName')} ${n + 1}`}
                data-testid={`store-name-${n}`}
                value={row.name}
                maxLength={100}
                onChange={(e) => update(row.key, { name: e.target.value })}
              />
              {editable && (
                <button
                  type="button"
                  className="btn btn-small"
                  data-testid={`remove-store-${n}`}
                  onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                >
                  {t('credentials.removeStore')}
                </button>
              )}
            </div>
          ))}
        </div>
      )}
      {editable && (
        <button type="button" className="btn btn-small credentials-add" data-testid="add-store" onClick={onAdd}>
          + {t('credentials.addStore')}
        </button>
      )}
    </>
  );
}
