import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { formatEuros } from '@suivi-pvd/domain';
import { Link } from 'react-router';
import { QueryErrorAlert } from '../app/query-error-alert';
import { usePostesDuDossier, type PosteSummary } from './data/postes.hooks';
import { todayIso } from './poste-format';

const amountStyle = { textAlign: 'right', whiteSpace: 'nowrap' } as const;

/** The dossier's co-financed chef de projet posts: holder today, this year's co-financing, alerts. */
export function PostesSection({ pvdId }: { pvdId: string }) {
  const postes = usePostesDuDossier(pvdId);
  const year = todayIso().slice(0, 4);

  return (
    <section aria-labelledby="postes-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="postes-titre" className={fr.cx('fr-h3')}>
        Poste de chef de projet
      </h2>
      {postes.isPending && (
        <p role="status" aria-live="polite">
          Chargement des postes…
        </p>
      )}
      {postes.isError && (
        <QueryErrorAlert title="Les postes n'ont pas pu être chargés" error={postes.error} onRetry={() => void postes.refetch()} />
      )}
      {postes.data && (
        <>
          {postes.data.postes.length === 0 ? (
            <p>Aucun poste de chef de projet n’est enregistré pour ce dossier.</p>
          ) : (
            <div className={fr.cx('fr-table', 'fr-table--no-caption', 'fr-table--bordered', 'fr-table--multiline')}>
              <div className={fr.cx('fr-table__wrapper')}>
                <div className={fr.cx('fr-table__container')} style={{ position: 'relative' }}>
                  <div className={fr.cx('fr-table__content')}>
                    <table>
                      <caption>Postes de chef de projet du dossier</caption>
                      <thead>
                        <tr>
                          <th scope="col">Poste</th>
                          <th scope="col">Employeur</th>
                          <th scope="col">Titulaire actuel</th>
                          <th scope="col" style={amountStyle}>
                            Cofinancement {year}
                          </th>
                          <th scope="col">Points d’attention</th>
                        </tr>
                      </thead>
                      <tbody>
                        {postes.data.postes.map((p) => (
                          <PosteRow key={p.id} poste={p} />
                        ))}
                      </tbody>
                    </table>
                  </div>
                </div>
              </div>
            </div>
          )}
          {postes.data.peutCreer && (
            <Button priority="secondary" iconId="fr-icon-add-line" linkProps={{ to: `/pvd/${encodeURIComponent(pvdId)}/postes/nouveau` }}>
              Enregistrer un poste
            </Button>
          )}
        </>
      )}
    </section>
  );
}

function PosteRow({ poste }: { poste: PosteSummary }) {
  return (
    <tr>
      <td>
        <Link to={`/postes/${encodeURIComponent(poste.id)}`}>{poste.intitule}</Link>
      </td>
      <td>{poste.employeurNom}</td>
      <td>
        {poste.titulaireActuel ?? (
          <Badge small severity="warning">
            Vacant
          </Badge>
        )}
      </td>
      <td style={amountStyle}>{formatEuros(poste.subventionAnneeCourante)}</td>
      <td>
        {poste.alertes.length === 0 ? (
          '—'
        ) : (
          <ul className={fr.cx('fr-raw-list', 'fr-mb-0')}>
            {poste.alertes.map((a) => (
              <li key={`${a.code}-${a.date}`} className={fr.cx('fr-mb-1v')}>
                <Badge small severity={a.niveau} noIcon={false}>
                  {a.niveau === 'error' ? 'Alerte' : 'À surveiller'}
                </Badge>{' '}
                <span className={fr.cx('fr-text--sm')}>{a.message}</span>
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
