/** Placeholder until the page is built. */
export function PostesAlertesSection() {
  return <h1>Postes de chef de projet à suivre</h1>;
}
