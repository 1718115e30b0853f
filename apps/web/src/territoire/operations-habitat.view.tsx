/** Placeholder until the page is built. */
export function OperationsHabitatView() {
  return <h1>Opérations d’habitat</h1>;
}
