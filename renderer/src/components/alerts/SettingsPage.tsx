export default function SettingsPage(): React.JSX.Element {
  return <div>settings</div>;
}
