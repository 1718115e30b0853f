/** Placeholder until the page is built. */
export function NewPosteView(_: { pvdId: string }) {
  return <h1>Nouveau poste de chef de projet</h1>;
}
