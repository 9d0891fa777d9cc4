import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import ShiftCheck from '../shift/ShiftCheck.js';
import DayNumbers from './DayNumbers.js';
import './today.css';

type Part = 'numbers' | 'shift';

/** 今日: the day's numbers (any earlier day or period too) and the end-of-shift check (交班/日结). */
export default function TodayPage({ today }: { today: string }): React.JSX.Element {
  const { t } = useTranslation('today');
  const [part, setPart] = useState<Part>('numbers');
  return (
    <section className="today-page" data-testid="today-page">
      <div className="today-parts" role="tablist">
        {(['numbers', 'shift'] as const).map((p) => (
          <button key={p} type="button" role="tab" aria-selected={p === part} className={`today-part${p === part ? ' active' : ''}`} onClick={() => setPart(p)}>
            {t(`parts.${p}`)}
          </button>
        ))}
      </div>
      {part === 'numbers' ? <DayNumbers today={today} /> : <ShiftCheck today={today} />}
    </section>
  );
}
