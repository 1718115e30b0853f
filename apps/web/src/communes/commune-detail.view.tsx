import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { isApiError } from '@suivi-pvd/api-client';
import { FactList, PvdBadge, formatDate, formatPopulation } from '@suivi-pvd/ui';
import { Link, useLocation } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { useCommune, type CommuneDetail } from './data/communes.hooks';
import { formatDepartement, formatRegion } from '@suivi-pvd/domain';

const NOT_PROVIDED = 'Non renseigné';

/** Where "Communes" in the breadcrumb leads: back to the search the user came from. */
function useSearchLink(): string {
  const { state } = useLocation() as { state: unknown };
  if (typeof state === 'object' && state !== null && 'fromSearch' in state) {
    const fromSearch = (state as { fromSearch: unknown }).fromSearch;
    if (typeof fromSearch === 'string') return `/communes${fromSearch}`;
  }
  return '/communes';
}

export function CommuneDetailView({ insee }: { insee: string }) {
  const commune = useCommune(insee);
  const searchLink = useSearchLink();
  const notFound =
    commune.isError && isApiError(commune.error) && commune.error.statusCode === 404;
  useDocumentTitle(
    commune.data ? `${commune.data.nom} (${commune.data.insee})` : notFound ? 'Commune introuvable' : 'Commune',
  );

  const breadcrumb = (label: string) => (
    <Breadcrumb
      currentPageLabel={label}
      homeLinkProps={{ to: '/' }}
      segments={[{ label: 'Communes', linkProps: { to: searchLink } }]}
    />
  );

  if (commune.isPending) {
    return (
      <>
        {breadcrumb(insee)}
        <LoadingView label="Chargement de la commune…" />
      </>
    );
  }
  if (commune.isError) {
    return (
      <>
        {breadcrumb(insee)}
        {notFound ? (
          <>
            <h1>Commune introuvable</h1>
            <Alert
              severity="warning"
              title={`Aucune commune ne porte le code INSEE « ${insee} »`}
              description={commune.error.message}
            />
            <p className={fr.cx('fr-mt-3w')}>
              <Link className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')} to={searchLink}>
                Retour à la recherche de communes
              </Link>
            </p>
          </>
        ) : (
          <>
            <h1>Commune {insee}</h1>
            <QueryErrorAlert error={commune.error} onRetry={() => void commune.refetch()} />
          </>
        )}
      </>
    );
  }

  const data = commune.data;
  return (
    <>
      {breadcrumb(data.nom)}
      <h1 className={fr.cx('fr-mb-1w')}>{data.nom}</h1>
      <p className={fr.cx('fr-text--lg')}>
        Commune de {formatDepartement(data.departement.code, data.departement.nom)}, {formatRegion(data.region.code, data.region.nom)}
      </p>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-6')}>
          <section aria-labelledby="identite-titre" className={fr.cx('fr-p-3w')} style={panelStyle}>
            <h2 id="identite-titre" className={fr.cx('fr-h4')}>
              Identité et territoire
            </h2>
            <FactList
              items={[
                ['Code INSEE', data.insee],
                ['SIREN', data.siren ?? NOT_PROVIDED],
                ['Population', formatPopulation(data.population)],
                ['Département', formatDepartement(data.departement.code, data.departement.nom)],
                ['Région', formatRegion(data.region.code, data.region.nom)],
                ['EPCI', data.epci ? `${data.epci.nom} (${data.epci.type}, SIREN ${data.epci.siren})` : NOT_PROVIDED],
                [
                  'Niveau de densité (INSEE)',
                  data.densite ? `${data.densite.libelle} (niveau ${data.densite.niveau})` : NOT_PROVIDED,
                ],
              ]}
            />
          </section>
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-lg-6')}>
          <PvdStatus commune={data} searchLink={searchLink} />
        </div>
      </div>
    </>
  );
}

const panelStyle = {
  border: `1px solid ${fr.colors.decisions.border.default.grey.default}`,
  height: '100%',
} as const;

function PvdStatus({ commune, searchLink }: { commune: CommuneDetail; searchLink: string }) {
  const pvd = commune.pvd;
  return (
    <section aria-labelledby="pvd-titre" className={fr.cx('fr-p-3w')} style={panelStyle}>
      <h2 id="pvd-titre" className={fr.cx('fr-h4')}>
        Programme Petites villes de demain
      </h2>
      {pvd ? (
        <>
          <p>
            <PvdBadge isPvd variant="long" />
          </p>
          <FactList
            items={[
              ['Identifiant PVD (id_pvd)', pvd.idPvd],
              ['Date de sélection', formatDate(pvd.dateSelection) ?? NOT_PROVIDED],
              ["Date de la convention d'adhésion", formatDate(pvd.dateConventionAdhesion) ?? 'Non signée ou non renseignée'],
            ]}
          />
          <OtherCommunes commune={commune} communes={pvd.communes} searchLink={searchLink} />
          <p className={fr.cx('fr-mt-3w', 'fr-mb-0')}>
            <Link
              to={`/pvd/${encodeURIComponent(pvd.id)}`}
              className={fr.cx('fr-link', 'fr-icon-arrow-right-line', 'fr-link--icon-right')}
            >
              Voir le dossier de la Petite ville de demain
            </Link>
          </p>
        </>
      ) : (
        <>
          <p>
            <PvdBadge isPvd={false} variant="long" />
          </p>
          <p className={fr.cx('fr-mb-0')}>
            Cette commune n'est pas lauréate du programme Petites villes de demain.
          </p>
        </>
      )}
    </section>
  );
}

function OtherCommunes({
  commune,
  communes,
  searchLink,
}: {
  commune: CommuneDetail;
  communes: { insee: string; nom: string }[];
  searchLink: string;
}) {
  const others = communes.filter((c) => c.insee !== commune.insee);
  if (others.length === 0) {
    return <p className={fr.cx('fr-mb-0')}>Cette Petite ville de demain ne regroupe pas d'autre commune.</p>;
  }
  const fromSearch = searchLink.replace(/^\/communes/, '');
  return (
    <>
      <h3 className={fr.cx('fr-h6', 'fr-mb-1w')}>Autres communes de cette Petite ville de demain</h3>
      <ul className={fr.cx('fr-mb-0')}>
        {others.map((c) => (
          <li key={c.insee}>
            <Link to={`/communes/${encodeURIComponent(c.insee)}`} state={{ fromSearch }}>
              {c.nom} ({c.insee})
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
