/** Placeholder until the page is built. */
export function DemarchesView() {
  return <h1>Dispositifs thématiques</h1>;
}
