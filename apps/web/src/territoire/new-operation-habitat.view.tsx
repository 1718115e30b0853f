/** Placeholder until the page is built. */
export function NewOperationHabitatView() {
  return <h1>Nouvelle opération d’habitat</h1>;
}
