/** Placeholder until the page is built. */
export function MissionView(_: { missionId: string }) {
  return <h1>Mission</h1>;
}
