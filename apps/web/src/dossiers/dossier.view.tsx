import { fr } from '@codegouvfr/react-dsfr';
import { DiscussionPanel } from '../discussions/discussion.panel';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { isApiError } from '@suivi-pvd/api-client';
import { formatDepartement, isProvisionalPvdId } from '@suivi-pvd/domain';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { FactList, formatDate, formatPopulation } from '@suivi-pvd/ui';
import { Link } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { AlertsSection } from './alerts.section';
import { EtatPostesSection } from './etat-postes.section';
import { ContactsSection } from './contacts.section';
import { ConventionsSection } from './conventions.section';
import { useDossier, type Dossier } from './data/dossier.hooks';
import { HistorySection } from './history.section';
import { MembershipSection } from './membership.section';
import { PilotageSummarySection } from './pilotage-summary.section';
import { MissionsSection } from '../missions/missions.section';
import { PostesSection } from '../postes/postes.section';
import { DemarchesSection } from '../demarches/demarches.section';
import { FinancementsSection } from '../financements/financements.section';
import { OperationsHabitatSection } from '../territoire/operations-habitat.section';
import { OrtSection } from '../territoire/ort.section';

/**
 * The dossier of one Petite ville de demain: territory, alerts, conventions, contacts and history.
 * The sections are those the user reads (`droits.sections`): a partner funding something in the
 * PVD reads its summary, without the contacts, documents and history.
 */
export function DossierView({ pvdId }: { pvdId: string }) {
  const dossier = useDossier(pvdId);
  const notFound = dossier.isError && isApiError(dossier.error) && dossier.error.statusCode === 404;
  // A partner whose organisation funds nothing in this PVD.
  const closed = dossier.isError && isApiError(dossier.error) && dossier.error.statusCode === 403;
  useDocumentTitle(dossier.data ? `Dossier ${dossier.data.nom}` : notFound ? 'Dossier introuvable' : closed ? 'Dossier non ouvert' : 'Dossier');

  if (dossier.isPending) {
    return (
      <>
        <Breadcrumb currentPageLabel="Dossier" homeLinkProps={{ to: '/' }} segments={[]} />
        <LoadingView label="Chargement du dossier…" />
      </>
    );
  }
  if (dossier.isError) {
    return (
      <>
        <Breadcrumb currentPageLabel="Dossier" homeLinkProps={{ to: '/' }} segments={[]} />
        <h1>{notFound ? 'Dossier introuvable' : closed ? 'Dossier non ouvert' : 'Dossier'}</h1>
        {notFound ? (
          <Alert severity="warning" title="Ce dossier n'existe pas ou ne vous est pas accessible" description={dossier.error.message} />
        ) : closed ? (
          <Alert severity="info" title="Ce dossier ne vous est pas ouvert" description={dossier.error.message} />
        ) : (
          <QueryErrorAlert error={dossier.error} onRetry={() => void dossier.refetch()} />
        )}
      </>
    );
  }

  const data = dossier.data;
  const sections = new Set(data.droits.sections);
  const resume = data.droits.lecture === 'resume';
  return (
    <>
      <Breadcrumb currentPageLabel={data.nom} homeLinkProps={{ to: '/' }} segments={[]} />
      <h1 className={fr.cx('fr-mb-1w')}>{data.nom}</h1>
      <p className={fr.cx('fr-text--lg')}>
        Dossier Petite ville de demain – {data.idPvd}{' '}
        {isProvisionalPvdId(data.idPvd) && (
          <Badge as="span" severity="warning" small>
            Identifiant provisoire : liste reçue sans id_pvd
          </Badge>
        )}
      </p>
      {resume && (
        <p className={fr.cx('fr-text--sm')}>
          Votre organisation finance une mission, une ligne de financement ou une opération d’habitat dans cette petite ville de demain : vous consultez le résumé de son
          dossier. Ses contacts, ses documents et son historique sont réservés aux collectivités et aux services de l’État.
        </p>
      )}
      {sections.has('alertes') && <AlertsSection alertes={data.alertes} liens={sections.has('documents')} />}
      {sections.has('territoire') && <Territory dossier={data} />}
      {sections.has('chiffres') && <PilotageSummarySection pvdId={data.id} />}
      {sections.has('adhesions') && <MembershipSection pvdId={data.id} />}
      {sections.has('conventions') && <ConventionsSection dossier={data} />}
      {sections.has('postes') && <PostesSection pvdId={data.id} />}
      {sections.has('etat_postes') && <EtatPostesSection postes={data.postes} />}
      {sections.has('missions') && <MissionsSection pvdId={data.id} />}
      {sections.has('ort') && <OrtSection pvdId={data.id} />}
      {sections.has('operations_habitat') && <OperationsHabitatSection pvdId={data.id} />}
      {sections.has('financements') && <FinancementsSection pvdId={data.id} />}
      {sections.has('demarches') && <DemarchesSection pvdId={data.id} />}
      {sections.has('contacts') && <ContactsSection dossier={data} onReload={() => dossier.refetch()} />}
      {!resume && <DiscussionPanel type="dossier" id={data.id} titre="Discussion sur le dossier" />}
      {sections.has('historique') && <HistorySection pvdId={data.id} />}
    </>
  );
}

function Territory({ dossier }: { dossier: Dossier }) {
  const facts: [string, string][] = [
    ['EPCI', dossier.epciNom ? `${dossier.epciNom}${dossier.epciSiren ? ` (SIREN ${dossier.epciSiren})` : ''}` : 'Non renseigné'],
    ['Date de sélection', formatDate(dossier.dateSelection) ?? 'Non renseignée'],
    ["Date de la convention d'adhésion", formatDate(dossier.dateConventionAdhesion) ?? 'Non renseignée'],
  ];
  return (
    <section aria-labelledby="territoire-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="territoire-titre" className={fr.cx('fr-h3')}>
        Territoire
      </h2>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <h3 className={fr.cx('fr-h6', 'fr-mb-1w')}>Commune{dossier.communes.length > 1 ? 's' : ''}</h3>
          <ul className={fr.cx('fr-mb-0')}>
            {dossier.communes.map((c) => (
              <li key={c.insee}>
                <Link to={`/communes/${encodeURIComponent(c.insee)}`}>
                  {c.nom} ({c.insee})
                </Link>{' '}
                – {formatDepartement(c.departementCode, c.departementNom)}, {formatPopulation(c.population)}
              </li>
            ))}
          </ul>
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <FactList items={facts} compact />
        </div>
      </div>
    </section>
  );
}
