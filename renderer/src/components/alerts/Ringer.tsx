export default function Ringer(_props: { today: string }): null {
  return null;
}
