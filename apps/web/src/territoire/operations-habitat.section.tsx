/** Placeholder until the page is built. */
export function OperationsHabitatSection(_: { pvdId: string }) {
  return <h1>Opérations d’habitat</h1>;
}
