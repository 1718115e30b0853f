import { fr } from '@codegouvfr/react-dsfr';
import { DiscussionPanel } from '../discussions/discussion.panel';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { isApiError } from '@suivi-pvd/api-client';
import {
  FINANCEMENT_STATUT_DATES,
  FINANCEMENT_STATUT_LABELS,
  FINANCEMENT_STATUTS,
  ligneFinancementConstats,
  ligneFinancementErrors,
  parseEurosToCents,
  parseInteger,
  type ConstatPlausibilite,
  type FinancementStatut,
} from '@suivi-pvd/domain';
import { ChoiceSelect } from '@suivi-pvd/ui';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useDebouncedValue } from '../app/use-debounced-value';
import { SaveErrorAlert } from '../conventions/conflict-alert';
import { TextField } from '../conventions/text-field';
import { useConfirmation } from '../shared/confirm-dialog';
import { MotifDepassementField, plausibiliteState, plausibiliteSubmit } from '../shared/plausibilite';
import { useBeneficiaires, useDeleteLigne, useDispositifs, useLigne, useSaveLigne, type Beneficiaire, type Ligne, type LigneInput } from './data/financements.hooks';
import { useAireLabels } from '../referentiel/data/aires.hooks';

/** The form's values, as typed. */
interface Draft {
  beneficiaire: Beneficiaire | null;
  dispositifId: string;
  projet: string;
  montant: string;
  statut: FinancementStatut;
  dateDemande: string;
  dateEngagement: string;
  dateContractualisation: string;
  dateVersement: string;
  anneeCampagne: string;
  referenceExterne: string;
  source: string;
  dateSource: string;
  logements: string;
  dossiers: string;
  motifDepassement: string;
}
type Field = keyof Omit<Draft, 'beneficiaire'> | 'beneficiaireCode' | 'montant';
type FieldErrors = Partial<Record<Field, string>>;
const FIELDS: readonly Field[] = [
  'beneficiaireCode',
  'dispositifId',
  'projet',
  'montant',
  'statut',
  'dateDemande',
  'dateEngagement',
  'dateContractualisation',
  'dateVersement',
  'anneeCampagne',
  'referenceExterne',
  'source',
  'dateSource',
  'logements',
  'dossiers',
  'motifDepassement',
];

const centsText = (cents: number) => (cents / 100).toFixed(2).replace('.', ',').replace(/,00$/, '');

function draftOf(l: Ligne | null, beneficiaireInitial: Beneficiaire | null): Draft {
  return {
    beneficiaire: l ? { type: l.beneficiaireType, code: l.beneficiaireCode, nom: l.beneficiaireNom, departementCode: l.departementCode } : beneficiaireInitial,
    dispositifId: l?.dispositifId ?? '',
    projet: l?.projet ?? '',
    montant: l ? centsText(l.montant) : '',
    statut: l?.statut ?? 'demande',
    dateDemande: l?.dateDemande ?? '',
    dateEngagement: l?.dateEngagement ?? '',
    dateContractualisation: l?.dateContractualisation ?? '',
    dateVersement: l?.dateVersement ?? '',
    anneeCampagne: l?.anneeCampagne?.toString() ?? '',
    referenceExterne: l?.referenceExterne ?? '',
    source: l?.source ?? '',
    dateSource: l?.dateSource ?? '',
    logements: l?.logements?.toString() ?? '',
    dossiers: l?.dossiers?.toString() ?? '',
    motifDepassement: l?.motifDepassement ?? '',
  };
}

/** The amount's plausibility for the chosen dispositif (the API applies the same rule). */
function constatsOf(draft: Draft, dispositif: Parameters<typeof ligneFinancementConstats>[1] | undefined): ConstatPlausibilite[] {
  const montant = parseEurosToCents(draft.montant);
  return dispositif && montant.ok ? ligneFinancementConstats({ montant: montant.value }, dispositif) : [];
}

/** The checks of the form, then the domain's consistency and plausibility rules (the API applies the same). */
function check(
  draft: Draft,
  counts: { compteLogements: boolean; compteDossiers: boolean },
  constats: readonly ConstatPlausibilite[],
): { errors: FieldErrors; input: LigneInput | null } {
  const errors: FieldErrors = {};
  if (!draft.beneficiaire) errors.beneficiaireCode = 'Choisissez la commune ou l’EPCI bénéficiaire.';
  if (!draft.dispositifId) errors.dispositifId = 'Choisissez le dispositif.';
  if (draft.projet.trim().length < 2) errors.projet = 'Indiquez le projet financé.';
  const montant = parseEurosToCents(draft.montant);
  if (!draft.montant.trim()) errors.montant = 'Indiquez le montant, en euros.';
  else if (!montant.ok) errors.montant = montant.reason;
  const integer = (field: 'anneeCampagne' | 'logements' | 'dossiers') => {
    if (!draft[field].trim()) return null;
    const parsed = parseInteger(draft[field]);
    if (!parsed.ok) errors[field] = parsed.reason;
    return parsed.ok ? parsed.value : null;
  };
  const anneeCampagne = integer('anneeCampagne');
  const logements = counts.compteLogements ? integer('logements') : null;
  const dossiers = counts.compteDossiers ? integer('dossiers') : null;
  const day = (v: string) => v || null;
  const fields = {
    montant: montant.ok ? montant.value : 1,
    statut: draft.statut,
    dateDemande: day(draft.dateDemande),
    dateEngagement: day(draft.dateEngagement),
    dateContractualisation: day(draft.dateContractualisation),
    dateVersement: day(draft.dateVersement),
    anneeCampagne,
    logements,
    dossiers,
  };
  for (const [field, messages] of Object.entries(ligneFinancementErrors(fields, counts))) {
    const known = FIELDS.find((f) => f === field);
    if (known && !errors[known] && messages[0]) errors[known] = messages[0];
  }
  const plausible = plausibiliteSubmit(constats, draft.motifDepassement);
  if (Object.keys(errors).length === 0) {
    for (const [field, message] of Object.entries(plausible.errors)) {
      const known = FIELDS.find((f) => f === field);
      if (known) errors[known] = message;
    }
  }
  if (Object.keys(errors).length > 0 || !draft.beneficiaire || !montant.ok) return { errors, input: null };
  const optional = (v: string) => v.trim() || null;
  return {
    errors,
    input: {
      ...fields,
      montant: montant.value,
      dispositifId: draft.dispositifId,
      beneficiaireType: draft.beneficiaire.type,
      beneficiaireCode: draft.beneficiaire.code,
      projet: draft.projet.trim(),
      referenceExterne: optional(draft.referenceExterne),
      source: optional(draft.source),
      dateSource: day(draft.dateSource),
      motifDepassement: plausible.motif,
    },
  };
}

/**
 * Entering or modifying a financing line, inline in the page (a panel with its own heading, which
 * gets the focus when it opens). `ligneId` null: a new line.
 */
export function LignePanel({
  ligneId,
  pvdId,
  onClose,
  level = 'h2',
  beneficiaireInitial = null,
}: {
  ligneId: string | null;
  pvdId: string;
  /** A new line's beneficiary before any choice (the dossier's commune). */
  beneficiaireInitial?: Beneficiaire | null;
  onClose: (saved: string | null) => void;
  /** The panel's heading level in the page. */
  level?: 'h2' | 'h3';
}) {
  const Heading = level;
  const ligne = useLigne(ligneId);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const title = ligneId ? 'Modifier la ligne de financement' : 'Saisir une ligne de financement';
  return (
    <section aria-labelledby="ligne-titre" className={fr.cx('fr-p-3w', 'fr-mb-4w')} style={{ border: `1px solid ${fr.colors.decisions.border.default.grey.default}` }}>
      <Heading id="ligne-titre" ref={headingRef} tabIndex={-1} className={fr.cx('fr-h4')}>
        {title}
      </Heading>
      {ligneId && ligne.isPending && <p>Chargement…</p>}
      {ligneId && ligne.isError && <SaveErrorAlert error={ligne.error} title="La ligne n’a pas pu être chargée" />}
      {(!ligneId || ligne.data) && (
        <LigneForm key={`${ligneId}-${ligne.data?.version ?? 0}`} ligne={ligne.data ?? null} beneficiaireInitial={beneficiaireInitial} pvdId={pvdId} onClose={onClose} onReload={() => void ligne.refetch()} />
      )}
      {ligneId && ligne.data && <DiscussionPanel type="ligne_financement" id={ligneId} titre="Discussion sur la ligne" level={level === 'h2' ? 'h3' : 'h4'} />}
    </section>
  );
}

function LigneForm({
  ligne,
  beneficiaireInitial,
  pvdId,
  onClose,
  onReload,
}: {
  ligne: Ligne | null;
  beneficiaireInitial: Beneficiaire | null;
  pvdId: string;
  onClose: (saved: string | null) => void;
  onReload: () => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(ligne, beneficiaireInitial));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [search, setSearch] = useState('');
  const debounced = useDebouncedValue(search, 300);
  const beneficiaires = useBeneficiaires(debounced, pvdId);
  const dispositifs = useDispositifs();
  const save = useSaveLigne(ligne?.id ?? null);
  const remove = useDeleteLigne(ligne?.id ?? '');
  const confirmation = useConfirmation('modale-confirmer-ligne');
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  // The dispositifs offered: those the user enters (and the line's own, even closed).
  const offered = (dispositifs.data?.dispositifs ?? []).filter((d) => d.saisissable || d.id === ligne?.dispositifId);
  const chosen = offered.find((d) => d.id === draft.dispositifId);
  const counts = { compteLogements: chosen?.compteLogements ?? false, compteDossiers: chosen?.compteDossiers ?? false };
  // Live: the amount against the range of the chosen dispositif.
  const constats = constatsOf(draft, chosen);
  const liveMontant = plausibiliteState(constats, 'montant');

  const error = save.error ?? remove.error;
  const apiError = isApiError(error) ? error : null;
  const errors: FieldErrors = { ...clientErrors };
  for (const field of FIELDS) {
    const message = apiError?.fieldMessage(field);
    if (message && !errors[field]) errors[field] = message;
  }
  const hasFieldErrors = Object.values(errors).some(Boolean);
  const focusProblem = () =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .fr-select-group--error select, [role="alert"]')?.focus());
  useEffect(() => {
    if (error) focusProblem();
  }, [error]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (save.isPending) return;
    const { errors: found, input } = check(draft, counts, constats);
    setClientErrors(found);
    if (!input) {
      save.reset();
      focusProblem();
      return;
    }
    const saveLine = () => save.mutate({ ...input, version: ligne?.version }, { onSuccess: (saved) => onClose(saved.id) });
    // A new status on a recorded line is the funder's decision (engaged, contracted, paid): confirmed first.
    if (ligne && input.statut !== ligne.statut) {
      const from = FINANCEMENT_STATUT_LABELS[ligne.statut];
      const to = FINANCEMENT_STATUT_LABELS[input.statut];
      confirmation.ask({
        title: `Passer le financement à « ${to} » ?`,
        consequence: `Le financement « ${input.projet} » passe de « ${from} » à « ${to} » : il sera compté comme tel dans les totaux et les indicateurs du programme. Le changement est enregistré dans l’historique.`,
        confirmLabel: `Enregistrer le statut « ${to} »`,
        onConfirm: saveLine,
      });
      return;
    }
    saveLine();
  };

  const results = beneficiaires.data ?? [];
  const aireLabels = useAireLabels();
  const beneficiaireLabel = (b: Beneficiaire) =>
    `${b.nom} (${b.type === 'epci' ? `EPCI, SIREN ${b.code}` : `commune, ${b.code}`})${b.departementCode ? ` – ${aireLabels.departement(b.departementCode)}` : ''}`;
  const col = fr.cx('fr-col-12', 'fr-col-md-6');
  const col3 = fr.cx('fr-col-12', 'fr-col-sm-6', 'fr-col-md-3');

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate aria-labelledby="ligne-titre">
      {error ? (
        <SaveErrorAlert
          error={error}
          title="La ligne n’a pas été enregistrée"
          onReload={onReload}
          description={apiError?.code === 'VALIDATION_FAILED' && hasFieldErrors ? 'Corrigez les champs signalés puis enregistrez à nouveau.' : undefined}
        />
      ) : (
        hasFieldErrors && <Alert className={fr.cx('fr-mb-3w')} severity="error" small description="La ligne n’a pas été enregistrée : corrigez les champs signalés." />
      )}
      <p className={fr.cx('fr-text--sm')}>Sont obligatoires : le bénéficiaire, le dispositif, le projet, le montant, le statut et sa date.</p>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
        <div className={col}>
          <TextField
            label="Rechercher le bénéficiaire"
            hint="Nom ou code d’une commune ou d’un EPCI de votre territoire"
            name="recherche-beneficiaire"
            type="search"
            value={search}
            onChange={setSearch}
          />
        </div>
        <div className={col}>
          <Select
            label="Bénéficiaire"
            state={errors.beneficiaireCode ? 'error' : 'default'}
            stateRelatedMessage={errors.beneficiaireCode}
            nativeSelectProps={{
              name: 'beneficiaireCode',
              'aria-invalid': errors.beneficiaireCode ? true : undefined,
              value: draft.beneficiaire ? `${draft.beneficiaire.type}:${draft.beneficiaire.code}` : '',
              onChange: (event) => set('beneficiaire', [...results, ...(draft.beneficiaire ? [draft.beneficiaire] : [])].find((b) => `${b.type}:${b.code}` === event.currentTarget.value) ?? null),
            }}
          >
            <option value="" disabled>
              {debounced.trim().length < 2 ? 'Recherchez d’abord (2 caractères au moins)' : beneficiaires.isFetching ? 'Recherche…' : `${results.length} résultat${results.length > 1 ? 's' : ''}`}
            </option>
            {draft.beneficiaire && !results.some((b) => b.type === draft.beneficiaire?.type && b.code === draft.beneficiaire.code) && (
              <option value={`${draft.beneficiaire.type}:${draft.beneficiaire.code}`}>{beneficiaireLabel(draft.beneficiaire)}</option>
            )}
            {results.map((b) => (
              <option key={`${b.type}:${b.code}`} value={`${b.type}:${b.code}`}>
                {beneficiaireLabel(b)}
              </option>
            ))}
          </Select>
        </div>
        <div className={col}>
          <Select
            label="Dispositif"
            hint="Catalogue tenu par l’ANCT"
            state={errors.dispositifId ? 'error' : 'default'}
            stateRelatedMessage={errors.dispositifId}
            nativeSelectProps={{ name: 'dispositifId', value: draft.dispositifId, 'aria-invalid': errors.dispositifId ? true : undefined, onChange: (e) => set('dispositifId', e.currentTarget.value) }}
          >
            <option value="" disabled>
              Sélectionnez un dispositif
            </option>
            {offered.map((d) => (
              <option key={d.id} value={d.id}>
                {d.nom} – {d.financeurNom}
              </option>
            ))}
          </Select>
        </div>
        <div className={col}>
          <TextField label="Projet financé" name="projet" value={draft.projet} onChange={(v) => set('projet', v)} error={errors.projet} required />
        </div>
        <div className={col}>
          <TextField
            label="Montant (€)"
            hint="Par exemple 12 500,50"
            name="montant"
            inputMode="decimal"
            value={draft.montant}
            onChange={(v) => set('montant', v)}
            error={errors.montant ?? liveMontant.error}
            info={liveMontant.info}
            required
          />
          <MotifDepassementField id="ligne-motif" constats={constats} value={draft.motifDepassement} onChange={(v) => set('motifDepassement', v)} error={errors.motifDepassement} />
        </div>
        <div className={col}>
          <ChoiceSelect label="Statut" name="statut" choices={FINANCEMENT_STATUTS} labels={FINANCEMENT_STATUT_LABELS} value={draft.statut} onChange={(s) => s && set('statut', s)} error={errors.statut} required />
        </div>
        {FINANCEMENT_STATUTS.map((s) => {
          const field = FINANCEMENT_STATUT_DATES[s];
          return (
            <div key={s} className={col3}>
              <TextField
                label={`Date : ${FINANCEMENT_STATUT_LABELS[s].toLowerCase()}`}
                name={field}
                type="date"
                value={draft[field]}
                onChange={(v) => set(field, v)}
                error={errors[field]}
                required={s === draft.statut}
              />
            </div>
          );
        })}
        <div className={col3}>
          <TextField label="Année de campagne" name="anneeCampagne" inputMode="numeric" value={draft.anneeCampagne} onChange={(v) => set('anneeCampagne', v)} error={errors.anneeCampagne} />
        </div>
        <div className={col3}>
          <TextField label="Référence chez le financeur" name="referenceExterne" value={draft.referenceExterne} onChange={(v) => set('referenceExterne', v)} error={errors.referenceExterne} />
        </div>
        <div className={col3}>
          <TextField label="Source de la donnée" hint="Par exemple Anah" name="source" value={draft.source} onChange={(v) => set('source', v)} error={errors.source} />
        </div>
        <div className={col3}>
          <TextField label="Date de la donnée" name="dateSource" type="date" value={draft.dateSource} onChange={(v) => set('dateSource', v)} error={errors.dateSource} />
        </div>
        {counts.compteLogements && (
          <div className={col3}>
            <TextField label="Logements rénovés" name="logements" inputMode="numeric" value={draft.logements} onChange={(v) => set('logements', v)} error={errors.logements} />
          </div>
        )}
        {counts.compteDossiers && (
          <div className={col3}>
            <TextField label="Dossiers acceptés" name="dossiers" inputMode="numeric" value={draft.dossiers} onChange={(v) => set('dossiers', v)} error={errors.dossiers} />
          </div>
        )}
      </div>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mt-3w')}>
        <li>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Enregistrement…' : 'Enregistrer'}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={() => onClose(null)}>
            Annuler
          </Button>
        </li>
        {ligne && (
          <li>
            <Button
              type="button"
              priority="tertiary"
              iconId="fr-icon-delete-line"
              disabled={remove.isPending}
              onClick={() =>
                confirmation.ask({
                  title: 'Supprimer la ligne de financement ?',
                  consequence: `La ligne « ${ligne.projet} » disparaîtra des listes et des totaux. La suppression est enregistrée dans l’historique ; pour rétablir la ligne, il faudra la saisir à nouveau.`,
                  confirmLabel: 'Supprimer la ligne',
                  onConfirm: () => remove.mutate(ligne.version, { onSuccess: () => onClose(null) }),
                })
              }
            >
              Supprimer
            </Button>
          </li>
        )}
      </ul>
      {confirmation.dialog}
    </form>
  );
}
