import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { RadioButtons } from '@codegouvfr/react-dsfr/RadioButtons';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { isApiError } from '@suivi-pvd/api-client';
import {
  CLUB_CYCLE_TYPES,
  CLUB_EVENEMENT_TYPE_LABELS,
  CLUB_THEMES,
  datesErrors,
  PLAN_ACTION_THEME_LABELS,
  type ClubEvenementType,
  type ClubTheme,
} from '@suivi-pvd/domain';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { SaveErrorAlert } from '../conventions/conflict-alert';
import { TextField } from '../conventions/text-field';
import type { Evenement, EvenementInput, Organisateur } from './data/club.hooks';

/** The form's values as typed. */
export interface EvenementDraft {
  organisateurId: string;
  /** The season or week this is a session of ('' : none). */
  parentId: string;
  type: ClubEvenementType | '';
  titre: string;
  description: string;
  themes: ClubTheme[];
  dateDebut: string;
  dateFin: string;
  heureDebut: string;
  heureFin: string;
  departementCode: string;
  capacite: string;
  participants: string;
  lieu: string;
  lien: string;
  intervenants: { nom: string; fonction: string; pvd: boolean }[];
  enregistrement: string;
  supports: { titre: string; url: string }[];
  statut: 'brouillon' | 'publie';
}

type FieldErrors = Partial<Record<string, string>>;

export function emptyDraft(organisateur: Organisateur | undefined, type?: ClubEvenementType): EvenementDraft {
  return {
    organisateurId: organisateur?.organisationId ?? '',
    parentId: '',
    type: type ?? (organisateur?.types.length === 1 ? organisateur.types[0] : ''),
    titre: '',
    description: '',
    themes: [],
    dateDebut: '',
    dateFin: '',
    heureDebut: '',
    heureFin: '',
    departementCode: organisateur?.departementCode ?? '',
    capacite: '',
    participants: '',
    lieu: '',
    lien: '',
    intervenants: [],
    enregistrement: '',
    supports: [],
    statut: 'brouillon',
  };
}

export function draftOf(e: Evenement): EvenementDraft {
  return {
    organisateurId: e.organisateurId,
    parentId: e.parentId ?? '',
    type: e.type,
    titre: e.titre,
    description: e.description ?? '',
    themes: [...e.themes],
    dateDebut: e.dateDebut,
    dateFin: e.dateFin,
    heureDebut: e.heureDebut ?? '',
    heureFin: e.heureFin ?? '',
    departementCode: e.departementCode ?? '',
    capacite: e.capacite === null ? '' : String(e.capacite),
    participants: e.participants === null ? '' : String(e.participants),
    lieu: e.lieu ?? '',
    lien: e.lien ?? '',
    intervenants: e.intervenants.map((i) => ({ nom: i.nom, fonction: i.fonction ?? '', pvd: i.pvd })),
    enregistrement: e.enregistrement ?? '',
    supports: e.supports.map((s) => ({ ...s })),
    statut: e.statut === 'publie' ? 'publie' : 'brouillon',
  };
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());
const INTEGER = /^\d{1,6}$/;

function checkDraft(d: EvenementDraft): { errors: FieldErrors; input: EvenementInput | null } {
  const errors: FieldErrors = {};
  if (!d.type) errors.type = 'Choisissez le type d’événement.';
  if (d.titre.trim().length < 3) errors.titre = 'Indiquez le titre de l’événement.';
  if (!d.dateDebut) errors.dateDebut = 'Indiquez la date de début.';
  const dateFin = d.dateFin || d.dateDebut;
  if (d.capacite.trim() && (!INTEGER.test(d.capacite.trim()) || Number(d.capacite) < 1)) errors.capacite = 'Un nombre de places entier, au moins 1 (vide : sans limite).';
  if (d.participants.trim() && !INTEGER.test(d.participants.trim())) errors.participants = 'Un nombre entier.';
  if (d.type === 'club_departemental' && !d.departementCode.trim()) errors.departementCode = 'Indiquez le département du club.';
  if (d.dateDebut) {
    for (const [k, v] of Object.entries(datesErrors({ dateDebut: d.dateDebut, dateFin, heureDebut: orNull(d.heureDebut), heureFin: orNull(d.heureFin) }))) errors[k] ??= v[0];
  }
  d.intervenants.forEach((i, n) => {
    if (i.nom.trim().length < 2) errors[`intervenants.${n}.nom`] = 'Indiquez le nom.';
  });
  d.supports.forEach((s, n) => {
    if (s.titre.trim().length < 2) errors[`supports.${n}.titre`] = 'Indiquez le titre.';
    if (!/^https?:\/\/\S+$/.test(s.url.trim())) errors[`supports.${n}.url`] = 'Adresse web invalide (https://…).';
  });
  if (Object.keys(errors).length > 0 || !d.type) return { errors, input: null };
  return {
    errors,
    input: {
      type: d.type,
      parentId: d.parentId && !(CLUB_CYCLE_TYPES as readonly string[]).includes(d.type) ? d.parentId : null,
      titre: d.titre.trim(),
      description: orNull(d.description),
      themes: d.themes,
      dateDebut: d.dateDebut,
      dateFin,
      heureDebut: orNull(d.heureDebut),
      heureFin: orNull(d.heureFin),
      departementCode: orNull(d.departementCode.toUpperCase()),
      capacite: d.capacite.trim() ? Number(d.capacite) : null,
      participants: d.participants.trim() ? Number(d.participants) : null,
      lieu: orNull(d.lieu),
      lien: orNull(d.lien),
      intervenants: d.intervenants.map((i) => ({ nom: i.nom.trim(), fonction: orNull(i.fonction), pvd: i.pvd })),
      enregistrement: orNull(d.enregistrement),
      supports: d.supports.map((s) => ({ titre: s.titre.trim(), url: s.url.trim() })),
      statut: d.statut,
    },
  };
}

const SIMPLE_FIELDS = ['organisateurId', 'parentId', 'type', 'titre', 'description', 'themes', 'dateDebut', 'dateFin', 'heureDebut', 'heureFin', 'departementCode', 'capacite', 'participants', 'lieu', 'lien', 'enregistrement', 'statut'];

/**
 * Creating or editing an event. A préfecture's département is fixed to its own; the kinds offered
 * are those its organisation may hold. The API checks the same and names the field it refuses.
 */
export function EvenementForm({
  initial,
  organisateurs,
  cycles,
  published,
  pending,
  error,
  submitLabel,
  onSubmit,
  onReload,
  cancel,
}: {
  initial: EvenementDraft;
  /** The organisations one may organise as (creation); empty when editing (the organiser is fixed). */
  organisateurs: readonly Organisateur[];
  /** The seasons and weeks one organises, which an event may be a session of. */
  cycles: readonly { id: string; titre: string }[];
  /** Already published: it stays published. */
  published: boolean;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (input: EvenementInput, organisateurId: string) => void;
  onReload?: () => void;
  cancel?: ReactNode;
}) {
  const [draft, setDraft] = useState<EvenementDraft>(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof EvenementDraft>(key: K, value: EvenementDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const apiError = isApiError(error) ? error : null;
  const errors: FieldErrors = { ...clientErrors };
  const apiFields = apiError?.fields ? Object.keys(apiError.fields) : [];
  for (const field of [...SIMPLE_FIELDS, ...apiFields]) {
    const message = apiError?.fieldMessage(field);
    if (message && !errors[field]) errors[field] = message;
  }
  const organisateur = organisateurs.find((o) => o.organisationId === draft.organisateurId);
  const types = organisateur ? organisateur.types : draft.type ? [draft.type] : [];
  const departementFixe = organisateur?.organisationType === 'prefecture' || (organisateurs.length === 0 && initial.type === 'club_departemental');

  const lastError = useRef<unknown>(null);
  useEffect(() => {
    if (error && error !== lastError.current) {
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .fr-input--error, .fr-select-group--error select')?.focus());
    }
    lastError.current = error;
  }, [error]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const { errors: found, input } = checkDraft(draft);
    setClientErrors(found);
    if (!input) {
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .fr-input--error, .fr-select-group--error select')?.focus());
      return;
    }
    onSubmit(input, draft.organisateurId);
  };

  const col = fr.cx('fr-col-12', 'fr-col-md-6');
  const quarter = fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-md-3');
  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate aria-label="Événement du Club">
      {apiError && <SaveErrorAlert error={error} onReload={onReload} description={apiFields.length > 0 ? 'Vérifiez les champs signalés.' : undefined} />}
      <fieldset className={fr.cx('fr-fieldset')}>
        <legend className={fr.cx('fr-fieldset__legend', 'fr-h5')}>L’événement</legend>
        <div className={fr.cx('fr-fieldset__element')}>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          {organisateurs.length > 1 && (
            <div className={col}>
              <Select
                label="Organisé par"
                state={errors.organisateurId ? 'error' : 'default'}
                stateRelatedMessage={errors.organisateurId}
                nativeSelectProps={{
                  name: 'organisateurId',
                  value: draft.organisateurId,
                  onChange: (event) => {
                    const next = organisateurs.find((o) => o.organisationId === event.currentTarget.value);
                    setDraft((d) => ({ ...d, organisateurId: event.currentTarget.value, departementCode: next?.departementCode ?? d.departementCode, type: next?.types.includes(d.type as ClubEvenementType) ? d.type : '' }));
                  },
                }}
              >
                {organisateurs.map((o) => (
                  <option key={o.organisationId} value={o.organisationId}>
                    {o.organisationNom}
                  </option>
                ))}
              </Select>
            </div>
          )}
          <div className={col}>
            <Select
              label="Type d’événement"
              state={errors.type ? 'error' : 'default'}
              stateRelatedMessage={errors.type}
              nativeSelectProps={{ name: 'type', value: draft.type, required: true, onChange: (event) => set('type', event.currentTarget.value as ClubEvenementType) }}
            >
              <option value="" disabled>
                Choisir un type
              </option>
              {types.map((t) => (
                <option key={t} value={t}>
                  {CLUB_EVENEMENT_TYPE_LABELS[t]}
                </option>
              ))}
            </Select>
          </div>
          {cycles.length > 0 && !(CLUB_CYCLE_TYPES as readonly string[]).includes(draft.type) && (
            <div className={col}>
              <Select
                label="Séance de"
                hint="Une saison ou semaine thématique que vous organisez"
                state={errors.parentId ? 'error' : 'default'}
                stateRelatedMessage={errors.parentId}
                nativeSelectProps={{ name: 'parentId', value: draft.parentId, onChange: (event) => set('parentId', event.currentTarget.value) }}
              >
                <option value="">Aucune : événement à part entière</option>
                {cycles.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.titre}
                  </option>
                ))}
              </Select>
            </div>
          )}
          <div className={fr.cx('fr-col-12')}>
            <TextField label="Titre" name="titre" value={draft.titre} onChange={(v) => set('titre', v)} error={errors.titre} required />
          </div>
          <div className={fr.cx('fr-col-12')}>
            <TextField label="Description" hint="Programme, public, modalités" name="description" value={draft.description} onChange={(v) => set('description', v)} error={errors.description} textArea rows={5} />
          </div>
          <div className={fr.cx('fr-col-12')}>
            <Checkbox
              legend="Thèmes"
              orientation="horizontal"
              state={errors.themes ? 'error' : 'default'}
              stateRelatedMessage={errors.themes}
              options={CLUB_THEMES.map((t) => ({
                label: PLAN_ACTION_THEME_LABELS[t],
                nativeInputProps: {
                  name: 'themes',
                  value: t,
                  checked: draft.themes.includes(t),
                  onChange: (event) => set('themes', event.currentTarget.checked ? [...draft.themes, t] : draft.themes.filter((x) => x !== t)),
                },
              }))}
            />
          </div>
        </div>
        </div>
      </fieldset>
      <fieldset className={fr.cx('fr-fieldset')}>
        <legend className={fr.cx('fr-fieldset__legend', 'fr-h5')}>Date et lieu</legend>
        <div className={fr.cx('fr-fieldset__element')}>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={quarter}>
            <TextField type="date" label="Date de début" name="dateDebut" value={draft.dateDebut} onChange={(v) => set('dateDebut', v)} error={errors.dateDebut} required />
          </div>
          <div className={quarter}>
            <TextField type="date" label="Date de fin" hint="Vide : le même jour" name="dateFin" value={draft.dateFin} min={draft.dateDebut || undefined} onChange={(v) => set('dateFin', v)} error={errors.dateFin} />
          </div>
          <div className={quarter}>
            <TextField type="time" label="Heure de début" hint="Heure de Paris (facultative)" name="heureDebut" value={draft.heureDebut} onChange={(v) => set('heureDebut', v)} error={errors.heureDebut} />
          </div>
          <div className={quarter}>
            <TextField type="time" label="Heure de fin" hint="Facultative" name="heureFin" value={draft.heureFin} onChange={(v) => set('heureFin', v)} error={errors.heureFin} />
          </div>
          <div className={quarter}>
            <Input
              label="Département"
              hintText={departementFixe ? 'Celui de la préfecture' : 'Code ; vide : national ou en ligne'}
              state={errors.departementCode ? 'error' : 'default'}
              stateRelatedMessage={errors.departementCode}
              nativeInputProps={{ name: 'departementCode', maxLength: 3, autoComplete: 'off', readOnly: departementFixe, value: draft.departementCode, onChange: (event) => set('departementCode', event.currentTarget.value) }}
            />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-9')}>
            <TextField label="Lieu" hint="Adresse, si l’événement a lieu quelque part" name="lieu" value={draft.lieu} onChange={(v) => set('lieu', v)} error={errors.lieu} />
          </div>
          <div className={fr.cx('fr-col-12')}>
            <TextField type="url" label="Lien de connexion" hint="Visioconférence : montré aux seuls inscrits" name="lien" value={draft.lien} onChange={(v) => set('lien', v)} error={errors.lien} />
          </div>
          <div className={quarter}>
            <TextField label="Nombre de places" hint="Vide : sans limite" name="capacite" inputMode="numeric" value={draft.capacite} onChange={(v) => set('capacite', v)} error={errors.capacite} />
          </div>
          <div className={quarter}>
            <TextField label="Participants" hint="Après l’événement" name="participants" inputMode="numeric" value={draft.participants} onChange={(v) => set('participants', v)} error={errors.participants} />
          </div>
        </div>
        </div>
      </fieldset>
      <fieldset className={fr.cx('fr-fieldset')}>
        <legend className={fr.cx('fr-fieldset__legend', 'fr-h5')}>Intervenants</legend>
        <div className={fr.cx('fr-fieldset__element')}>
          {draft.intervenants.map((i, n) => (
            <div key={n} className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
              <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                <TextField label={`Nom de l’intervenant ${n + 1}`} name={`intervenant-nom-${n}`} value={i.nom} error={errors[`intervenants.${n}.nom`]} onChange={(v) => set('intervenants', draft.intervenants.map((x, k) => (k === n ? { ...x, nom: v } : x)))} />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                <TextField label={`Fonction de l’intervenant ${n + 1}`} name={`intervenant-fonction-${n}`} value={i.fonction} onChange={(v) => set('intervenants', draft.intervenants.map((x, k) => (k === n ? { ...x, fonction: v } : x)))} />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-2')}>
                <Checkbox
                  small
                  options={[{ label: 'Vient d’une PVD', nativeInputProps: { checked: i.pvd, onChange: (event) => set('intervenants', draft.intervenants.map((x, k) => (k === n ? { ...x, pvd: event.currentTarget.checked } : x))) } }]}
                />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-2')}>
                <Button type="button" priority="tertiary" size="small" iconId="fr-icon-delete-line" onClick={() => set('intervenants', draft.intervenants.filter((_, k) => k !== n))}>
                  {`Retirer l’intervenant ${n + 1}`}
                </Button>
              </div>
            </div>
          ))}
          <Button className={fr.cx('fr-mt-2w')} type="button" priority="secondary" size="small" iconId="fr-icon-add-line" disabled={draft.intervenants.length >= 30} onClick={() => set('intervenants', [...draft.intervenants, { nom: '', fonction: '', pvd: false }])}>
            Ajouter un intervenant
          </Button>
        </div>
      </fieldset>
      <fieldset className={fr.cx('fr-fieldset')}>
        <legend className={fr.cx('fr-fieldset__legend', 'fr-h5')}>Après l’événement</legend>
        <div className={fr.cx('fr-fieldset__element')}>
          <TextField type="url" label="Lien vers l’enregistrement" name="enregistrement" value={draft.enregistrement} onChange={(v) => set('enregistrement', v)} error={errors.enregistrement} />
          {draft.supports.map((s, n) => (
            <div key={n} className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
              <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                <TextField label={`Titre du support ${n + 1}`} name={`support-titre-${n}`} value={s.titre} error={errors[`supports.${n}.titre`]} onChange={(v) => set('supports', draft.supports.map((x, k) => (k === n ? { ...x, titre: v } : x)))} />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
                <TextField type="url" label={`Adresse du support ${n + 1}`} name={`support-url-${n}`} value={s.url} error={errors[`supports.${n}.url`]} onChange={(v) => set('supports', draft.supports.map((x, k) => (k === n ? { ...x, url: v } : x)))} />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-2')}>
                <Button type="button" priority="tertiary" size="small" iconId="fr-icon-delete-line" onClick={() => set('supports', draft.supports.filter((_, k) => k !== n))}>
                  {`Retirer le support ${n + 1}`}
                </Button>
              </div>
            </div>
          ))}
          <Button className={fr.cx('fr-mt-2w')} type="button" priority="secondary" size="small" iconId="fr-icon-add-line" disabled={draft.supports.length >= 30} onClick={() => set('supports', [...draft.supports, { titre: '', url: '' }])}>
            Ajouter un support (diaporama, compte rendu…)
          </Button>
        </div>
      </fieldset>
      <RadioButtons
        legend="Publication"
        name="statut"
        state={errors.statut ? 'error' : 'default'}
        stateRelatedMessage={errors.statut}
        options={[
          { label: 'Brouillon', hintText: 'Visible des seuls organisateurs', nativeInputProps: { value: 'brouillon', checked: draft.statut === 'brouillon', disabled: published, onChange: () => set('statut', 'brouillon') } },
          { label: 'Publié', hintText: 'Dans l’agenda, ouvert aux inscriptions', nativeInputProps: { value: 'publie', checked: draft.statut === 'publie', onChange: () => set('statut', 'publie') } },
        ]}
      />
      <div className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}>
        <Button type="submit" disabled={pending}>
          {pending ? 'Enregistrement…' : submitLabel}
        </Button>
        {cancel}
      </div>
    </form>
  );
}
