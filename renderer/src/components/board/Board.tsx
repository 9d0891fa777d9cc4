export default function Board(_props: { day: string; today: string; onDayChange: (day: string) => void }): React.JSX.Element {
  return <div>board</div>;
}
