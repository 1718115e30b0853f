import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { isApiError } from '@suivi-pvd/api-client';
import {
  MISSION_NATURE_LABELS,
  MISSION_NATURES,
  MISSION_STATUT_LABELS,
  MISSION_STATUTS,
  missionErrors,
  PLAN_ACTION_THEME_LABELS,
  PLAN_ACTION_THEMES,
  programmeToday,
  type MissionNature,
  type MissionStatut,
  type PlanActionTheme,
} from '@suivi-pvd/domain';
import { ChoiceSelect } from '@suivi-pvd/ui';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { SaveErrorAlert } from '../conventions/conflict-alert';
import { TextField } from '../conventions/text-field';
import type { Financeur, Mission, MissionInput, PvdChoix } from './data/missions.hooks';
import { centsToInput, parseEuros } from './mission-format';
import { PvdPicker } from './pvd-picker';

/** The form's values, as typed (amounts in euros, as text). */
export interface MissionDraft {
  pvd: PvdChoix | null;
  financeurId: string;
  nature: MissionNature | '';
  thematique: PlanActionTheme | '';
  intitule: string;
  prestataire: string;
  montantEngage: string;
  montantVerse: string;
  dateDemande: string;
  dateDebut: string;
  dateFin: string;
  statut: MissionStatut;
  dateEngagement: string;
  referenceExterne: string;
  source: string;
  dateSource: string;
}

type Field =
  | 'pvdId'
  | 'financeurId'
  | 'nature'
  | 'thematique'
  | 'intitule'
  | 'prestataire'
  | 'montantEngage'
  | 'montantVerse'
  | 'dateDemande'
  | 'dateDebut'
  | 'dateFin'
  | 'statut'
  | 'dateEngagement'
  | 'referenceExterne'
  | 'source'
  | 'dateSource';
const FIELDS: readonly Field[] = [
  'pvdId',
  'financeurId',
  'nature',
  'thematique',
  'intitule',
  'prestataire',
  'montantEngage',
  'montantVerse',
  'dateDemande',
  'dateDebut',
  'dateFin',
  'statut',
  'dateEngagement',
  'referenceExterne',
  'source',
  'dateSource',
];
type FieldErrors = Partial<Record<Field, string>>;

const LEGEND = { padding: 0 } as const;
const FIELDSET = { border: 0, padding: 0, marginInline: 0 } as const;

export function emptyDraft(pvd: PvdChoix | null, financeurId: string): MissionDraft {
  return {
    pvd,
    financeurId,
    nature: '',
    thematique: '',
    intitule: '',
    prestataire: '',
    montantEngage: '',
    montantVerse: '',
    dateDemande: '',
    dateDebut: '',
    dateFin: '',
    statut: 'demandee',
    dateEngagement: '',
    referenceExterne: '',
    source: '',
    dateSource: '',
  };
}

export function draftOf(mission: Mission): MissionDraft {
  return {
    pvd: { id: mission.pvdId, nom: mission.pvdNom, departementCode: mission.departementCode },
    financeurId: mission.financeurId,
    nature: mission.nature,
    thematique: mission.thematique ?? '',
    intitule: mission.intitule,
    prestataire: mission.prestataire ?? '',
    montantEngage: centsToInput(mission.montantEngage),
    montantVerse: centsToInput(mission.montantVerse),
    dateDemande: mission.dateDemande ?? '',
    dateDebut: mission.dateDebut ?? '',
    dateFin: mission.dateFin ?? '',
    statut: mission.statut,
    dateEngagement: mission.dateEngagement ?? '',
    referenceExterne: mission.referenceExterne ?? '',
    source: mission.source ?? '',
    dateSource: mission.dateSource ?? '',
  };
}

function comparable(draft: MissionDraft): string {
  return JSON.stringify({ ...draft, pvd: draft.pvd?.id ?? null });
}

/** The checks of the form, then the domain's consistency rules (the API applies the same). */
function checkDraft(draft: MissionDraft, withPvd: boolean): { errors: FieldErrors; input: (MissionInput & { pvdId: string }) | null } {
  const errors: FieldErrors = {};
  if (withPvd && !draft.pvd) errors.pvdId = 'Choisissez la petite ville de demain dans la liste.';
  if (!draft.financeurId) errors.financeurId = 'Choisissez le financeur.';
  if (!draft.nature) errors.nature = 'Choisissez la nature de la mission.';
  const intitule = draft.intitule.trim();
  if (intitule.length < 3) errors.intitule = 'Indiquez l’intitulé de la mission.';
  const engage = parseEuros(draft.montantEngage);
  const verse = parseEuros(draft.montantVerse);
  if ('error' in engage) errors.montantEngage = engage.error;
  if ('error' in verse) errors.montantVerse = verse.error;
  const montantEngage = 'cents' in engage ? engage.cents : null;
  const montantVerse = 'cents' in verse ? verse.cents : null;
  const dateDebut = draft.dateDebut || null;
  const dateFin = draft.dateFin || null;
  const dateDemande = draft.dateDemande || null;
  const dateEngagement = draft.dateEngagement || null;
  const rules = missionErrors({ montantEngage, montantVerse, dateDemande, dateDebut, dateFin, dateEngagement, statut: draft.statut }, programmeToday());
  for (const [field, messages] of Object.entries(rules)) {
    const known = FIELDS.find((f) => f === field);
    if (known && !errors[known] && messages[0]) errors[known] = messages[0];
  }
  if (Object.keys(errors).length > 0 || !draft.nature) return { errors, input: null };
  const optional = (value: string) => value.trim() || null;
  return {
    errors,
    input: {
      pvdId: draft.pvd?.id ?? '',
      financeurId: draft.financeurId,
      nature: draft.nature,
      thematique: draft.thematique || null,
      intitule,
      prestataire: optional(draft.prestataire),
      montantEngage,
      montantVerse,
      dateDemande,
      dateDebut,
      dateFin,
      statut: draft.statut,
      dateEngagement,
      referenceExterne: optional(draft.referenceExterne),
      source: optional(draft.source),
      dateSource: draft.dateSource || null,
    },
  };
}

/**
 * The fields of a mission, for its creation and its modification. Field errors (from the domain
 * rules, then from the API) show beside each field; a stale save (409) offers to reload, and the
 * input stays on screen until then. The parent remounts it (key) after a save or a reload.
 */
export function MissionForm({
  initial,
  financeurs,
  pvdFixed,
  pending,
  error,
  submitLabel,
  labelledBy,
  onSubmit,
  onReload,
  onDirtyChange,
  onResetError,
  cancel,
}: {
  initial: MissionDraft;
  /** The funders offered (those the user may enter missions for). */
  financeurs: readonly Financeur[];
  /** On modification, the PVD is shown, not chosen. */
  pvdFixed?: ReactNode;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  labelledBy: string;
  onSubmit: (input: MissionInput & { pvdId: string }) => void;
  onReload?: () => void;
  onDirtyChange?: (dirty: boolean) => void;
  /** Clears the error of the last save (the changes are dropped, or the input is refused before sending). */
  onResetError?: () => void;
  /** A link or button next to the submit button. */
  cancel?: ReactNode;
}) {
  const [draft, setDraft] = useState<MissionDraft>(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const dirty = comparable(draft) !== comparable(initial);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  const apiError = isApiError(error) ? error : null;
  const errors: FieldErrors = { ...clientErrors };
  for (const field of FIELDS) {
    const message = apiError?.fieldMessage(field);
    if (message && !errors[field]) errors[field] = message;
  }
  const hasFieldErrors = Object.values(errors).some(Boolean);

  // Focus the first field in error, or the alert when the problem is not a field's.
  const focusProblem = () =>
    requestAnimationFrame(() => {
      const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .fr-input--error, .fr-select-group--error select');
      if (invalid) invalid.focus();
      else alertRef.current?.focus();
    });

  // A failed save (its errors come after the submission) moves the focus to the problem.
  const lastError = useRef<unknown>(null);
  useEffect(() => {
    if (error && error !== lastError.current) focusProblem();
    lastError.current = error;
  }, [error]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const { errors: found, input } = checkDraft(draft, !pvdFixed);
    setClientErrors(found);
    if (!input) {
      // The last save's error no longer describes the input.
      onResetError?.();
      focusProblem();
      return;
    }
    onSubmit(input);
  };

  const set = <K extends keyof MissionDraft>(key: K, value: MissionDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  const financeurHint =
    financeurs.length === 1 ? 'Vous saisissez les missions que votre organisation finance.' : 'Liste des financeurs tenue par l’ANCT.';

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate aria-labelledby={labelledBy}>
      <div ref={alertRef} tabIndex={-1} style={{ outline: 'none' }}>
        {error ? (
          <SaveErrorAlert
            error={error}
            title="La mission n’a pas été enregistrée"
            onReload={onReload}
            description={apiError?.code === 'VALIDATION_FAILED' && hasFieldErrors ? 'Corrigez les champs signalés puis enregistrez à nouveau.' : undefined}
          />
        ) : (
          hasFieldErrors && (
            <Alert className={fr.cx('fr-mb-3w')} severity="error" small description="La mission n’a pas été enregistrée : corrigez les champs signalés." />
          )
        )}
      </div>
      <p className={fr.cx('fr-text--sm')}>
        Sont obligatoires : {pvdFixed ? '' : 'la petite ville de demain, '}le financeur, la nature, l’intitulé et le statut.
      </p>

      <fieldset className={fr.cx('fr-mb-2w')} style={FIELDSET}>
        <legend className={fr.cx('fr-h6', 'fr-mb-2w')} style={LEGEND}>
          La mission
        </legend>
        {pvdFixed ?? <PvdPicker value={draft.pvd} onChange={(pvd) => set('pvd', pvd)} error={errors.pvdId} />}
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <Select
              className={fr.cx('fr-mb-0')}
              label="Financeur"
              hint={financeurHint}
              state={errors.financeurId ? 'error' : 'default'}
              stateRelatedMessage={errors.financeurId}
              nativeSelectProps={{
                name: 'financeurId',
                required: true,
                value: draft.financeurId,
                'aria-invalid': errors.financeurId ? true : undefined,
                onChange: (event) => set('financeurId', event.currentTarget.value),
              }}
            >
              <option value="" disabled>
                Sélectionnez le financeur
              </option>
              {financeurs.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.nom}
                  {f.actif ? '' : ' (inactif)'}
                </option>
              ))}
            </Select>
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <Select
              className={fr.cx('fr-mb-0')}
              label="Nature"
              hint="Le type d’appui apporté à la commune"
              state={errors.nature ? 'error' : 'default'}
              stateRelatedMessage={errors.nature}
              nativeSelectProps={{
                name: 'nature',
                required: true,
                value: draft.nature,
                'aria-invalid': errors.nature ? true : undefined,
                onChange: (event) => set('nature', MISSION_NATURES.find((n) => n === event.currentTarget.value) ?? ''),
              }}
            >
              <option value="" disabled>
                Sélectionnez la nature
              </option>
              {MISSION_NATURES.map((nature) => (
                <option key={nature} value={nature}>
                  {MISSION_NATURE_LABELS[nature]}
                </option>
              ))}
            </Select>
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <ChoiceSelect
              className={fr.cx('fr-mb-0')}
              label="Thématique"
              name="thematique"
              choices={PLAN_ACTION_THEMES}
              labels={PLAN_ACTION_THEME_LABELS}
              value={draft.thematique}
              onChange={(thematique) => set('thematique', thematique ?? '')}
              empty={{ label: 'Non précisée' }}
              error={errors.thematique}
            />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <ChoiceSelect
              className={fr.cx('fr-mb-0')}
              label="Statut"
              name="statut"
              required
              choices={MISSION_STATUTS}
              labels={MISSION_STATUT_LABELS}
              value={draft.statut}
              onChange={(statut) => statut && set('statut', statut)}
              error={errors.statut}
            />
          </div>
        </div>
        <TextField
          className={fr.cx('fr-mt-3w')}
          label="Intitulé"
          hint="Par exemple : étude de revitalisation commerciale du centre-bourg"
          name="intitule"
          required
          value={draft.intitule}
          onChange={(intitule) => set('intitule', intitule)}
          error={errors.intitule}
        />
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <TextField
              className={fr.cx('fr-mb-0')}
              label="Prestataire"
              hint="Bureau d’études ou opérateur, s’il est connu"
              name="prestataire"
              value={draft.prestataire}
              onChange={(prestataire) => set('prestataire', prestataire)}
              error={errors.prestataire}
            />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <TextField
              className={fr.cx('fr-mb-0')}
              label="Référence chez le financeur"
              hint="Numéro du dossier dans les outils du financeur"
              name="referenceExterne"
              value={draft.referenceExterne}
              onChange={(referenceExterne) => set('referenceExterne', referenceExterne)}
              error={errors.referenceExterne}
            />
          </div>
        </div>
      </fieldset>

      <fieldset className={fr.cx('fr-mt-4w', 'fr-mb-2w')} style={FIELDSET}>
        <legend className={fr.cx('fr-h6', 'fr-mb-2w')} style={LEGEND}>
          Montants
        </legend>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <AmountField label="Montant engagé (€)" name="montantEngage" value={draft.montantEngage} onChange={(v) => set('montantEngage', v)} error={errors.montantEngage} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <AmountField label="Montant versé (€)" name="montantVerse" value={draft.montantVerse} onChange={(v) => set('montantVerse', v)} error={errors.montantVerse} />
          </div>
        </div>
      </fieldset>

      <fieldset className={fr.cx('fr-mt-4w', 'fr-mb-4w')} style={FIELDSET}>
        <legend className={fr.cx('fr-h6', 'fr-mb-1w')} style={LEGEND}>
          Calendrier
        </legend>
        <p className={fr.cx('fr-text--sm', 'fr-mb-2w')}>
          Une mission accordée, en cours ou livrée a une date d’engagement (le jour où le financement a été accordé : les totaux la comptent à partir de ce jour) ; une
          mission en cours, une date de début ; une mission livrée, ses dates de début et de fin (la livraison).
        </p>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <TextField className={fr.cx('fr-mb-0')} label="Date de la demande" name="dateDemande" type="date" value={draft.dateDemande} onChange={(v) => set('dateDemande', v)} error={errors.dateDemande} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <TextField
              className={fr.cx('fr-mb-0')}
              label="Date d’engagement"
              hint="Obligatoire pour une mission accordée, en cours ou livrée"
              name="dateEngagement"
              type="date"
              value={draft.dateEngagement}
              onChange={(v) => set('dateEngagement', v)}
              error={errors.dateEngagement}
            />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <TextField className={fr.cx('fr-mb-0')} label="Date de début" name="dateDebut" type="date" value={draft.dateDebut} onChange={(v) => set('dateDebut', v)} error={errors.dateDebut} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <TextField
              className={fr.cx('fr-mb-0')}
              label="Date de fin"
              name="dateFin"
              type="date"
              value={draft.dateFin}
              onChange={(v) => set('dateFin', v)}
              error={errors.dateFin}
            />
          </div>
        </div>
      </fieldset>

      <fieldset className={fr.cx('fr-mt-4w', 'fr-mb-4w')} style={FIELDSET}>
        <legend className={fr.cx('fr-h6', 'fr-mb-1w')} style={LEGEND}>
          Origine des données
        </legend>
        <p className={fr.cx('fr-text--sm', 'fr-mb-2w')}>Facultatif : d’où viennent ces chiffres et à quelle date ils étaient vrais (par exemple « Tableau de suivi Cerema », au 31/12/2024).</p>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
            <TextField className={fr.cx('fr-mb-0')} label="Source" name="source" value={draft.source} onChange={(v) => set('source', v)} error={errors.source} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <TextField className={fr.cx('fr-mb-0')} label="Données au" name="dateSource" type="date" value={draft.dateSource} onChange={(v) => set('dateSource', v)} error={errors.dateSource} />
          </div>
        </div>
      </fieldset>

      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}>
        <li>
          <Button type="submit" iconId="fr-icon-save-line" disabled={pending}>
            {pending ? 'Enregistrement…' : submitLabel}
          </Button>
        </li>
        {dirty && pvdFixed && (
          <li>
            <Button
              type="button"
              priority="secondary"
              onClick={() => {
                setDraft(initial);
                setClientErrors({});
                onResetError?.();
              }}
            >
              Annuler les modifications
            </Button>
          </li>
        )}
        {cancel && <li>{cancel}</li>}
      </ul>
      {dirty && pvdFixed && (
        <p className={fr.cx('fr-text--sm')} role="status">
          Modifications non enregistrées.
        </p>
      )}
    </form>
  );
}

/** An amount typed in euros (converted to cents on submission). */
function AmountField({ label, name, value, onChange, error }: { label: string; name: string; value: string; onChange: (value: string) => void; error?: string }) {
  return (
    <Input
      className={fr.cx('fr-mb-0')}
      label={label}
      hintText="En euros, par exemple 12 500,50"
      state={error ? 'error' : 'default'}
      stateRelatedMessage={error}
      nativeInputProps={{
        name,
        type: 'text',
        inputMode: 'decimal',
        autoComplete: 'off',
        value,
        'aria-invalid': error ? true : undefined,
        onChange: (e) => onChange(e.currentTarget.value),
      }}
    />
  );
}
