/** Placeholder until the page is built. */
export function DemarchesSection(_: { pvdId: string }) {
  return <h1>Dispositifs thématiques</h1>;
}
