/** Placeholder until the page is built. */
export function MissionsSection(_: { pvdId: string }) {
  return <h1>Missions</h1>;
}
