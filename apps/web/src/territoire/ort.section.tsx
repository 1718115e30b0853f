import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { ORT_STATUT_LABELS, type OrtStatut } from '@suivi-pvd/domain';
import { FactList, formatDate } from '@suivi-pvd/ui';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useDossier } from '../dossiers/data/dossier.hooks';
import { useCreateOrt, useOrtDuDossier, useUpdateOrt, type Ort, type OrtDuDossier } from './data/territoire.hooks';
import { draftOfOrt, emptyOrtDraft, OrtForm } from './ort.form';

const STATUT_SEVERITY: Record<OrtStatut, 'new' | 'success' | 'info' | undefined> = { en_preparation: 'new', signee: 'success', echue: 'info', abandonnee: undefined };

export function OrtStatutBadge({ statut }: { statut: OrtStatut }) {
  return (
    <Badge small noIcon={STATUT_SEVERITY[statut] === undefined} severity={STATUT_SEVERITY[statut]}>
      {ORT_STATUT_LABELS[statut]}
    </Badge>
  );
}

/**
 * The communes an ORT or an operation covers, each linked to its dossier when it is a PVD (other
 * than this one); without `liens`, names only (a partner reading a summary opens only the dossiers it funds).
 */
export function CommunesCouvertes({ communes, pvdId, liens = true }: { communes: readonly { insee: string; nom: string; pvdId: string | null }[]; pvdId?: string; liens?: boolean }) {
  return (
    <>
      {communes.map((c, i) => (
        <span key={c.insee}>
          {i > 0 && (i === communes.length - 1 ? ' et ' : ', ')}
          {liens && c.pvdId && c.pvdId !== pvdId ? <Link to={`/pvd/${encodeURIComponent(c.pvdId)}`}>{c.nom}</Link> : c.nom}
        </span>
      ))}
    </>
  );
}

/** « ORT » in the dossier: the opérations de revitalisation de territoire covering a commune of the PVD. */
export function OrtSection({ pvdId }: { pvdId: string }) {
  const data = useOrtDuDossier(pvdId);
  const [creating, setCreating] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  return (
    <section aria-labelledby="ort-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="ort-titre" className={fr.cx('fr-h3')}>
        ORT
      </h2>
      <p className={fr.cx('fr-text--sm')}>Opération de revitalisation de territoire : saisie une fois, elle apparaît sur le dossier de chaque petite ville de demain qu’elle couvre.</p>
      <div aria-live="polite">{saved && <Alert className={fr.cx('fr-mb-3w')} severity="success" small description={saved} />}</div>
      {data.isPending && <LoadingView label="Chargement de l’ORT…" />}
      {data.isError && <QueryErrorAlert title="L’ORT n’a pas pu être chargée" error={data.error} onRetry={() => void data.refetch()} />}
      {data.data && (
        <>
          {data.data.orts.length === 0 && !creating && (
            <p>
              Aucune ORT n’est enregistrée pour cette petite ville de demain.
              {data.data.conventionCadreOrt && ' Sa convention-cadre vaut ORT : enregistrez l’ORT pour suivre sa durée et les communes couvertes.'}
            </p>
          )}
          {data.data.orts.map((ort) => (
            <OrtItem key={ort.id} ort={ort} pvdId={pvdId} data={data.data} onSaved={() => setSaved('Les modifications de l’ORT sont enregistrées.')} onEdit={() => setSaved(null)} />
          ))}
          {creating ? (
            <NewOrt
              pvdId={pvdId}
              data={data.data}
              onDone={(created) => {
                setCreating(false);
                if (created) setSaved('L’ORT est enregistrée.');
              }}
            />
          ) : (
            data.data.peutCreer && (
              <Button
                priority="secondary"
                iconId="fr-icon-add-line"
                onClick={() => {
                  setSaved(null);
                  setCreating(true);
                }}
              >
                {data.data.orts.length === 0 ? 'Enregistrer l’ORT' : 'Enregistrer une autre ORT'}
              </Button>
            )
          )}
        </>
      )}
    </section>
  );
}

function OrtItem({ ort, pvdId, data, onSaved, onEdit }: { ort: Ort; pvdId: string; data: OrtDuDossier; onSaved: () => void; onEdit: () => void }) {
  const [editing, setEditing] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const update = useUpdateOrt(ort.id);
  // The summary's readers (a partner) open neither the convention nor the other dossiers.
  const liens = useDossier(pvdId).data?.droits.sections.includes('documents') ?? false;
  const titleId = `ort-${ort.id}-titre`;
  const none = 'Non renseignée';
  const facts: [string, ReactNode][] = [
    ['Statut', <OrtStatutBadge key="s" statut={ort.statut} />],
    ['Date de signature', formatDate(ort.dateSignature) ?? none],
    ['Durée', ort.dureeAnnees ? `${ort.dureeAnnees} an${ort.dureeAnnees > 1 ? 's' : ''}${ort.dateFin ? `, jusqu’au ${formatDate(ort.dateFin)}` : ''}` : none],
    ['EPCI signataire', ort.epciNom ? `${ort.epciNom} (${ort.epciSiren})` : (ort.epciSiren ?? 'Non renseigné')],
    [`Commune${ort.communes.length > 1 ? 's' : ''} couverte${ort.communes.length > 1 ? 's' : ''}`, <CommunesCouvertes key="c" communes={ort.communes} pvdId={pvdId} liens={liens} />],
    [
      'Convention-cadre valant ORT',
      ort.conventionCadre && !liens ? (
        `Convention-cadre${ort.conventionCadre.dateSignature ? ` signée le ${formatDate(ort.conventionCadre.dateSignature)}` : ''}`
      ) : ort.conventionCadre ? (
        <Link to={`/conventions/${encodeURIComponent(ort.conventionCadre.id)}`}>
          Convention-cadre{ort.conventionCadre.dateSignature ? ` signée le ${formatDate(ort.conventionCadre.dateSignature)}` : ''}
        </Link>
      ) : (
        'Aucune'
      ),
    ],
  ];
  return (
    <div className={fr.cx('fr-mb-4w')}>
      <h3 id={titleId} className={fr.cx('fr-h5', 'fr-mb-2w')}>
        {ort.libelle}
      </h3>
      {editing ? (
        <OrtForm
          key={formKey}
          initial={draftOfOrt(ort)}
          convention={ort.conventionCadre ?? data.conventionCadreOrt}
          pending={update.isPending}
          error={update.error}
          submitLabel="Enregistrer les modifications"
          labelledBy={titleId}
          onResetError={() => update.reset()}
          onCancel={() => {
            update.reset();
            setEditing(false);
          }}
          onReload={() => {
            update.reset();
            setEditing(false);
          }}
          onSubmit={(input) =>
            update.mutate(
              { ...input, version: ort.version },
              {
                onSuccess: () => {
                  setEditing(false);
                  setFormKey((k) => k + 1);
                  onSaved();
                },
              },
            )
          }
        />
      ) : (
        <>
          <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
            <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
              <FactList items={facts.slice(0, 3)} compact />
            </div>
            <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
              <FactList items={facts.slice(3)} compact />
            </div>
          </div>
          {ort.peutModifier && (
            <Button
              className={fr.cx('fr-mt-1w')}
              priority="secondary"
              size="small"
              iconId="fr-icon-edit-line"
              onClick={() => {
                onEdit();
                setEditing(true);
              }}
            >
              Modifier l’ORT
            </Button>
          )}
        </>
      )}
    </div>
  );
}

function NewOrt({ pvdId, data, onDone }: { pvdId: string; data: OrtDuDossier; onDone: (created: boolean) => void }) {
  const dossier = useDossier(pvdId);
  const create = useCreateOrt();
  const [initial] = useState(() =>
    emptyOrtDraft(
      (dossier.data?.communes ?? []).map((c) => ({ insee: c.insee, nom: c.nom, departementCode: c.departementCode, population: c.population })),
      dossier.data?.epciSiren ?? null,
      data.conventionCadreOrt !== null,
    ),
  );
  return (
    <div className={fr.cx('fr-mb-4w')}>
      <h3 id="nouvelle-ort-titre" className={fr.cx('fr-h5')}>
        Nouvelle ORT
      </h3>
      <OrtForm
        initial={initial}
        convention={data.conventionCadreOrt}
        pending={create.isPending}
        error={create.error}
        submitLabel="Enregistrer l’ORT"
        labelledBy="nouvelle-ort-titre"
        onResetError={() => create.reset()}
        onCancel={() => onDone(false)}
        onSubmit={(input) => create.mutate(input, { onSuccess: () => onDone(true) })}
      />
    </div>
  );
}
