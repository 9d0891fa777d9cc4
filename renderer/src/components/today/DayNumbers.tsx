import { useTranslation } from 'react-i18next';

/** Today's numbers (今日): valid orders, revenue, income, refunds, by platform, store and hour. */
export default function DayNumbers({ today }: { today: string }): React.JSX.Element {
  const { t } = useTranslation('today');
  return <p className="muted">{t('soon', { day: today })}</p>;
}
