/** Placeholder until the page is built. */
export function FinancementsSection(_: { pvdId: string }) {
  return <h1>Financements</h1>;
}
