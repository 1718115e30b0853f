import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { isApiError } from '@suivi-pvd/api-client';
import { FactList } from '@suivi-pvd/ui';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { jour } from '../pilotage/pilotage-format';
import { NotFoundRoute } from '../routes/not-found.route';
import { ChiffresPublics } from './chiffres-publics';
import { usePvdPublic, type PvdPublic } from './data/public.hooks';
import { FichesProjetsSection } from './fiches-projets.section';
import { PROGRAMME_TITLE } from './programme.view';

const STATUT_SEVERITY = { signee: 'success', en_preparation: 'info', non_engagee: undefined } as const;

/** A PVD's public page, without login: its communes and areas, its statuses and signature days, its public figures. */
export function PvdPublicView({ idPvd }: { idPvd: string }) {
  const pvd = usePvdPublic(idPvd);
  useDocumentTitle(pvd.data ? `${pvd.data.nom} – Petites villes de demain` : pvd.isError ? 'Page non trouvée' : 'Petite ville de demain');
  if (pvd.isPending) return <LoadingView label="Chargement de la page…" />;
  if (pvd.isError) {
    if (isApiError(pvd.error) && pvd.error.statusCode === 404) return <NotFoundRoute />;
    return <QueryErrorAlert title="Cette page n’a pas pu être chargée" error={pvd.error} onRetry={() => void pvd.refetch()} />;
  }
  return <PvdPublicPage pvd={pvd.data} />;
}

function PvdPublicPage({ pvd }: { pvd: PvdPublic }) {
  const cadre = pvd.conventionCadre;
  return (
    <>
      <Breadcrumb
        currentPageLabel={pvd.nom}
        segments={[{ label: PROGRAMME_TITLE, linkProps: { to: '/programme' } }]}
        className={fr.cx('fr-mb-2w')}
      />
      <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>Petite ville de demain</p>
      <h1 className={fr.cx('fr-mb-1w')}>{pvd.nom}</h1>
      <p className={fr.cx('fr-text--lead', 'fr-mb-4w')}>
        {pvd.departement.nom} ({pvd.departement.code}), {pvd.region.nom}
      </p>

      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mb-2w')}>
        <section className={fr.cx('fr-col-12', 'fr-col-md-6')} aria-labelledby="territoire-titre">
          <h2 id="territoire-titre" className={fr.cx('fr-h4')}>
            Le territoire
          </h2>
          <FactList
            items={[
              [
                pvd.communes.length > 1 ? 'Communes' : 'Commune',
                <ul key="c" className={fr.cx('fr-raw-list')}>
                  {pvd.communes.map((c) => (
                    <li key={c.insee}>
                      {c.nom} <span className={fr.cx('fr-text--xs')}>(code INSEE {c.insee})</span>
                    </li>
                  ))}
                </ul>,
              ],
              ['Intercommunalité (EPCI)', pvd.epci ? `${pvd.epci.nom} (SIREN ${pvd.epci.siren})` : 'Non renseignée'],
              ['Département', `${pvd.departement.nom} (${pvd.departement.code})`],
              ['Région', pvd.region.nom],
            ]}
          />
        </section>
        <section className={fr.cx('fr-col-12', 'fr-col-md-6')} aria-labelledby="programme-titre">
          <h2 id="programme-titre" className={fr.cx('fr-h4')}>
            Dans le programme
          </h2>
          <FactList
            items={[
              ['Entrée dans le programme', pvd.dateEntree ? jour(pvd.dateEntree) : 'Non renseignée'],
              ['Convention d’adhésion', pvd.dateSignatureConventionAdhesion ? `Signée le ${jour(pvd.dateSignatureConventionAdhesion)}` : 'Pas encore signée'],
              [
                'Convention-cadre',
                <span key="cc">
                  <Badge small noIcon={!STATUT_SEVERITY[cadre.statut]} severity={STATUT_SEVERITY[cadre.statut]} as="span">
                    {cadre.libelle}
                  </Badge>
                  {cadre.dateSignature && <> le {jour(cadre.dateSignature)}</>}
                </span>,
              ],
              [
                'Opération de revitalisation de territoire (ORT)',
                pvd.ort.enVigueur ? (
                  <span key="ort">
                    <Badge small severity="success" as="span">
                      En vigueur
                    </Badge>{' '}
                    signée le {jour(pvd.ort.dateSignature)}
                  </span>
                ) : (
                  'Pas d’ORT en vigueur'
                ),
              ],
            ]}
          />
        </section>
      </div>

      <section aria-labelledby="chiffres-titre">
        <h2 id="chiffres-titre" className={fr.cx('fr-h4')}>
          Les chiffres clés
        </h2>
        {pvd.indicateurs.length === 0 ? <p>Aucun chiffre n’est publié pour le moment.</p> : <ChiffresPublics indicateurs={pvd.indicateurs} />}
        <p className={fr.cx('fr-text--xs')}>Au {jour(pvd.date)}, calculés à partir des données de la plateforme Suivi PVD.</p>
      </section>

      <FichesProjetsSection idPvd={pvd.idPvd} nom={pvd.nom} />
    </>
  );
}
