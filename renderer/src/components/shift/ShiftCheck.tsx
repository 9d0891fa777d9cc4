import { useTranslation } from 'react-i18next';

/** The end-of-shift check (交班/日结): what is still owed, and each platform's day against the desk's. */
export default function ShiftCheck({ today }: { today: string }): React.JSX.Element {
  const { t } = useTranslation('shift');
  return <p className="muted">{t('soon', { day: today })}</p>;
}
