import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { formatDateTime } from '@suivi-pvd/ui';
import { Link } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { useMe } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';
import { useConfirmation } from '../shared/confirm-dialog';
import { rapportPdfUrl, usePublierRapport, useRapports, type Rapport } from './data/rapports.hooks';
import { jourEnLettres } from './rapport.view';

const STATUTS: Record<Rapport['statut'], { label: string; severity: 'info' | 'new' | 'success' | 'error' }> = {
  en_attente: { label: 'En attente', severity: 'new' },
  en_cours: { label: 'En cours', severity: 'info' },
  pret: { label: 'Prêt', severity: 'success' },
  echec: { label: 'Échec', severity: 'error' },
};

const taille = (octets: number | null) => (octets === null ? '' : octets < 1024 * 1024 ? `${Math.max(1, Math.round(octets / 1024))} Ko` : `${(octets / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`);

/** « Points d'avancement » generated as PDF: status and progress, download, publication by the ANCT. */
export function RapportsView() {
  useDocumentTitle('Points d’avancement en PDF');
  const rapports = useRapports();
  const publier = usePublierRapport();
  const confirmation = useConfirmation('modale-confirmer-publication');
  const { data: me } = useMe();
  const peutPublier = hasPermission(me, 'rapport:publier');

  return (
    <>
      <h1>Points d’avancement en PDF</h1>
      <p className={fr.cx('fr-text--lead')}>
        {peutPublier
          ? 'Les rapports générés à partir de la page imprimable du Point d’avancement. Un rapport publié est conservé tel quel et visible de tous ceux qui lisent sa zone.'
          : 'Les Points d’avancement publiés par l’ANCT pour les zones que vous consultez.'}
      </p>
      <p>
        <Link className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')} to="/tableau-de-bord">
          Revenir au tableau de bord
        </Link>
      </p>
      {publier.isError && <Alert severity="error" small description={publier.error instanceof Error ? publier.error.message : 'La publication a échoué.'} className={fr.cx('fr-mb-2w')} />}
      {rapports.isError ? (
        <QueryErrorAlert title="Les rapports n’ont pas pu être chargés" error={rapports.error} onRetry={() => void rapports.refetch()} />
      ) : rapports.isPending ? (
        <LoadingView />
      ) : rapports.data.items.length === 0 ? (
        <p>Aucun rapport pour le moment.{peutPublier ? ' Ouvrez la version imprimable du tableau de bord et choisissez « Générer le PDF ».' : ''}</p>
      ) : (
        <div className={fr.cx('fr-table', 'fr-table--no-caption')}>
          <div className={fr.cx('fr-table__wrapper')}>
            <div className={fr.cx('fr-table__container')}>
              <div className={fr.cx('fr-table__content')}>
                <table>
                  <caption>Rapports générés</caption>
                  <thead>
                    <tr>
                      <th scope="col">Zone</th>
                      <th scope="col">Données au</th>
                      <th scope="col">Demandé</th>
                      <th scope="col">État</th>
                      <th scope="col">Actions</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rapports.data.items.map((r) => (
                      <tr key={r.id} data-rapport-id={r.id}>
                        <th scope="row">{r.libelle}</th>
                        <td>{jourEnLettres(r.date)}</td>
                        <td>
                          {formatDateTime(r.creeLe)}
                          <br />
                          <span className={fr.cx('fr-text--xs')}>{r.demandePar}</span>
                        </td>
                        <td>
                          <Badge severity={STATUTS[r.statut].severity} small noIcon>
                            {STATUTS[r.statut].label}
                          </Badge>
                          {r.publie && (
                            <>
                              {' '}
                              <Badge severity="success" small>
                                Publié
                              </Badge>
                            </>
                          )}
                          {(r.statut === 'en_attente' || r.statut === 'en_cours') && (
                            <div className={fr.cx('fr-mt-1v')}>
                              <progress max={100} value={r.progression} aria-label={`Génération du rapport ${r.libelle}`}>
                                {r.progression} %
                              </progress>{' '}
                              <span className={fr.cx('fr-text--xs')}>{r.progression} %</span>
                            </div>
                          )}
                          {r.statut === 'echec' && r.erreur && <p className={fr.cx('fr-text--xs', 'fr-error-text', 'fr-mt-1v')}>{r.erreur}</p>}
                          {r.publie && r.publieLe && <p className={fr.cx('fr-text--xs', 'fr-mb-0')}>Publié le {formatDateTime(r.publieLe)}</p>}
                        </td>
                        <td>
                          {r.statut === 'pret' && (
                            <div className={fr.cx('fr-btns-group', 'fr-btns-group--sm', 'fr-btns-group--icon-left')}>
                              <a className={fr.cx('fr-btn', 'fr-btn--secondary', 'fr-btn--sm', 'fr-icon-download-line', 'fr-btn--icon-left')} href={rapportPdfUrl(r.id)} download={r.nomFichier}>
                                Télécharger le PDF{r.taille ? ` (${taille(r.taille)})` : ''}
                              </a>
                              {peutPublier && !r.publie && (
                                <Button
                                  size="small"
                                  iconId="fr-icon-send-plane-line"
                                  disabled={publier.isPending}
                                  onClick={() =>
                                    confirmation.ask({
                                      title: 'Publier ce point d’avancement ?',
                                      consequence: `Le rapport « ${r.libelle} » (données au ${jourEnLettres(r.date)}) sera visible tel quel de tous ceux qui lisent sa zone. Une publication ne peut pas être retirée.`,
                                      confirmLabel: 'Publier le rapport',
                                      onConfirm: () => publier.mutate(r.id),
                                    })
                                  }
                                >
                                  Publier
                                </Button>
                              )}
                            </div>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </div>
        </div>
      )}
      {confirmation.dialog}
    </>
  );
}
