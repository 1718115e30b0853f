import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link } from 'react-router';
import { useState, type ReactNode } from 'react';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert, errorMessage } from '../app/query-error-alert';
import {
  useCatalogue,
  useCreateParticipation,
  useDeleteParticipation,
  useDossierDemarches,
  useUpdateParticipation,
  type CommuneSaisie,
  type Demarche,
  type Participation,
} from './data/demarches.hooks';
import { ParticipationForm } from './participation.form';
import { attributsRenseignes, periodeLabel } from './participation-format';

type Editing = { kind: 'nouvelle' } | { kind: 'modification'; participation: Participation } | null;

/** The thematic schemes the PVD's communes take part in (France services, Micro-Folie…), in its dossier. */
export function DemarchesSection({ pvdId }: { pvdId: string }) {
  const list = useDossierDemarches(pvdId);
  const catalogue = useCatalogue();
  const [editing, setEditing] = useState<Editing>(null);
  const [message, setMessage] = useState<string | null>(null);
  const communesSaisie = list.data?.communes.filter((c) => c.peutSaisir) ?? [];
  const multiCommunes = (list.data?.communes.length ?? 0) > 1;

  const close = (done?: string) => {
    setEditing(null);
    setMessage(done ?? null);
    // After a cancel (or a conflict), show the participations as they are now.
    if (!done) void list.refetch();
  };

  return (
    <section aria-labelledby="demarches-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="demarches-titre" className={fr.cx('fr-h3')}>
        Dispositifs thématiques
      </h2>
      <p className={fr.cx('fr-text--sm')}>
        Les dispositifs auxquels participent les communes de la petite ville de demain.{' '}
        <Link to="/demarches">Voir le catalogue des dispositifs</Link>
      </p>
      <div aria-live="polite">{message && <Alert className={fr.cx('fr-mb-2w')} severity="success" small description={message} closable onClose={() => setMessage(null)} />}</div>
      {(list.isPending || catalogue.isPending) && <LoadingView label="Chargement des dispositifs…" />}
      {list.isError && <QueryErrorAlert title="Les dispositifs n’ont pas pu être chargés" error={list.error} onRetry={() => void list.refetch()} />}
      {catalogue.isError && <QueryErrorAlert title="Le catalogue des dispositifs n’a pas pu être chargé" error={catalogue.error} onRetry={() => void catalogue.refetch()} />}
      {list.data && catalogue.data && (
        <>
          {list.data.items.length === 0 ? (
            <p>Aucune participation à un dispositif thématique n’est enregistrée.</p>
          ) : (
            <ParticipationsList
              items={list.data.items}
              catalogue={catalogue.data.items}
              showCommune={multiCommunes}
              editingId={editing?.kind === 'modification' ? editing.participation.id : null}
              onEdit={(participation) => {
                setMessage(null);
                setEditing({ kind: 'modification', participation });
              }}
              onDeleted={() => close('La participation a été supprimée.')}
              editor={(participation) => <EditParticipation participation={participation} catalogue={catalogue.data.items} onDone={close} />}
            />
          )}
          {editing?.kind === 'nouvelle' ? (
            <NewParticipation catalogue={catalogue.data.items} communes={communesSaisie} onDone={close} />
          ) : (
            communesSaisie.length > 0 && (
              <Button
                priority="secondary"
                iconId="fr-icon-add-line"
                onClick={() => {
                  setMessage(null);
                  setEditing({ kind: 'nouvelle' });
                }}
              >
                Ajouter un dispositif
              </Button>
            )
          )}
        </>
      )}
    </section>
  );
}

function ParticipationsList({
  items,
  catalogue,
  showCommune,
  editingId,
  onEdit,
  onDeleted,
  editor,
}: {
  items: Participation[];
  catalogue: Demarche[];
  showCommune: boolean;
  editingId: string | null;
  onEdit: (p: Participation) => void;
  onDeleted: () => void;
  editor: (p: Participation) => ReactNode;
}) {
  return (
    <ul className={fr.cx('fr-raw-list', 'fr-mb-3w')} aria-label="Participations aux dispositifs thématiques">
      {items.map((p) =>
        p.id === editingId ? (
          <li key={p.id}>{editor(p)}</li>
        ) : (
          <ParticipationItem key={p.id} participation={p} demarche={catalogue.find((d) => d.id === p.demarcheId)} showCommune={showCommune} onEdit={() => onEdit(p)} onDeleted={onDeleted} />
        ),
      )}
    </ul>
  );
}

function ParticipationItem({
  participation: p,
  demarche,
  showCommune,
  onEdit,
  onDeleted,
}: {
  participation: Participation;
  demarche: Demarche | undefined;
  showCommune: boolean;
  onEdit: () => void;
  onDeleted: () => void;
}) {
  const remove = useDeleteParticipation();
  const [confirming, setConfirming] = useState(false);
  const attributs = attributsRenseignes(demarche?.attributs ?? [], p.attributs);
  return (
    <li className={fr.cx('fr-py-2w')} style={{ borderBottom: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--middle')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
          <h3 className={fr.cx('fr-text--md', 'fr-text--bold', 'fr-mb-1v')}>
            {p.demarcheNom}
            {showCommune && <span className={fr.cx('fr-text--regular')}> – {p.communeNom}</span>}
          </h3>
          <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>{periodeLabel(p)}</p>
          {attributs.length > 0 && (
            <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>
              {attributs.map(([label, value], i) => (
                <span key={label}>
                  {i > 0 && ' · '}
                  {label} : <strong>{value}</strong>
                </span>
              ))}
            </p>
          )}
        </div>
        {p.peutModifier && (
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            {confirming ? (
              <div role="group" aria-label={`Supprimer ${p.demarcheNom}`}>
                <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>Supprimer cette participation ?</p>
                <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm')}>
                  <li>
                    <Button size="small" disabled={remove.isPending} onClick={() => remove.mutate(p, { onSuccess: onDeleted })}>
                      Confirmer la suppression
                    </Button>
                  </li>
                  <li>
                    <Button size="small" priority="secondary" onClick={() => setConfirming(false)}>
                      Annuler
                    </Button>
                  </li>
                </ul>
                {remove.isError && <p className={fr.cx('fr-error-text')} role="alert">{errorMessage(remove.error)}</p>}
              </div>
            ) : (
              <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm', 'fr-btns-group--right')}>
                <li>
                  <Button size="small" priority="secondary" onClick={onEdit}>
                    Modifier<span className={fr.cx('fr-sr-only')}> {p.demarcheNom}</span>
                  </Button>
                </li>
                <li>
                  <Button size="small" priority="tertiary" onClick={() => setConfirming(true)}>
                    Supprimer<span className={fr.cx('fr-sr-only')}> {p.demarcheNom}</span>
                  </Button>
                </li>
              </ul>
            )}
          </div>
        )}
      </div>
    </li>
  );
}

function NewParticipation({ catalogue, communes, onDone }: { catalogue: Demarche[]; communes: CommuneSaisie[]; onDone: (message?: string) => void }) {
  const create = useCreateParticipation();
  return (
    <ParticipationForm
      demarches={catalogue.filter((d) => d.actif)}
      communes={communes}
      pending={create.isPending}
      error={create.error}
      onSubmit={(input) => create.mutate(input, { onSuccess: (p) => onDone(`La participation à « ${p.demarcheNom} » a été enregistrée.`) })}
      onCancel={() => onDone()}
      onResetError={() => create.reset()}
    />
  );
}

function EditParticipation({ participation, catalogue, onDone }: { participation: Participation; catalogue: Demarche[]; onDone: (message?: string) => void }) {
  const update = useUpdateParticipation(participation.id);
  const demarche = catalogue.find((d) => d.id === participation.demarcheId);
  return (
    <ParticipationForm
      demarches={demarche ? [demarche] : []}
      communes={[]}
      participation={participation}
      pending={update.isPending}
      error={update.error}
      onSubmit={({ dateDebut, dateFin, attributs }) =>
        update.mutate({ dateDebut, dateFin, attributs, version: participation.version }, { onSuccess: () => onDone('La participation a été modifiée.') })
      }
      onCancel={() => onDone()}
      onResetError={() => update.reset()}
    />
  );
}
