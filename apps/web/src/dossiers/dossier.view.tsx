import { fr } from '@codegouvfr/react-dsfr';
import { DiscussionPanel } from '../discussions/discussion.panel';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { isApiError } from '@suivi-pvd/api-client';
import { formatDepartement, isProvisionalPvdId } from '@suivi-pvd/domain';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { FactList, formatDate, formatPopulation } from '@suivi-pvd/ui';
import { Tabs } from '@codegouvfr/react-dsfr/Tabs';
import type { DossierSection } from '@suivi-pvd/domain';
import { Link, useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { AlertsSection } from './alerts.section';
import { EtatPostesSection } from './etat-postes.section';
import { ContactsSection } from './contacts.section';
import { ConventionsSection } from './conventions.section';
import { useDossier, type Dossier, type DossierEffectifs } from './data/dossier.hooks';
import { HistorySection } from './history.section';
import { ActiviteSection } from '../activite/activite.section';
import { MembershipSection } from './membership.section';
import { PilotageSummarySection } from './pilotage-summary.section';
import { MissionsSection } from '../missions/missions.section';
import { PostesSection } from '../postes/postes.section';
import { DemarchesSection } from '../demarches/demarches.section';
import { FinancementsSection } from '../financements/financements.section';
import { OperationsHabitatSection } from '../territoire/operations-habitat.section';
import { OrtSection } from '../territoire/ort.section';

/** The tabs of the dossier after its summary: each loads its section when opened. */
const ONGLETS: { id: string; section: DossierSection; label: string; effectif?: keyof DossierEffectifs }[] = [
  { id: 'chiffres', section: 'chiffres', label: 'En chiffres' },
  { id: 'adhesions', section: 'adhesions', label: 'Adhésion au programme' },
  { id: 'postes', section: 'postes', label: 'Poste de chef de projet', effectif: 'postes' },
  { id: 'missions', section: 'missions', label: 'Missions d’expertise', effectif: 'missions' },
  { id: 'ort', section: 'ort', label: 'ORT', effectif: 'ort' },
  { id: 'habitat', section: 'operations_habitat', label: 'Opérations d’habitat', effectif: 'operationsHabitat' },
  { id: 'financements', section: 'financements', label: 'Financements', effectif: 'financements' },
  { id: 'demarches', section: 'demarches', label: 'Dispositifs thématiques', effectif: 'demarches' },
  { id: 'discussion', section: 'discussion', label: 'Discussion' },
  { id: 'historique', section: 'historique', label: 'Historique', effectif: 'historique' },
];
const SYNTHESE = 'synthese';

/**
 * The dossier of one Petite ville de demain. Its first screen comes from one call (`useDossier`):
 * alerts, then the summary tab (territory, conventions, contacts); every other section is a tab,
 * loaded when opened (only the open tab's queries run), its count in its label. The open tab is
 * in the address (`?onglet=`), so a reload or a shared link opens it again.
 * The sections are those the user reads (`droits.sections`): a partner funding something in the
 * PVD reads its summary, without the contacts, documents and history.
 */
export function DossierView({ pvdId }: { pvdId: string }) {
  const dossier = useDossier(pvdId);
  const [searchParams, setSearchParams] = useSearchParams();
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
  const onglets = ONGLETS.filter((o) => sections.has(o.section));
  const selected = onglets.find((o) => o.id === searchParams.get('onglet'))?.id ?? SYNTHESE;
  const label = (o: (typeof ONGLETS)[number]) => {
    const n = o.effectif ? data.effectifs[o.effectif] : null;
    return n === null || n === undefined ? o.label : `${o.label} (${n})`;
  };
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
      <Tabs
        label="Rubriques du dossier"
        selectedTabId={selected}
        tabs={[{ tabId: SYNTHESE, label: 'Synthèse' }, ...onglets.map((o) => ({ tabId: o.id, label: label(o) }))]}
        onTabChange={(tabId) =>
          setSearchParams(
            (current) => {
              const next = new URLSearchParams(current);
              if (tabId === SYNTHESE) next.delete('onglet');
              else next.set('onglet', tabId);
              return next;
            },
            { replace: true },
          )
        }
      >
        {selected === SYNTHESE && (
          <>
            {sections.has('territoire') && <Territory dossier={data} />}
            {sections.has('conventions') && <ConventionsSection dossier={data} />}
            {sections.has('etat_postes') && <EtatPostesSection postes={data.postes} />}
            {sections.has('contacts') && <ContactsSection dossier={data} onReload={() => dossier.refetch()} />}
          </>
        )}
        {selected === 'chiffres' && <PilotageSummarySection pvdId={data.id} />}
        {selected === 'adhesions' && <MembershipSection pvdId={data.id} />}
        {selected === 'postes' && <PostesSection pvdId={data.id} />}
        {selected === 'missions' && <MissionsSection pvdId={data.id} />}
        {selected === 'ort' && <OrtSection pvdId={data.id} />}
        {selected === 'habitat' && <OperationsHabitatSection pvdId={data.id} />}
        {selected === 'financements' && <FinancementsSection pvdId={data.id} />}
        {selected === 'demarches' && <DemarchesSection pvdId={data.id} />}
        {selected === 'discussion' && <DiscussionPanel type="dossier" id={data.id} titre="Discussion sur le dossier" />}
        {selected === 'historique' && (
          <>
            <ActiviteSection pvdId={data.id} />
            <HistorySection pvdId={data.id} />
          </>
        )}
      </Tabs>
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
