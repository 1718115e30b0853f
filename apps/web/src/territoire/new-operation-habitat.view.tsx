import { fr } from '@codegouvfr/react-dsfr';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { useDocumentTitle } from '../app/use-document-title';
import { useCreateOperation, usePvdInfo, type PvdInfo } from './data/territoire.hooks';
import { emptyOperationDraft, OperationHabitatForm } from './operation-habitat.form';
import type { CreatedState } from './operation-habitat.view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TITLE = 'Saisir une opération d’habitat';

/** « Saisir une opération d’habitat »: `?pvd=<id>` preselects the communes of that PVD (coming from its dossier). */
export function NewOperationHabitatView() {
  useDocumentTitle(TITLE);
  const [params] = useSearchParams();
  const pvdParam = params.get('pvd') ?? '';
  const pvdId = UUID.test(pvdParam) ? pvdParam : null;
  // A PVD the user cannot read is simply not preselected.
  const pvd = usePvdInfo(pvdId);

  return (
    <>
      <Breadcrumb
        currentPageLabel="Saisir une opération"
        homeLinkProps={{ to: '/' }}
        segments={[pvd.data ? { label: pvd.data.nom, linkProps: { to: `/pvd/${encodeURIComponent(pvd.data.id)}` } } : { label: 'Opérations d’habitat', linkProps: { to: '/operations-habitat' } }]}
      />
      <h1 id="nouvelle-operation-titre">{TITLE}</h1>
      <p className={fr.cx('fr-text--lead')}>Une OPAH, un PIG, une RHI-THIRORI… saisie une fois : elle apparaît sur le dossier de chaque petite ville de demain qu’elle couvre.</p>
      {pvdId && pvd.isPending ? <LoadingView label="Chargement du formulaire…" /> : <NewOperationForm pvd={pvd.data ?? null} />}
    </>
  );
}

function NewOperationForm({ pvd }: { pvd: PvdInfo | null }) {
  const create = useCreateOperation();
  const navigate = useNavigate();
  const [initial] = useState(() => emptyOperationDraft(pvd?.communes.map((c) => ({ insee: c.insee, nom: c.nom, departementCode: c.departementCode, population: c.population })) ?? [], pvd?.epciSiren ?? null));
  return (
    <OperationHabitatForm
      initial={initial}
      pending={create.isPending}
      error={create.error}
      onResetError={() => create.reset()}
      submitLabel="Enregistrer l’opération"
      labelledBy="nouvelle-operation-titre"
      onSubmit={(input) =>
        create.mutate(input, {
          onSuccess: (operation) => {
            const state: CreatedState = { created: true };
            void navigate(`/operations-habitat/${encodeURIComponent(operation.id)}`, { state });
          },
        })
      }
      cancel={
        <Link className={fr.cx('fr-btn', 'fr-btn--secondary')} to={pvd ? `/pvd/${encodeURIComponent(pvd.id)}` : '/operations-habitat'}>
          Annuler
        </Link>
      }
    />
  );
}
