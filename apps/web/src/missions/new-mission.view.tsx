/** Placeholder until the page is built. */
export function NewMissionView() {
  return <h1>Nouvelle mission</h1>;
}
