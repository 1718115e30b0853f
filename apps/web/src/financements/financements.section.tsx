import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { beneficiaireParDefaut } from '@suivi-pvd/domain';
import { formatNumber } from '@suivi-pvd/ui';
import { useState } from 'react';
import { Link } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDossier } from '../dossiers/data/dossier.hooks';
import { useLignes } from './data/financements.hooks';
import { filtersSearch, NO_FILTERS } from './financements.params';
import { LignePanel } from './ligne.form';
import { LignesTable, LignesTotals } from './lignes.table';

const SECTION_SIZE = 10;

/**
 * « Financements » of a dossier: the lines of the PVD's communes and of its EPCI, with the amounts
 * engaged by pillar; who may write enters and corrects lines here.
 */
export function FinancementsSection({ pvdId }: { pvdId: string }) {
  const list = useLignes({ pvdId, dispositifId: '', financeurId: '', pilier: null, statut: null, annee: null, region: '', departement: '', horsPvd: '', q: '', page: 1, pageSize: SECTION_SIZE });
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  // The dossier is already loaded by the page around this section (same query).
  const dossier = useDossier(pvdId);
  const all = `/financements${filtersSearch({ ...NO_FILTERS, pvd: pvdId })}`;
  // A partner reading the dossier's summary lists the lines of its own dispositifs only.
  const resume = useDossier(pvdId).data?.droits.lecture === 'resume';

  return (
    <section aria-labelledby="financements-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="financements-titre" className={fr.cx('fr-h3')}>
        Financements
      </h2>
      {resume && <p className={fr.cx('fr-text--sm')}>Les financements des dispositifs de votre organisation.</p>}
      {list.isPending && <LoadingView label="Chargement des financements…" />}
      {list.isError && <QueryErrorAlert title="Les financements n’ont pas pu être chargés" error={list.error} onRetry={() => void list.refetch()} />}
      {list.data &&
        (list.data.total === 0 ? (
          <p>
            {resume
              ? 'Aucun financement de votre organisation n’est enregistré pour les communes ni pour l’EPCI de cette petite ville de demain.'
              : 'Aucun financement n’est enregistré pour les communes ni pour l’EPCI de cette petite ville de demain.'}
          </p>
        ) : (
          <>
            <LignesTotals totaux={list.data.totaux} label="Financements de la petite ville de demain" parPilier />
            <LignesTable items={list.data.items} caption="Financements de la petite ville de demain" showBeneficiaire={false} onEdit={(id) => setEditing(id)} />
            <p>
              <Link className={fr.cx('fr-link', 'fr-icon-arrow-right-line', 'fr-link--icon-right')} to={all}>
                {list.data.total > list.data.items.length ? `Voir les ${formatNumber(list.data.total)} lignes, filtrer et exporter` : 'Filtrer et exporter ces financements'}
              </Link>
            </p>
          </>
        ))}
      {editing !== undefined && <LignePanel ligneId={editing} pvdId={pvdId} level="h3" beneficiaireInitial={beneficiaireParDefaut(dossier.data?.communes ?? [])} onClose={() => setEditing(undefined)} />}
      {list.data?.peutCreer && editing === undefined && (
        <Button priority="secondary" iconId="fr-icon-add-line" onClick={() => setEditing(null)}>
          Saisir un financement
        </Button>
      )}
    </section>
  );
}
