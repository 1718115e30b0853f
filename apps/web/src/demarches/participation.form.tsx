import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { isApiError } from '@suivi-pvd/api-client';
import { attributInputOf, attributValuesErrors, parseAttributInput, participationErrors } from '@suivi-pvd/domain';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { SaveErrorAlert } from '../conventions/conflict-alert';
import { TextField } from '../conventions/text-field';
import { AttributFields, type AttributDraft } from './attribut-fields';
import type { CommuneSaisie, Demarche, Participation, ParticipationInput } from './data/demarches.hooks';

interface Draft {
  demarcheId: string;
  communeInsee: string;
  dateDebut: string;
  dateFin: string;
  attributs: AttributDraft;
}

type Errors = Partial<Record<'demarcheId' | 'communeInsee' | 'dateDebut' | 'dateFin', string>> & { attributs: Record<string, string | undefined> };

const FIELDSET = { border: 0, padding: 0, marginInline: 0 } as const;

/**
 * A participation's scheme (on creation), commune (when the dossier has several), dates and the
 * scheme's own attributes, each rendered by its type. The domain rules check the input before
 * sending; the API's field errors (`attributs.forme`) show beside the same fields.
 */
export function ParticipationForm({
  demarches,
  communes,
  participation,
  pending,
  error,
  onSubmit,
  onCancel,
  onResetError,
}: {
  /** The schemes offered (creation) or the participation's (modification). */
  demarches: readonly Demarche[];
  /** The communes the user may enter a participation for. */
  communes: readonly CommuneSaisie[];
  participation?: Participation;
  pending: boolean;
  error: unknown;
  onSubmit: (input: ParticipationInput & { demarcheId: string; communeInsee: string }) => void;
  onCancel: () => void;
  onResetError: () => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => {
    const demarche = demarches.find((d) => d.id === participation?.demarcheId);
    return {
      demarcheId: participation?.demarcheId ?? (demarches.length === 1 ? demarches[0].id : ''),
      communeInsee: participation?.communeInsee ?? (communes.length === 1 ? communes[0].insee : ''),
      dateDebut: participation?.dateDebut ?? '',
      dateFin: participation?.dateFin ?? '',
      attributs: Object.fromEntries((demarche?.attributs ?? []).map((d) => [d.cle, attributInputOf(d, participation?.attributs[d.cle])])),
    };
  });
  const [clientErrors, setClientErrors] = useState<Errors>({ attributs: {} });
  const formRef = useRef<HTMLFormElement>(null);
  const demarche = demarches.find((d) => d.id === draft.demarcheId);

  const apiError = isApiError(error) ? error : null;
  const errors: Errors = { ...clientErrors, attributs: { ...clientErrors.attributs } };
  for (const field of ['demarcheId', 'communeInsee', 'dateDebut', 'dateFin'] as const) errors[field] ??= apiError?.fieldMessage(field);
  for (const def of demarche?.attributs ?? []) errors.attributs[def.cle] ??= apiError?.fieldMessage(`attributs.${def.cle}`);
  const hasFieldErrors = Boolean(errors.demarcheId || errors.communeInsee || errors.dateDebut || errors.dateFin || Object.values(errors.attributs).some(Boolean));

  const focusProblem = () =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .fr-select-group--error select, .fr-fieldset--error input, [role="alert"]')?.focus());
  const lastError = useRef<unknown>(null);
  useEffect(() => {
    if (error && error !== lastError.current) focusProblem();
    lastError.current = error;
  }, [error]);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const found: Errors = { attributs: {} };
    if (!demarche) found.demarcheId = 'Choisissez le dispositif.';
    if (!draft.communeInsee) found.communeInsee = 'Choisissez la commune.';
    const values: Record<string, unknown> = {};
    for (const def of demarche?.attributs ?? []) {
      const parsed = parseAttributInput(def, draft.attributs[def.cle] ?? '');
      if ('error' in parsed) found.attributs[def.cle] = parsed.error;
      else if (parsed.value !== null) values[def.cle] = parsed.value;
    }
    const dates = { dateDebut: draft.dateDebut || null, dateFin: draft.dateFin || null };
    found.dateFin = participationErrors(dates).dateFin?.[0];
    for (const [field, messages] of Object.entries(attributValuesErrors(demarche?.attributs ?? [], values))) {
      const cle = field.replace(/^attributs\./, '');
      found.attributs[cle] ??= messages[0];
    }
    setClientErrors(found);
    const invalid = found.demarcheId || found.communeInsee || found.dateFin || Object.values(found.attributs).some(Boolean);
    if (invalid || !demarche) {
      onResetError();
      focusProblem();
      return;
    }
    onSubmit({ demarcheId: demarche.id, communeInsee: draft.communeInsee, ...dates, attributs: values });
  };

  const chooseDemarche = (demarcheId: string) => {
    const next = demarches.find((d) => d.id === demarcheId);
    setDraft((current) => ({ ...current, demarcheId, attributs: Object.fromEntries((next?.attributs ?? []).map((d) => [d.cle, current.attributs[d.cle] ?? ''])) }));
    setClientErrors({ attributs: {} });
  };

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate aria-labelledby={`${id}-titre`} className={fr.cx('fr-p-3w', 'fr-mb-3w')} style={{ background: fr.colors.decisions.background.alt.grey.default }}>
      <h3 id={`${id}-titre`} className={fr.cx('fr-h6')}>
        {participation ? `Modifier « ${participation.demarcheNom} » – ${participation.communeNom}` : 'Ajouter un dispositif'}
      </h3>
      {error ? (
        <SaveErrorAlert
          error={error}
          title="La participation n’a pas été enregistrée"
          onReload={onCancel}
          description={apiError?.code === 'VALIDATION_FAILED' && hasFieldErrors ? 'Corrigez les champs signalés puis enregistrez à nouveau.' : undefined}
        />
      ) : (
        hasFieldErrors && <Alert className={fr.cx('fr-mb-3w')} severity="error" small description="La participation n’a pas été enregistrée : corrigez les champs signalés." />
      )}
      <fieldset style={FIELDSET} className={fr.cx('fr-mb-2w')}>
        <legend className={fr.cx('fr-sr-only')}>Dispositif et commune</legend>
        <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
          {!participation && (
            <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
              <Select
                className={fr.cx('fr-mb-0')}
                label="Dispositif (obligatoire)"
                hint="Catalogue tenu par l’ANCT"
                state={errors.demarcheId ? 'error' : 'default'}
                stateRelatedMessage={errors.demarcheId}
                nativeSelectProps={{ name: 'demarcheId', required: true, value: draft.demarcheId, 'aria-invalid': errors.demarcheId ? true : undefined, onChange: (e) => chooseDemarche(e.currentTarget.value) }}
              >
                <option value="" disabled>
                  Sélectionnez le dispositif
                </option>
                {demarches.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.nom}
                  </option>
                ))}
              </Select>
            </div>
          )}
          {!participation && communes.length > 1 && (
            <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
              <Select
                className={fr.cx('fr-mb-0')}
                label="Commune (obligatoire)"
                state={errors.communeInsee ? 'error' : 'default'}
                stateRelatedMessage={errors.communeInsee}
                nativeSelectProps={{
                  name: 'communeInsee',
                  required: true,
                  value: draft.communeInsee,
                  'aria-invalid': errors.communeInsee ? true : undefined,
                  onChange: (e) => setDraft((current) => ({ ...current, communeInsee: e.currentTarget.value })),
                }}
              >
                <option value="" disabled>
                  Sélectionnez la commune
                </option>
                {communes.map((c) => (
                  <option key={c.insee} value={c.insee}>
                    {c.nom} ({c.insee})
                  </option>
                ))}
              </Select>
            </div>
          )}
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <TextField className={fr.cx('fr-mb-0')} label="Date de début" name="dateDebut" type="date" value={draft.dateDebut} onChange={(dateDebut) => setDraft((c) => ({ ...c, dateDebut }))} error={errors.dateDebut} />
          </div>
          <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
            <TextField
              className={fr.cx('fr-mb-0')}
              label="Date de fin"
              hint="Si la participation a pris fin"
              name="dateFin"
              type="date"
              value={draft.dateFin}
              onChange={(dateFin) => setDraft((c) => ({ ...c, dateFin }))}
              error={errors.dateFin}
            />
          </div>
        </div>
      </fieldset>
      {demarche && (
        <fieldset style={FIELDSET} className={fr.cx('fr-mb-2w')}>
          <legend className={fr.cx('fr-text--bold', 'fr-mb-2w')} style={{ padding: 0 }}>
            Caractéristiques – {demarche.nom}
          </legend>
          <AttributFields
            idPrefix={id}
            definitions={demarche.attributs}
            draft={draft.attributs}
            errors={errors.attributs}
            onChange={(cle, value) => setDraft((c) => ({ ...c, attributs: { ...c.attributs, [cle]: value } }))}
          />
        </fieldset>
      )}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-mt-2w')}>
        <li>
          <Button type="submit" disabled={pending}>
            {pending ? 'Enregistrement…' : 'Enregistrer'}
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
