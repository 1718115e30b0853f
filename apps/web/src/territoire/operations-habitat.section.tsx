import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { formatNumber } from '@suivi-pvd/ui';
import { Link } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDossier } from '../dossiers/data/dossier.hooks';
import { useOperations } from './data/territoire.hooks';
import { OperationsTable } from './operations-habitat.table';

const SECTION_SIZE = 10;

/** « Opérations d’habitat » in the dossier: those covering a commune of the PVD, wherever they were entered. */
export function OperationsHabitatSection({ pvdId }: { pvdId: string }) {
  const list = useOperations({ type: null, phase: null, region: '', departement: '', pvdId, page: 1, pageSize: SECTION_SIZE });
  const dossier = useDossier(pvdId);
  const canCreate = Boolean(list.data?.peutCreer && dossier.data?.droits.modifier);

  return (
    <section aria-labelledby="operations-habitat-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="operations-habitat-titre" className={fr.cx('fr-h3')}>
        Opérations d’habitat
      </h2>
      {list.isPending && <LoadingView label="Chargement des opérations d’habitat…" />}
      {list.isError && <QueryErrorAlert title="Les opérations d’habitat n’ont pas pu être chargées" error={list.error} onRetry={() => void list.refetch()} />}
      {list.data &&
        (list.data.total === 0 ? (
          <p>Aucune opération d’habitat (OPAH, PIG, RHI-THIRORI…) ne couvre cette petite ville de demain.</p>
        ) : (
          <>
            <OperationsTable items={list.data.items} caption="Opérations d’habitat couvrant la petite ville de demain" pvdId={pvdId} />
            <p>
              <Link className={fr.cx('fr-link', 'fr-icon-arrow-right-line', 'fr-link--icon-right')} to="/operations-habitat">
                {list.data.total > list.data.items.length ? `Voir les ${formatNumber(list.data.total)} opérations` : 'Toutes les opérations d’habitat'}
              </Link>
            </p>
          </>
        ))}
      {canCreate && (
        <Button priority="secondary" iconId="fr-icon-add-line" linkProps={{ to: `/operations-habitat/nouvelle?pvd=${encodeURIComponent(pvdId)}` }}>
          Saisir une opération d’habitat
        </Button>
      )}
    </section>
  );
}
