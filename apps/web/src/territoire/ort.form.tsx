import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { isApiError } from '@suivi-pvd/api-client';
import { ORT_STATUT_LABELS, ORT_STATUTS, ortErrors, type OrtStatut } from '@suivi-pvd/domain';
import { ChoiceSelect, formatDate } from '@suivi-pvd/ui';
import { useRef, useState, type FormEvent } from 'react';
import { SaveErrorAlert } from '../conventions/conflict-alert';
import { TextField } from '../conventions/text-field';
import { CommunesPicker, type CommuneChoisie } from './communes-picker';
import type { Ort, OrtDuDossier, OrtInput } from './data/territoire.hooks';

/** The form's values, as typed. */
export interface OrtDraft {
  libelle: string;
  epciSiren: string;
  statut: OrtStatut;
  dateSignature: string;
  dureeAnnees: string;
  communes: CommuneChoisie[];
  lierConvention: boolean;
}

const FIELDS = ['libelle', 'epciSiren', 'statut', 'dateSignature', 'dureeAnnees', 'communes', 'conventionCadreId'] as const;
type Field = (typeof FIELDS)[number];

export function draftOfOrt(ort: Ort): OrtDraft {
  return {
    libelle: ort.libelle,
    epciSiren: ort.epciSiren ?? '',
    statut: ort.statut,
    dateSignature: ort.dateSignature ?? '',
    dureeAnnees: ort.dureeAnnees === null ? '' : String(ort.dureeAnnees),
    communes: ort.communes.map((c) => ({ insee: c.insee, nom: c.nom, departementCode: c.departementCode, population: c.population })),
    lierConvention: ort.conventionCadre !== null,
  };
}

export function emptyOrtDraft(communes: CommuneChoisie[], epciSiren: string | null, convention: boolean): OrtDraft {
  return { libelle: '', epciSiren: epciSiren ?? '', statut: 'en_preparation', dateSignature: '', dureeAnnees: '', communes, lierConvention: convention };
}

/**
 * The fields of an ORT, for its creation and its modification: errors of the domain rules, then
 * those of the API, beside each field; a stale save (409) offers to reload.
 */
export function OrtForm({
  initial,
  convention,
  pending,
  error,
  submitLabel,
  labelledBy,
  onSubmit,
  onCancel,
  onReload,
  onResetError,
}: {
  initial: OrtDraft;
  /** The convention-cadre worth ORT the ORT may be linked to (the one it is linked to, or the PVD's). */
  convention: OrtDuDossier['conventionCadreOrt'];
  pending: boolean;
  error: unknown;
  submitLabel: string;
  labelledBy: string;
  onSubmit: (input: OrtInput) => void;
  onCancel: () => void;
  onReload?: () => void;
  onResetError: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [clientErrors, setClientErrors] = useState<Partial<Record<Field, string>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const apiError = isApiError(error) ? error : null;
  const errors: Partial<Record<Field, string>> = { ...clientErrors };
  for (const field of FIELDS) {
    const message = apiError?.fieldMessage(field);
    if (message && !errors[field]) errors[field] = message;
  }
  const communeErrors = draft.communes.map((_, i) => apiError?.fieldMessage(`communes.${i}`) ?? undefined);
  const hasFieldErrors = Object.values(errors).some(Boolean) || communeErrors.some(Boolean);
  const set = <K extends keyof OrtDraft>(key: K, value: OrtDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const focusProblem = () =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .fr-input-group--error input, .fr-select-group--error select, [role="alert"]')?.focus());

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const found: Partial<Record<Field, string>> = {};
    const libelle = draft.libelle.trim();
    if (libelle.length < 3) found.libelle = 'Indiquez l’intitulé de l’ORT.';
    const siren = draft.epciSiren.replace(/\s/g, '');
    if (siren && !/^\d{9}$/.test(siren)) found.epciSiren = 'Un SIREN compte 9 chiffres.';
    const duree = draft.dureeAnnees.trim() === '' ? null : Number(draft.dureeAnnees);
    const input: OrtInput = {
      libelle,
      epciSiren: siren || null,
      statut: draft.statut,
      dateSignature: draft.dateSignature || null,
      dureeAnnees: duree,
      communes: draft.communes.map((c) => c.insee),
      conventionCadreId: draft.lierConvention && convention ? convention.id : null,
    };
    for (const [field, messages] of Object.entries(ortErrors({ ...input, dureeAnnees: duree !== null && Number.isNaN(duree) ? -1 : duree }))) {
      const known = FIELDS.find((f) => f === field);
      if (known && !found[known] && messages[0]) found[known] = messages[0];
    }
    setClientErrors(found);
    if (Object.keys(found).length > 0) {
      onResetError();
      focusProblem();
      return;
    }
    onSubmit(input);
  };

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate aria-labelledby={labelledBy}>
      {error ? (
        <SaveErrorAlert
          error={error}
          title="L’ORT n’a pas été enregistrée"
          onReload={onReload}
          description={apiError?.code === 'VALIDATION_FAILED' && hasFieldErrors ? 'Corrigez les champs signalés puis enregistrez à nouveau.' : undefined}
        />
      ) : (
        hasFieldErrors && <Alert className={fr.cx('fr-mb-3w')} severity="error" small description="L’ORT n’a pas été enregistrée : corrigez les champs signalés." />
      )}
      <TextField label="Intitulé" hint="Par exemple : ORT de la communauté de communes Creuse Sud-Ouest" name="libelle" required value={draft.libelle} onChange={(v) => set('libelle', v)} error={errors.libelle} />
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <ChoiceSelect label="Statut" name="statut" required choices={ORT_STATUTS} labels={ORT_STATUT_LABELS} value={draft.statut} onChange={(s) => s && set('statut', s)} error={errors.statut} />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <TextField label="Date de signature" hint="Obligatoire pour une ORT signée ou échue" name="dateSignature" type="date" value={draft.dateSignature} onChange={(v) => set('dateSignature', v)} error={errors.dateSignature} />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
          <TextField label="Durée (années)" hint="De 1 à 30 ans" name="dureeAnnees" inputMode="numeric" value={draft.dureeAnnees} onChange={(v) => set('dureeAnnees', v)} error={errors.dureeAnnees} />
        </div>
      </div>
      <TextField
        label="SIREN de l’EPCI signataire"
        hint="9 chiffres. Un chef de projet d’une commune membre peut ajouter les autres communes de l’EPCI ; la recherche des communes couvertes se limite alors à ses membres."
        name="epciSiren"
        inputMode="numeric"
        value={draft.epciSiren}
        onChange={(v) => set('epciSiren', v)}
        error={errors.epciSiren}
      />
      <CommunesPicker
        label="Communes couvertes"
        hint="L’ORT apparaît sur le dossier de chaque petite ville de demain dont une commune est couverte."
        value={draft.communes}
        epciSiren={draft.epciSiren}
        onChange={(communes) => set('communes', communes)}
        error={errors.communes}
        errors={communeErrors}
      />
      {convention && (
        <Checkbox
          state={errors.conventionCadreId ? 'error' : 'default'}
          stateRelatedMessage={errors.conventionCadreId}
          options={[
            {
              label: 'Rattacher la convention-cadre valant ORT',
              hintText: `Convention-cadre ${convention.dateSignature ? `signée le ${formatDate(convention.dateSignature)}` : 'non encore signée'}`,
              nativeInputProps: { name: 'lierConvention', checked: draft.lierConvention, onChange: (e) => set('lierConvention', e.currentTarget.checked) },
            },
          ]}
        />
      )}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mt-2w')}>
        <li>
          <Button type="submit" disabled={pending}>
            {pending ? 'Enregistrement…' : submitLabel}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}
