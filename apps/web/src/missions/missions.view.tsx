/** Placeholder until the page is built. */
export function MissionsView() {
  return <h1>Missions d’expertise</h1>;
}
