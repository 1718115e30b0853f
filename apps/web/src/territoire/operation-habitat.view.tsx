/** Placeholder until the page is built. */
export function OperationHabitatView(_: { operationId: string }) {
  return <h1>Opération d’habitat</h1>;
}
