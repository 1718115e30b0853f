/** Placeholder until the page is built. */
export function FinancementsView() {
  return <h1>Financements</h1>;
}
