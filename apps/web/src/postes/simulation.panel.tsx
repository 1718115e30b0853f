import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { computeSubvention, formatEuros, type ParametresHistorique } from '@suivi-pvd/domain';
import { useMemo } from 'react';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDebouncedValue } from '../app/use-debounced-value';
import { activeCofinanceurs, fieldId, fieldRef, simulationErrors, subventionInputOf, type PosteDraft } from './poste-draft';
import { SubventionTable } from './subvention.table';

export const SIMULATION_CAPTION = 'Cofinancement calculé par année';

export interface ParametresState {
  data: ParametresHistorique | undefined;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/**
 * The co-financing computed in the browser as the user types, with the domain's function and the
 * programme parameters from the API; or what keeps it from being computed, each linked to its field.
 */
export function SimulationPanel({ draft, parametres }: { draft: PosteDraft; parametres: ParametresState }) {
  const errors = useMemo(() => simulationErrors(draft), [draft]);
  const blocking = Object.entries(errors);
  const result = useMemo(
    () => (blocking.length === 0 && parametres.data ? computeSubvention(subventionInputOf(draft, parametres.data)) : null),
    [blocking.length, draft, parametres.data],
  );
  const annees = result?.ok ? result.annees : [];

  const summary = !parametres.data
    ? ''
    : blocking.length > 0
      ? `Simulation en attente : ${blocking.length} saisie${blocking.length > 1 ? 's' : ''} à compléter ou corriger.`
      : result?.ok && annees.length > 0
        ? `Cofinancement calculé : ${formatEuros(result.total)} au total, de ${annees[0].annee} à ${annees[annees.length - 1].annee}.`
        : '';
  const announced = useDebouncedValue(summary, 1000);

  return (
    <section
      aria-labelledby="simulation-titre"
      className={fr.cx('fr-p-3w', 'fr-mb-4w')}
      style={{ background: fr.colors.decisions.background.alt.blueFrance.default }}
    >
      <h3 id="simulation-titre" className={fr.cx('fr-h5', 'fr-mb-1w')}>
        Simulation du cofinancement
      </h3>
      <p className={fr.cx('fr-text--sm')}>
        Recalculée à chaque saisie avec les paramètres du programme en vigueur à chaque date (taux, plafonds, fins de participation).
      </p>
      <p role="status" className={fr.cx('fr-sr-only')}>
        {announced}
      </p>
      {parametres.isError && (
        <QueryErrorAlert
          spacing="fr-mb-3w"
          title="Les paramètres du programme n'ont pas pu être chargés : la simulation est indisponible"
          error={parametres.error}
          onRetry={() => void parametres.refetch()}
        />
      )}
      {!parametres.data && !parametres.isError && <p>Chargement des paramètres du programme…</p>}
      {parametres.data && blocking.length > 0 && (
        <Alert
          severity="info"
          small
          description={
            <>
              <span>Le calcul reprendra dès que ces saisies seront complètes :</span>
              <ul className={fr.cx('fr-mt-1w', 'fr-mb-0')}>
                {blocking.map(([path, messages]) => {
                  const ref = fieldRef(path, draft);
                  const id = fieldId(ref.key);
                  return (
                    <li key={path}>
                      <a
                        href={`#${id}`}
                        onClick={(e) => {
                          e.preventDefault();
                          document.getElementById(id)?.focus();
                        }}
                      >
                        {ref.label}
                      </a>{' '}
                      : {messages[0]}
                    </li>
                  );
                })}
              </ul>
            </>
          }
        />
      )}
      {result && !result.ok && <p>Le calcul est impossible avec ces saisies.</p>}
      {result?.ok && annees.length === 0 && <p className={fr.cx('fr-mb-0')}>Saisissez un titulaire et un coût annuel pour voir le cofinancement calculé.</p>}
      {result?.ok && annees.length > 0 && (
        <SubventionTable
          caption={SIMULATION_CAPTION}
          annees={annees}
          total={result.total}
          parFinanceur={result.parFinanceur}
          financeurs={activeCofinanceurs(draft)}
          idPrefix="simulation"
        />
      )}
    </section>
  );
}
