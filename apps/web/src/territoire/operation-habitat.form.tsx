import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { isApiError } from '@suivi-pvd/api-client';
import {
  HABITAT_OPERATION_PHASE_LABELS,
  HABITAT_OPERATION_PHASES,
  HABITAT_OPERATION_TYPE_LABELS,
  HABITAT_OPERATION_TYPES,
  habitatOperationErrors,
  operationHabitatConstats,
  programmeToday,
  type ConstatPlausibilite,
  type HabitatOperationPhase,
  type HabitatOperationType,
} from '@suivi-pvd/domain';
import { ChoiceSelect } from '@suivi-pvd/ui';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { SaveErrorAlert } from '../conventions/conflict-alert';
import { TextField } from '../conventions/text-field';
import { MotifDepassementField, plausibiliteState, plausibiliteSubmit } from '../shared/plausibilite';
import { CommunesPicker, type CommuneChoisie } from './communes-picker';
import type { Operation, OperationInput } from './data/territoire.hooks';
import { centsToInput, parseCount, parseEuros } from './territoire-format';

interface ObjectifDraft {
  key: number;
  annee: string;
  objectif: string;
  traites: string;
}

/** The form's values, as typed (amounts in euros, counts as text). */
export interface OperationDraft {
  type: HabitatOperationType | '';
  libelle: string;
  maitreOuvrageType: 'commune' | 'epci';
  maitreOuvrageCode: string;
  operateur: string;
  phase: HabitatOperationPhase;
  dateDebut: string;
  dateFin: string;
  communes: CommuneChoisie[];
  objectifs: ObjectifDraft[];
  engagementAnah: string;
  engagementCollectivite: string;
  motifDepassement: string;
}

const FIELDS = ['type', 'libelle', 'maitreOuvrageType', 'maitreOuvrageCode', 'operateur', 'phase', 'dateDebut', 'dateFin', 'communes', 'objectifs', 'engagementAnah', 'engagementCollectivite', 'motifDepassement'] as const;
type Field = (typeof FIELDS)[number];
type Errors = Partial<Record<string, string>>;

const LEGEND = { padding: 0 } as const;
const FIELDSET = { border: 0, padding: 0, marginInline: 0 } as const;
let nextKey = 1;

export function emptyOperationDraft(communes: CommuneChoisie[], epciSiren: string | null): OperationDraft {
  return {
    type: '',
    libelle: '',
    maitreOuvrageType: epciSiren ? 'epci' : 'commune',
    maitreOuvrageCode: epciSiren ?? communes[0]?.insee ?? '',
    operateur: '',
    phase: 'etude_pre_operationnelle',
    dateDebut: '',
    dateFin: '',
    communes,
    objectifs: [],
    engagementAnah: '',
    engagementCollectivite: '',
    motifDepassement: '',
  };
}

export function draftOfOperation(o: Operation): OperationDraft {
  const text = (v: number | null) => (v === null ? '' : String(v));
  return {
    type: o.type,
    libelle: o.libelle,
    maitreOuvrageType: o.maitreOuvrage.type,
    maitreOuvrageCode: o.maitreOuvrage.code,
    operateur: o.operateur ?? '',
    phase: o.phase,
    dateDebut: o.dateDebut ?? '',
    dateFin: o.dateFin ?? '',
    communes: o.communes.map((c) => ({ insee: c.insee, nom: c.nom, departementCode: c.departementCode, population: c.population })),
    objectifs: o.objectifs.map((y) => ({ key: nextKey++, annee: String(y.annee), objectif: text(y.objectif), traites: text(y.traites) })),
    engagementAnah: centsToInput(o.engagementAnah),
    engagementCollectivite: centsToInput(o.engagementCollectivite),
    motifDepassement: o.motifDepassement ?? '',
  };
}

/**
 * The commitments' plausibility for the type and the population of the communes covered (their
 * sum; null when none is known), as the API judges them.
 */
function constatsOf(draft: OperationDraft): ConstatPlausibilite[] {
  if (!draft.type) return [];
  const populations = draft.communes.map((c) => c.population).filter((p): p is number => typeof p === 'number');
  const anah = parseEuros(draft.engagementAnah);
  const collectivite = parseEuros(draft.engagementCollectivite);
  return operationHabitatConstats({
    type: draft.type,
    engagementAnah: 'cents' in anah ? anah.cents : null,
    engagementCollectivite: 'cents' in collectivite ? collectivite.cents : null,
    objectifs: draft.objectifs.map((y) => {
      const objectif = parseCount(y.objectif);
      return { objectif: 'value' in objectif ? objectif.value : null };
    }),
    population: populations.length > 0 ? populations.reduce((sum, p) => sum + p, 0) : null,
  });
}

/** The checks of the form, then the domain's consistency rules (the API applies the same). */
function checkDraft(draft: OperationDraft): { errors: Errors; input: OperationInput | null } {
  const errors: Errors = {};
  const put = (field: string, message: string) => (errors[field] ??= message);
  if (!draft.type) put('type', 'Choisissez le type d’opération.');
  const libelle = draft.libelle.trim();
  if (libelle.length < 3) put('libelle', 'Indiquez l’intitulé de l’opération.');
  const code = draft.maitreOuvrageCode.replace(/\s/g, '');
  if (draft.maitreOuvrageType === 'epci' && !/^\d{9}$/.test(code)) put('maitreOuvrageCode', 'Le SIREN de l’EPCI compte 9 chiffres.');
  if (draft.maitreOuvrageType === 'commune' && !code) put('maitreOuvrageCode', 'Choisissez la commune maître d’ouvrage.');
  const anah = parseEuros(draft.engagementAnah);
  const collectivite = parseEuros(draft.engagementCollectivite);
  if ('error' in anah) put('engagementAnah', anah.error);
  if ('error' in collectivite) put('engagementCollectivite', collectivite.error);
  const objectifs = draft.objectifs.map((y, i) => {
    const annee = /^\d{4}$/.test(y.annee.trim()) ? Number(y.annee) : null;
    if (annee === null) put(`objectifs.${i}.annee`, 'Une année sur 4 chiffres.');
    const objectif = parseCount(y.objectif, 'Un nombre entier de logements, positif.');
    const traites = parseCount(y.traites, 'Un nombre entier de logements, positif.');
    if ('error' in objectif) put(`objectifs.${i}.objectif`, objectif.error);
    if ('error' in traites) put(`objectifs.${i}.traites`, traites.error);
    return { annee: annee ?? 0, objectif: 'value' in objectif ? objectif.value : null, traites: 'value' in traites ? traites.value : null };
  });
  const input = {
    type: draft.type || 'opah',
    libelle,
    maitreOuvrageType: draft.maitreOuvrageType,
    maitreOuvrageCode: code,
    operateur: draft.operateur.trim() || null,
    phase: draft.phase,
    dateDebut: draft.dateDebut || null,
    dateFin: draft.dateFin || null,
    communes: draft.communes.map((c) => c.insee),
    objectifs,
    engagementAnah: 'cents' in anah ? anah.cents : null,
    engagementCollectivite: 'cents' in collectivite ? collectivite.cents : null,
  } satisfies OperationInput;
  for (const [field, messages] of Object.entries(habitatOperationErrors(input))) if (messages[0]) put(field, messages[0]);
  const plausible = plausibiliteSubmit(constatsOf(draft), draft.motifDepassement);
  if (Object.keys(errors).length === 0) for (const [field, message] of Object.entries(plausible.errors)) put(field, message);
  return { errors, input: Object.keys(errors).length > 0 ? null : { ...input, motifDepassement: plausible.motif } };
}

/**
 * The fields of an habitat operation, for its creation and its modification. Field errors (the
 * domain rules, then the API's, `communes.<i>` and `objectifs.<i>.<champ>` included) show beside
 * each field; a stale save (409) offers to reload.
 */
export function OperationHabitatForm({
  initial,
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
  initial: OperationDraft;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  labelledBy: string;
  onSubmit: (input: OperationInput) => void;
  onReload?: () => void;
  onDirtyChange?: (dirty: boolean) => void;
  onResetError?: () => void;
  cancel?: ReactNode;
}) {
  const [draft, setDraft] = useState(initial);
  const [clientErrors, setClientErrors] = useState<Errors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  const apiError = isApiError(error) ? error : null;
  const errorOf = (field: string): string | undefined => clientErrors[field] ?? apiError?.fieldMessage(field) ?? undefined;
  const communeErrors = draft.communes.map((_, i) => errorOf(`communes.${i}`));
  const hasFieldErrors =
    FIELDS.some((f: Field) => errorOf(f)) ||
    communeErrors.some(Boolean) ||
    draft.objectifs.some((_, i) => ['annee', 'objectif', 'traites'].some((k) => errorOf(`objectifs.${i}.${k}`)));

  const focusProblem = () =>
    requestAnimationFrame(() => {
      const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .fr-input-group--error input, .fr-select-group--error select, .fr-fieldset--error input');
      if (invalid) invalid.focus();
      else alertRef.current?.focus();
    });
  const lastError = useRef<unknown>(null);
  useEffect(() => {
    if (error && error !== lastError.current) focusProblem();
    lastError.current = error;
  }, [error]);

  // Live: the commitments against the range for the type and the communes covered.
  const constats = constatsOf(draft);
  const liveAnah = plausibiliteState(constats, 'engagementAnah');
  const liveCollectivite = plausibiliteState(constats, 'engagementCollectivite');

  const set = <K extends keyof OperationDraft>(key: K, value: OperationDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setObjectif = (key: number, field: 'annee' | 'objectif' | 'traites', value: string) =>
    setDraft((d) => ({ ...d, objectifs: d.objectifs.map((y) => (y.key === key ? { ...y, [field]: value } : y)) }));

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const { errors, input } = checkDraft(draft);
    setClientErrors(errors);
    if (!input) {
      onResetError?.();
      focusProblem();
      return;
    }
    onSubmit(input);
  };

  const addYear = () => {
    const last = Math.max(Number(programmeToday().slice(0, 4)) - 1, ...draft.objectifs.map((y) => Number(y.annee) || 0));
    set('objectifs', [...draft.objectifs, { key: nextKey++, annee: String(last + 1), objectif: '', traites: '' }]);
  };

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate aria-labelledby={labelledBy}>
      <div ref={alertRef} tabIndex={-1} style={{ outline: 'none' }}>
        {error ? (
          <SaveErrorAlert
            error={error}
            title="L’opération n’a pas été enregistrée"
            onReload={onReload}
            description={apiError?.code === 'VALIDATION_FAILED' && hasFieldErrors ? 'Corrigez les champs signalés puis enregistrez à nouveau.' : undefined}
          />
        ) : (
          hasFieldErrors && <Alert className={fr.cx('fr-mb-3w')} severity="error" small description="L’opération n’a pas été enregistrée : corrigez les champs signalés." />
        )}
      </div>
      <p className={fr.cx('fr-text--sm')}>Sont obligatoires : le type, l’intitulé, le maître d’ouvrage, la phase et au moins une commune couverte.</p>

      <fieldset className={fr.cx('fr-mb-2w')} style={FIELDSET}>
        <legend className={fr.cx('fr-h6', 'fr-mb-2w')} style={LEGEND}>
          L’opération
        </legend>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <ChoiceSelect
              className={fr.cx('fr-mb-0')}
              label="Type"
              name="type"
              required
              choices={HABITAT_OPERATION_TYPES}
              labels={HABITAT_OPERATION_TYPE_LABELS}
              value={draft.type}
              onChange={(type) => set('type', type ?? '')}
              empty={{ label: 'Sélectionnez le type', disabled: true }}
              error={errorOf('type')}
            />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <TextField className={fr.cx('fr-mb-0')} label="Opérateur" hint="Opérateur de suivi-animation, s’il est désigné" name="operateur" value={draft.operateur} onChange={(v) => set('operateur', v)} error={errorOf('operateur')} />
          </div>
        </div>
        <TextField className={fr.cx('fr-mt-3w')} label="Intitulé" hint="Par exemple : OPAH-RR de la communauté de communes Creuse Sud-Ouest" name="libelle" required value={draft.libelle} onChange={(v) => set('libelle', v)} error={errorOf('libelle')} />
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <Select
              className={fr.cx('fr-mb-0')}
              label="Maître d’ouvrage"
              hint="Une commune ou un EPCI"
              nativeSelectProps={{
                name: 'maitreOuvrageType',
                value: draft.maitreOuvrageType,
                onChange: (e) => {
                  const type = e.currentTarget.value === 'epci' ? 'epci' : 'commune';
                  setDraft((d) => ({ ...d, maitreOuvrageType: type, maitreOuvrageCode: type === 'commune' ? (d.communes[0]?.insee ?? '') : '' }));
                },
              }}
            >
              <option value="commune">Une commune</option>
              <option value="epci">Un EPCI</option>
            </Select>
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            {draft.maitreOuvrageType === 'epci' ? (
              <TextField
                className={fr.cx('fr-mb-0')}
                label="SIREN de l’EPCI"
                hint="9 chiffres. Une opération de l’EPCI peut couvrir toutes ses communes."
                name="maitreOuvrageCode"
                inputMode="numeric"
                required
                value={draft.maitreOuvrageCode}
                onChange={(v) => set('maitreOuvrageCode', v)}
                error={errorOf('maitreOuvrageCode')}
              />
            ) : (
              <Select
                className={fr.cx('fr-mb-0')}
                label="Commune maître d’ouvrage"
                hint="L’une des communes couvertes"
                state={errorOf('maitreOuvrageCode') ? 'error' : 'default'}
                stateRelatedMessage={errorOf('maitreOuvrageCode')}
                nativeSelectProps={{
                  name: 'maitreOuvrageCode',
                  required: true,
                  value: draft.maitreOuvrageCode,
                  'aria-invalid': errorOf('maitreOuvrageCode') ? true : undefined,
                  onChange: (e) => set('maitreOuvrageCode', e.currentTarget.value),
                }}
              >
                <option value="" disabled>
                  {draft.communes.length === 0 ? 'Ajoutez d’abord les communes couvertes' : 'Sélectionnez la commune'}
                </option>
                {draft.maitreOuvrageCode && !draft.communes.some((c) => c.insee === draft.maitreOuvrageCode) && (
                  <option value={draft.maitreOuvrageCode}>{draft.maitreOuvrageCode}</option>
                )}
                {draft.communes.map((c) => (
                  <option key={c.insee} value={c.insee}>
                    {c.nom} ({c.insee})
                  </option>
                ))}
              </Select>
            )}
          </div>
        </div>
      </fieldset>

      <div className={fr.cx('fr-mt-4w')}>
        <CommunesPicker
          label="Communes couvertes"
          hint="L’opération apparaît sur le dossier de chaque petite ville de demain dont une commune est couverte."
          value={draft.communes}
          onChange={(communes) =>
            setDraft((d) => ({
              ...d,
              communes,
              // A commune maître d'ouvrage follows the communes until one is chosen.
              maitreOuvrageCode: d.maitreOuvrageType === 'commune' && !communes.some((c) => c.insee === d.maitreOuvrageCode) ? (communes[0]?.insee ?? '') : d.maitreOuvrageCode,
            }))
          }
          error={errorOf('communes')}
          errors={communeErrors}
        />
      </div>

      <fieldset className={fr.cx('fr-mt-2w', 'fr-mb-2w')} style={FIELDSET}>
        <legend className={fr.cx('fr-h6', 'fr-mb-1w')} style={LEGEND}>
          Phase et calendrier
        </legend>
        <p className={fr.cx('fr-text--sm', 'fr-mb-2w')}>Après l’étude pré-opérationnelle, la phase a une date de début ; une opération close, sa date de clôture.</p>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <ChoiceSelect className={fr.cx('fr-mb-0')} label="Phase" name="phase" required choices={HABITAT_OPERATION_PHASES} labels={HABITAT_OPERATION_PHASE_LABELS} value={draft.phase} onChange={(p) => p && set('phase', p)} error={errorOf('phase')} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <TextField className={fr.cx('fr-mb-0')} label="Date de début" name="dateDebut" type="date" value={draft.dateDebut} onChange={(v) => set('dateDebut', v)} error={errorOf('dateDebut')} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
            <TextField className={fr.cx('fr-mb-0')} label="Date de fin (prévue ou de clôture)" name="dateFin" type="date" value={draft.dateFin} onChange={(v) => set('dateFin', v)} error={errorOf('dateFin')} />
          </div>
        </div>
      </fieldset>

      <fieldset className={fr.cx('fr-mt-4w', 'fr-mb-2w')} style={FIELDSET}>
        <legend className={fr.cx('fr-h6', 'fr-mb-1w')} style={LEGEND}>
          Objectifs et logements traités, par année
        </legend>
        {draft.objectifs.length === 0 && <p className={fr.cx('fr-text--sm')}>Aucune année saisie.</p>}
        {draft.objectifs.map((y, i) => (
          <fieldset key={y.key} className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mb-1w')} style={{ ...FIELDSET, alignItems: 'flex-end' }}>
            <legend className={fr.cx('fr-sr-only')}>Année {y.annee || i + 1}</legend>
            <div className={fr.cx('fr-col-6', 'fr-col-md-3')}>
              <SmallInput label="Année" name={`objectifs.${i}.annee`} value={y.annee} onChange={(v) => setObjectif(y.key, 'annee', v)} error={errorOf(`objectifs.${i}.annee`)} />
            </div>
            <div className={fr.cx('fr-col-6', 'fr-col-md-3')}>
              <SmallInput label="Objectif (logements)" name={`objectifs.${i}.objectif`} value={y.objectif} onChange={(v) => setObjectif(y.key, 'objectif', v)} error={errorOf(`objectifs.${i}.objectif`)} />
            </div>
            <div className={fr.cx('fr-col-6', 'fr-col-md-3')}>
              <SmallInput label="Logements traités" name={`objectifs.${i}.traites`} value={y.traites} onChange={(v) => setObjectif(y.key, 'traites', v)} error={errorOf(`objectifs.${i}.traites`)} />
            </div>
            <div className={fr.cx('fr-col-6', 'fr-col-md-3')}>
              <Button type="button" size="small" priority="tertiary" iconId="fr-icon-delete-line" onClick={() => set('objectifs', draft.objectifs.filter((o) => o.key !== y.key))}>
                Retirer l’année {y.annee}
              </Button>
            </div>
          </fieldset>
        ))}
        <Button type="button" size="small" priority="secondary" iconId="fr-icon-add-line" onClick={addYear}>
          Ajouter une année
        </Button>
      </fieldset>

      <fieldset className={fr.cx('fr-mt-4w', 'fr-mb-4w')} style={FIELDSET}>
        <legend className={fr.cx('fr-h6', 'fr-mb-2w')} style={LEGEND}>
          Engagements
        </legend>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <AmountField
              label="Engagement de l’Anah (€)"
              name="engagementAnah"
              value={draft.engagementAnah}
              onChange={(v) => set('engagementAnah', v)}
              error={errorOf('engagementAnah') ?? liveAnah.error}
              info={liveAnah.info}
            />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <AmountField
              label="Engagement de la collectivité (€)"
              name="engagementCollectivite"
              value={draft.engagementCollectivite}
              onChange={(v) => set('engagementCollectivite', v)}
              error={errorOf('engagementCollectivite') ?? liveCollectivite.error}
              info={liveCollectivite.info}
            />
          </div>
        </div>
        <MotifDepassementField id="operation-motif" constats={constats} value={draft.motifDepassement} onChange={(v) => set('motifDepassement', v)} error={errorOf('motifDepassement')} />
      </fieldset>

      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
        <li>
          <Button type="submit" disabled={pending}>
            {pending ? 'Enregistrement…' : submitLabel}
          </Button>
        </li>
        {cancel && <li>{cancel}</li>}
      </ul>
    </form>
  );
}

function SmallInput({ label, name, value, onChange, error }: { label: string; name: string; value: string; onChange: (v: string) => void; error?: string }) {
  return (
    <Input
      className={fr.cx('fr-mb-0')}
      label={label}
      state={error ? 'error' : 'default'}
      stateRelatedMessage={error}
      nativeInputProps={{ name, inputMode: 'numeric', autoComplete: 'off', value, 'aria-invalid': error ? true : undefined, onChange: (e) => onChange(e.currentTarget.value) }}
    />
  );
}

function AmountField({ label, name, value, onChange, error, info }: { label: string; name: string; value: string; onChange: (v: string) => void; error?: string; info?: string }) {
  return (
    <Input
      className={fr.cx('fr-mb-0')}
      label={label}
      hintText="En euros, par exemple 12 500,50"
      state={error ? 'error' : info ? 'info' : 'default'}
      stateRelatedMessage={error ?? info}
      nativeInputProps={{ name, type: 'text', inputMode: 'decimal', autoComplete: 'off', value, 'aria-invalid': error ? true : undefined, onChange: (e) => onChange(e.currentTarget.value) }}
    />
  );
}
