/** Placeholder until the page is built. */
export function ImportsPartenairesView() {
  return <h1>Import de données partenaire</h1>;
}
