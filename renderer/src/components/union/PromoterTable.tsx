/**
 * Per-promoter totals. The name is edited in place: the sid is all the platform sends, and the
 * counter knows its promoters by name (王姐, 小李). Saved on Enter or when the field loses focus.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnionReport } from '../../../../shared/api.js';
import { useDesk } from '../../state/use-desk.js';
import { TotalsCells, TotalsHeads } from './UnionTables.js';

type Row = UnionReport['byPromoter'][number];

export default function PromoterTable({ rows, onRenamed }: { rows: Row[]; onRenamed: () => void }): React.JSX.Element {
  const { t } = useTranslation('union');
  return (
    <table className="union-table">
      <thead>
        <tr>
          <th>{t('col.sid')}</th>
          <th>{t('col.name')}</th>
          <TotalsHeads />
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.sid} data-testid="promoter-row" data-sid={r.sid}>
            <td className="mono">{r.sid || t('noSid')}</td>
            <td>{r.sid ? <NameInput sid={r.sid} name={r.name} onRenamed={onRenamed} /> : null}</td>
            <TotalsCells totals={r} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NameInput({ sid, name, onRenamed }: { sid: string; name: string; onRenamed: () => void }): React.JSX.Element {
  const { t } = useTranslation('union');
  const desk = useDesk();
  const [value, setValue] = useState(name);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  // A reload (someone renamed it elsewhere) wins over an untouched field.
  useEffect(() => setValue(name), [name]);

  const save = (): void => {
    const next = value.trim();
    if (next === name) return;
    desk.api
      .namePromoter(sid, next)
      .then((p) => {
        setValue(p.name);
        setNote({ ok: true, text: t('nameSaved') });
        onRenamed();
      })
      .catch((err: unknown) => setNote({ ok: false, text: t('nameFailed', { message: (err as Error).message }) }));
  };

  return (
    <span className="promoter-name">
      <input
        data-testid="promoter-name-input"
        aria-label={`${t('col.name')} ${sid}`}
        value={value}
        maxLength={40}
        placeholder={t('namePlaceholder')}
        onChange={(e) => {
          setValue(e.target.value);
          setNote(null);
        }}
        onBlur={save}
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.currentTarget.blur();
          if (e.key === 'Escape') setValue(name);
        }}
      />
      {note && <small className={note.ok ? 'ok' : 'error'}>{note.text}</small>}
    </span>
  );
}
