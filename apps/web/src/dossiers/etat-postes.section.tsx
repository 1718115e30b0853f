import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { Dossier } from './data/dossier.hooks';

/**
 * The dossier's chef de projet posts and whether each is held today: what the summary shows of
 * them (a partner), without the holder, the costs or the co-financing.
 */
export function EtatPostesSection({ postes }: { postes: Dossier['postes'] }) {
  return (
    <section aria-labelledby="etat-postes-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="etat-postes-titre" className={fr.cx('fr-h3')}>
        Poste de chef de projet
      </h2>
      {postes.length === 0 ? (
        <p>Aucun poste de chef de projet n’est enregistré pour ce dossier.</p>
      ) : (
        <ul>
          {postes.map((p) => (
            <li key={p.id}>
              {p.intitule}{' '}
              <Badge as="span" small severity={p.pourvu ? 'success' : 'warning'}>
                {p.pourvu ? 'Pourvu' : 'Vacant'}
              </Badge>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
