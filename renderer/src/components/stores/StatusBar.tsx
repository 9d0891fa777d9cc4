import type { DeskStatus } from '../../../../shared/api.js';

export default function StatusBar(_props: { status: DeskStatus | null }): React.JSX.Element {
  return <footer>status</footer>;
}
