/** Placeholder until the page is built. */
export function DispositifsView() {
  return <h1>Catalogue des dispositifs</h1>;
}
