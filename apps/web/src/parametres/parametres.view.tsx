/** Placeholder until the page is built. */
export function ParametresView() {
  return <h1>Paramètres du programme</h1>;
}
