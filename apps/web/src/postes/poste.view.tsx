/** Placeholder until the page is built. */
export function PosteView(_: { posteId: string }) {
  return <h1>Poste de chef de projet</h1>;
}
