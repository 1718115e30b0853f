/** Placeholder until the page is built. */
export function PostesSection(_: { pvdId: string }) {
  return <h1>Postes</h1>;
}
