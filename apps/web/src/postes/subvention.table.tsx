import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { COFINANCEUR_LABELS, formatEuros, type Cofinanceur, type MontantsParCofinanceur, type SubventionAnnee, type SubventionPeriode } from '@suivi-pvd/domain';
import { formatNumber } from '@suivi-pvd/ui';
import { useState } from 'react';
import { frDay, jours } from './poste-format';

const amountStyle = { textAlign: 'right', whiteSpace: 'nowrap' } as const;

/** One period in words: « Du 01/01/2026 au 31/03/2026 (90 jours) : quotité 100 %, État / ANCT, taux 75 %, plafond 45 000 € – 11 095,89 € ». */
export function describePeriode(p: SubventionPeriode, cout: number | null): string {
  const span = `Du ${frDay(p.debut)} au ${frDay(p.fin)} (${jours(p.jours)})`;
  if (p.quotite === 0) return `${span} : poste vacant – ${formatEuros(0)}`;
  const who = p.financeurs.length > 0 ? p.financeurs.map((f) => COFINANCEUR_LABELS[f]).join(' + ') : 'aucun cofinanceur';
  const rule = p.taux !== null && p.plafond !== null ? `, taux ${formatNumber(p.taux)} %, plafond ${formatNumber(p.plafond)} €` : '';
  const amount = cout === null ? 'coût non renseigné' : formatEuros(p.total);
  const split =
    p.financeurs.length > 1 && cout !== null ? ` (${p.financeurs.map((f) => `${COFINANCEUR_LABELS[f]} : ${formatEuros(p.parFinanceur[f])}`).join(', ')})` : '';
  return `${span} : quotité ${p.quotite} %, ${who}${rule} – ${amount}${split}`;
}

/**
 * The co-financing of a post per calendar year: cost, days held, the amount of each co-financer
 * and the total, each year's periods on demand. Amounts in cents.
 */
export function SubventionTable({
  caption,
  annees,
  total,
  parFinanceur,
  financeurs,
  idPrefix,
}: {
  caption: string;
  annees: readonly SubventionAnnee[];
  total: number;
  parFinanceur: MontantsParCofinanceur;
  /** The columns: the post's co-financers. */
  financeurs: readonly Cofinanceur[];
  idPrefix: string;
}) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (annee: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(annee)) next.delete(annee);
      else next.add(annee);
      return next;
    });
  const columns = 5 + financeurs.length;

  return (
    <div className={fr.cx('fr-table', 'fr-table--bordered', 'fr-table--sm', 'fr-mb-2w')}>
      <div className={fr.cx('fr-table__wrapper')}>
        <div className={fr.cx('fr-table__container')} style={{ position: 'relative' }}>
          <div className={fr.cx('fr-table__content')}>
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">Année</th>
                  <th scope="col" style={amountStyle}>
                    Coût annuel chargé
                  </th>
                  <th scope="col">Jours tenus</th>
                  {financeurs.map((f) => (
                    <th key={f} scope="col" style={amountStyle}>
                      {COFINANCEUR_LABELS[f]}
                    </th>
                  ))}
                  <th scope="col" style={amountStyle}>
                    Total
                  </th>
                  <th scope="col">Détail</th>
                </tr>
              </thead>
              <tbody>
                {annees.map((a) => {
                  const detailId = `${idPrefix}-periodes-${a.annee}`;
                  const expanded = open.has(a.annee);
                  return [
                    <tr key={a.annee}>
                      <th scope="row">{a.annee}</th>
                      <td style={amountStyle}>{a.cout === null ? 'Non renseigné' : formatEuros(a.cout)}</td>
                      <td style={{ whiteSpace: 'nowrap' }}>
                        {a.joursTenus} / {a.joursAnnee}
                      </td>
                      {financeurs.map((f) => (
                        <td key={f} style={amountStyle}>
                          {a.cout === null ? '—' : formatEuros(a.parFinanceur[f])}
                        </td>
                      ))}
                      <td style={amountStyle} className={fr.cx('fr-text--bold')}>
                        {a.cout === null ? '—' : formatEuros(a.total)}
                      </td>
                      <td>
                        <Button
                          type="button"
                          priority="tertiary no outline"
                          size="small"
                          iconId={expanded ? 'fr-icon-arrow-up-s-line' : 'fr-icon-arrow-down-s-line'}
                          iconPosition="right"
                          nativeButtonProps={{ 'aria-expanded': expanded, 'aria-controls': detailId }}
                          onClick={() => toggle(a.annee)}
                        >
                          Périodes<span className={fr.cx('fr-sr-only')}> de {a.annee}</span>
                        </Button>
                      </td>
                    </tr>,
                    <tr key={`${a.annee}-detail`} id={detailId} hidden={!expanded}>
                      <td colSpan={columns} className={fr.cx('fr-cell--multiline')}>
                        <ul className={fr.cx('fr-mb-0', 'fr-text--sm')} aria-label={`Périodes de ${a.annee}`}>
                          {a.periodes.map((p) => (
                            <li key={p.debut}>{describePeriode(p, a.cout)}</li>
                          ))}
                        </ul>
                      </td>
                    </tr>,
                  ];
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  <td />
                  <td />
                  {financeurs.map((f) => (
                    <td key={f} style={amountStyle}>
                      {formatEuros(parFinanceur[f])}
                    </td>
                  ))}
                  <td style={amountStyle} className={fr.cx('fr-text--bold')}>
                    {formatEuros(total)}
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
