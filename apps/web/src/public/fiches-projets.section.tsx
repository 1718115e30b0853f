import { fr } from '@codegouvfr/react-dsfr';
import { Link } from 'react-router';
import { usePublicFiches } from '../projetotheque/data/fiches.hooks';
import { FicheCarte } from '../projetotheque/projetotheque-search.view';

/**
 * A PVD's published project sheets on its public page, from the public projetothèque (which only
 * ever answers published sheets): the first page, and a link to the search for the others.
 */
export function FichesProjetsSection({ idPvd, nom }: { idPvd: string; nom: string }) {
  const { data, isError } = usePublicFiches({ pvd: idPvd, page: 1 });
  return (
    <section aria-labelledby="fiches-titre" className={fr.cx('fr-mt-4w')}>
      <h2 id="fiches-titre" className={fr.cx('fr-h4')}>
        Fiches-projets
      </h2>
      {isError ? (
        <p>Les fiches-projets ne peuvent pas être affichées pour le moment.</p>
      ) : !data ? (
        <p aria-live="polite">Chargement des fiches-projets…</p>
      ) : data.total === 0 ? (
        <p>
          Aucune fiche-projet de {nom} n’est publiée pour le moment. <Link to="/projetotheque">Parcourir la projetothèque</Link>
        </p>
      ) : (
        <>
          <ul className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-raw-list')}>
            {data.items.map((fiche) => (
              <li key={fiche.id} className={fr.cx('fr-col-12', 'fr-col-md-6', 'fr-col-lg-4')}>
                <FicheCarte fiche={fiche} />
              </li>
            ))}
          </ul>
          {data.total > data.items.length && (
            <p className={fr.cx('fr-mt-2w')}>
              <Link to={`/projetotheque?pvd=${encodeURIComponent(idPvd)}`}>Voir les {data.total} fiches-projets de {nom}</Link>
            </p>
          )}
        </>
      )}
    </section>
  );
}
