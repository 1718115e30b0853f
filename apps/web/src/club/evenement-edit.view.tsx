import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { CLUB_CYCLE_TYPES, isClubEvenementType } from '@suivi-pvd/domain';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDocumentTitle } from '../app/use-document-title';
import { useCreateEvenement, useEvenement, useOrganisationEvenements, useUpdateEvenement, type Evenement } from './data/club.hooks';
import { draftOf, emptyDraft, EvenementForm } from './evenement.form';

/** « Créer un événement » (`?type=club_departemental`: a préfecture records a meeting of its club). */
export function NewEvenementView() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const type = search.get('type');
  const club = type === 'club_departemental';
  useDocumentTitle(club ? 'Réunion du club départemental' : 'Créer un événement du Club');
  const mine = useOrganisationEvenements({ type: '', statut: '', page: 1, pageSize: 200 });
  const parent = search.get('parent') ?? '';
  const create = useCreateEvenement();
  const title = club ? 'Enregistrer une réunion du club départemental' : 'Créer un événement';
  const breadcrumb = (
    <Breadcrumb
      currentPageLabel={title}
      homeLinkProps={{ to: '/' }}
      segments={[
        { label: 'Agenda du Club', linkProps: { to: '/club/agenda' } },
        { label: 'Mes événements organisés', linkProps: { to: '/club/organisation' } },
      ]}
    />
  );
  if (mine.isPending) return <LoadingView label="Chargement…" />;
  if (mine.isError) return <QueryErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />;
  const organisateurs = club ? mine.data.organisateurs.filter((o) => o.types.includes('club_departemental') && o.departementCode) : mine.data.organisateurs;
  const cycles = cyclesOf(mine.data.items);
  const initial = emptyDraft(organisateurs[0], isClubEvenementType(type) && organisateurs[0]?.types.includes(type) ? type : undefined);
  return (
    <>
      {breadcrumb}
      <h1>{title}</h1>
      {club && <p className={fr.cx('fr-text--lead')}>La date de la réunion, le nombre de participants, les sujets abordés (thèmes et description) et les supports partagés.</p>}
      <EvenementForm
        initial={club ? { ...initial, statut: 'publie', titre: 'Réunion du club départemental PVD' } : { ...initial, parentId: cycles.some((c) => c.id === parent) ? parent : '' }}
        organisateurs={organisateurs}
        cycles={club ? [] : cycles}
        published={false}
        pending={create.isPending}
        error={create.error}
        submitLabel={club ? 'Enregistrer la réunion' : 'Créer l’événement'}
        onSubmit={(input, organisateurId) => create.mutate({ ...input, organisateurId: organisateurId || undefined }, { onSuccess: (e) => void navigate(`/club/evenements/${e.id}`) })}
        cancel={
          <Button priority="secondary" linkProps={{ to: '/club/organisation' }}>
            Annuler
          </Button>
        }
      />
    </>
  );
}

/** The seasons and weeks among one's events (an event may be a session of one). */
function cyclesOf(items: readonly { id: string; type: string; titre: string; statut: string }[]): { id: string; titre: string }[] {
  return items.filter((i) => (CLUB_CYCLE_TYPES as readonly string[]).includes(i.type) && i.statut !== 'annule').map((i) => ({ id: i.id, titre: i.titre }));
}

/** « Modifier l’événement », for its organiser. */
export function EditEvenementView({ evenementId }: { evenementId: string }) {
  const evenement = useEvenement(evenementId);
  useDocumentTitle(evenement.data ? `Modifier « ${evenement.data.titre} »` : 'Modifier un événement');
  if (evenement.isPending) return <LoadingView label="Chargement de l’événement…" />;
  if (evenement.isError) return <QueryErrorAlert error={evenement.error} onRetry={() => void evenement.refetch()} />;
  return <EditForm evenement={evenement.data} reload={() => void evenement.refetch()} />;
}

function EditForm({ evenement: e, reload }: { evenement: Evenement; reload: () => void }) {
  const navigate = useNavigate();
  const update = useUpdateEvenement(e.id);
  const mine = useOrganisationEvenements({ type: '', statut: '', page: 1, pageSize: 200 });
  const cycles = cyclesOf(mine.data?.items ?? []);
  const [key, setKey] = useState(0);
  return (
    <>
      <Breadcrumb
        currentPageLabel="Modifier"
        homeLinkProps={{ to: '/' }}
        segments={[
          { label: 'Agenda du Club', linkProps: { to: '/club/agenda' } },
          { label: e.titre, linkProps: { to: `/club/evenements/${e.id}` } },
        ]}
      />
      <h1>Modifier « {e.titre} »</h1>
      {!e.peutGerer ? (
        <p>Seul l’organisateur de cet événement peut le modifier.</p>
      ) : (
        <EvenementForm
          key={key}
          initial={draftOf(e)}
          organisateurs={[]}
          cycles={cycles.filter((c) => c.id !== e.id)}
          published={e.statut === 'publie'}
          pending={update.isPending}
          error={update.error}
          submitLabel="Enregistrer"
          onReload={() => {
            update.reset();
            reload();
            setKey((k) => k + 1);
          }}
          onSubmit={(input) => update.mutate({ ...input, version: e.version }, { onSuccess: () => void navigate(`/club/evenements/${e.id}`) })}
          cancel={
            <Button priority="secondary" linkProps={{ to: `/club/evenements/${e.id}` }}>
              Annuler
            </Button>
          }
        />
      )}
    </>
  );
}
