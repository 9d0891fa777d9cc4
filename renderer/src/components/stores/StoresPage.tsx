export default function StoresPage(): React.JSX.Element {
  return <div>stores</div>;
}
