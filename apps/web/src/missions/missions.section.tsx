import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { formatNumber } from '@suivi-pvd/ui';
import { Link } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDossier } from '../dossiers/data/dossier.hooks';
import { useMissions } from './data/missions.hooks';
import { filtersSearch, NO_FILTERS } from './missions.params';
import { MissionsTable, MissionTotals } from './missions.table';

/** Missions shown in the dossier; the list page has them all. */
const SECTION_SIZE = 10;

/** The expertise missions of one PVD, in its dossier, with their totals. */
export function MissionsSection({ pvdId }: { pvdId: string }) {
  const list = useMissions({ pvdId, financeurId: '', statut: null, nature: null, departement: '', q: '', page: 1, pageSize: SECTION_SIZE });
  // The dossier is already loaded by the page: who may modify it enters its missions, and so does a
  // partner reading its summary (for its own funder); the partner lists its own missions only.
  const dossier = useDossier(pvdId);
  const resume = dossier.data?.droits.lecture === 'resume';
  const canCreate = Boolean(list.data?.peutCreer && (dossier.data?.droits.modifier || resume));
  const allMissions = `/missions${filtersSearch({ ...NO_FILTERS, pvd: pvdId })}`;

  return (
    <section aria-labelledby="missions-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="missions-titre" className={fr.cx('fr-h3')}>
        Missions d’expertise
      </h2>
      {resume && <p className={fr.cx('fr-text--sm')}>Les missions financées par votre organisation.</p>}
      {list.isPending && <LoadingView label="Chargement des missions…" />}
      {list.isError && (
        <QueryErrorAlert title="Les missions n’ont pas pu être chargées" error={list.error} onRetry={() => void list.refetch()} />
      )}
      {list.data &&
        (list.data.total === 0 ? (
          <p>
            {resume
              ? 'Aucune mission d’expertise financée par votre organisation n’est enregistrée pour cette petite ville de demain.'
              : 'Aucune mission d’expertise n’est enregistrée pour cette petite ville de demain.'}
          </p>
        ) : (
          <>
            <MissionTotals totaux={list.data.totaux} label="Missions d’expertise de la petite ville de demain" />
            <MissionsTable items={list.data.items} caption="Missions d’expertise de la petite ville de demain" showPvd={false} linkPvd={false} />
            {list.data.total > list.data.items.length && (
              <p>
                <Link className={fr.cx('fr-link', 'fr-icon-arrow-right-line', 'fr-link--icon-right')} to={allMissions}>
                  Voir les {formatNumber(list.data.total)} missions
                </Link>
              </p>
            )}
          </>
        ))}
      {canCreate && (
        <Button priority="secondary" iconId="fr-icon-add-line" linkProps={{ to: `/missions/nouvelle?pvd=${encodeURIComponent(pvdId)}` }}>
          Saisir une mission
        </Button>
      )}
    </section>
  );
}
