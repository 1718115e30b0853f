/** Placeholder until the page is built. */
export function OrtSection(_: { pvdId: string }) {
  return <h1>ORT</h1>;
}
