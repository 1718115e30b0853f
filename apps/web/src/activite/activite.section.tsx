import { fr } from '@codegouvfr/react-dsfr';
import { Link } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { formatAt } from '../conventions/convention-format';
import { useActiviteDossier, type ActiviteFilters } from './data/activite.hooks';

const NONE: ActiviteFilters = { type: '', personne: '', du: '', au: '', avant: '' };

/** « Activité » on the dossier's page: the five latest entries, and the link to the whole feed (filters, pages, export). */
export function ActiviteSection({ pvdId }: { pvdId: string }) {
  const feed = useActiviteDossier(pvdId, NONE, 5);
  return (
    <section aria-labelledby="activite-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="activite-titre" className={fr.cx('fr-h3')}>
        Activité
      </h2>
      {feed.isPending ? (
        <LoadingView label="Chargement de l’activité…" />
      ) : feed.isError ? (
        <QueryErrorAlert error={feed.error} onRetry={() => void feed.refetch()} />
      ) : feed.data.items.length === 0 ? (
        <p>Aucune activité enregistrée pour le moment.</p>
      ) : (
        <ul className={fr.cx('fr-mb-2w')} aria-label="Dernières activités du dossier">
          {feed.data.items.map((entry) => (
            <li key={entry.id}>
              {formatAt(entry.at)} – <strong>{entry.objet}</strong> : {entry.actionLibelle.toLowerCase()}, par {entry.auteur}
            </li>
          ))}
        </ul>
      )}
      <Link className={fr.cx('fr-link', 'fr-icon-arrow-right-line', 'fr-link--icon-right')} to={`/pvd/${encodeURIComponent(pvdId)}/activite`}>
        Toute l’activité du dossier (filtres, export)
      </Link>
    </section>
  );
}
