import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { isApiError } from '@suivi-pvd/api-client';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { SaveErrorAlert } from '../conventions/conflict-alert';
import { TextField } from '../conventions/text-field';
import { useCreateFinanceur, useUpdateFinanceur, type Financeur, type FinanceurInput, type OrganisationPartenaire } from './data/parametres.hooks';

type Field = 'nom' | 'organisationId' | 'actif';
const FIELDS: readonly Field[] = ['nom', 'organisationId', 'actif'];

interface Draft {
  nom: string;
  organisationId: string;
  actif: boolean;
}

function draftOf(financeur: Financeur | undefined): Draft {
  return { nom: financeur?.nom ?? '', organisationId: financeur?.organisationId ?? '', actif: financeur?.actif ?? true };
}

function inputOf(draft: Draft): FinanceurInput {
  return { nom: draft.nom.trim(), organisationId: draft.organisationId || null, actif: draft.actif };
}

/** The organisations offered: the partner organisations, plus the linked one should it no longer be listed. */
function organisationChoices(organisations: readonly OrganisationPartenaire[], financeur: Financeur | undefined): OrganisationPartenaire[] {
  if (financeur?.organisationId && !organisations.some((o) => o.id === financeur.organisationId)) {
    return [{ id: financeur.organisationId, nom: financeur.organisationNom ?? 'Organisation liée' }, ...organisations];
  }
  return [...organisations];
}

interface FinanceurFieldsProps {
  draft: Draft;
  onChange: (changes: Partial<Draft>) => void;
  organisations: readonly OrganisationPartenaire[];
  errors: Partial<Record<Field, string>>;
}

function FinanceurFields({ draft, onChange, organisations, errors }: FinanceurFieldsProps) {
  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
      <div className={fr.cx('fr-col-12', 'fr-col-lg-6')}>
        <TextField label="Nom du financeur" name="nom" required value={draft.nom} onChange={(nom) => onChange({ nom })} error={errors.nom} className={fr.cx('fr-mb-0')} />
      </div>
      <div className={fr.cx('fr-col-12', 'fr-col-lg-6')}>
        <Select
          label="Organisation partenaire"
          className={fr.cx('fr-mb-0')}
          state={errors.organisationId ? 'error' : 'default'}
          stateRelatedMessage={errors.organisationId}
          nativeSelectProps={{
            name: 'organisationId',
            value: draft.organisationId,
            'aria-invalid': errors.organisationId ? true : undefined,
            onChange: (e) => onChange({ organisationId: e.currentTarget.value }),
          }}
        >
          <option value="">Aucune organisation liée</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.nom}
            </option>
          ))}
        </Select>
      </div>
      <div className={fr.cx('fr-col-12')}>
        <Checkbox
          small
          className={fr.cx('fr-mb-0')}
          state={errors.actif ? 'error' : 'default'}
          stateRelatedMessage={errors.actif}
          options={[{ label: 'Actif', nativeInputProps: { name: 'actif', checked: draft.actif, onChange: (e) => onChange({ actif: e.currentTarget.checked }) } }]}
        />
      </div>
    </div>
  );
}

function formErrors(error: unknown, clientErrors: Partial<Record<Field, string>>) {
  const apiError = isApiError(error) ? error : null;
  const errors: Partial<Record<Field, string>> = {};
  for (const field of FIELDS) errors[field] = clientErrors[field] ?? apiError?.fieldMessage(field);
  const shownOnFields = FIELDS.some((field) => apiError?.fieldMessage(field));
  return { errors, showAlert: Boolean(error) && (!shownOnFields || apiError?.code !== 'VALIDATION_FAILED') };
}

function checkDraft(draft: Draft): Partial<Record<Field, string>> {
  return draft.nom.trim().length < 2 ? { nom: 'Indiquez le nom du financeur.' } : {};
}

function focusFirstInvalid(form: HTMLFormElement | null, fallback: HTMLElement | null) {
  requestAnimationFrame(() => {
    const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (invalid) invalid.focus();
    else fallback?.focus();
  });
}

/** Edits a funder of the list, with the version it was opened with (a stale save gets the conflict message). */
export function FinanceurEditForm({
  financeur,
  organisations,
  onSaved,
  onCancel,
  onReload,
}: {
  financeur: Financeur;
  organisations: readonly OrganisationPartenaire[];
  onSaved: (nom: string) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const update = useUpdateFinanceur(financeur.id);
  const [draft, setDraft] = useState<Draft>(() => draftOf(financeur));
  const [clientErrors, setClientErrors] = useState<Partial<Record<Field, string>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const { errors, showAlert } = formErrors(update.error, clientErrors);

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('input')?.focus();
  }, []);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending) return;
    update.reset();
    const found = checkDraft(draft);
    setClientErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current, alertRef.current);
    const input = inputOf(draft);
    update.mutate(
      { ...input, version: financeur.version },
      { onSuccess: () => onSaved(input.nom), onError: () => focusFirstInvalid(formRef.current, alertRef.current) },
    );
  };

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate aria-label={`Modifier le financeur ${financeur.nom}`} className={fr.cx('fr-py-1w')}>
      <div ref={alertRef} tabIndex={-1}>
        {showAlert && <SaveErrorAlert error={update.error} title="Le financeur n’a pas été enregistré" onReload={onReload} />}
      </div>
      <FinanceurFields
        draft={draft}
        onChange={(changes) => setDraft((current) => ({ ...current, ...changes }))}
        organisations={organisationChoices(organisations, financeur)}
        errors={errors}
      />
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--sm', 'fr-mt-2w', 'fr-mb-0')}>
        <li>
          <Button type="submit" disabled={update.isPending}>
            {update.isPending ? 'Enregistrement…' : 'Enregistrer'}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            Abandonner la saisie
          </Button>
        </li>
      </ul>
    </form>
  );
}

/** Adds a funder to the list; the fields empty again after each addition. */
export function FinanceurCreateForm({ organisations, onSaved }: { organisations: readonly OrganisationPartenaire[]; onSaved: (nom: string) => void }) {
  const create = useCreateFinanceur();
  const [draft, setDraft] = useState<Draft>(() => draftOf(undefined));
  const [clientErrors, setClientErrors] = useState<Partial<Record<Field, string>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const { errors, showAlert } = formErrors(create.error, clientErrors);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    create.reset();
    const found = checkDraft(draft);
    setClientErrors(found);
    if (Object.keys(found).length > 0) return focusFirstInvalid(formRef.current, alertRef.current);
    const input = inputOf(draft);
    create.mutate(input, {
      onSuccess: () => {
        setDraft(draftOf(undefined));
        onSaved(input.nom);
      },
      onError: () => focusFirstInvalid(formRef.current, alertRef.current),
    });
  };

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate aria-label="Ajouter un financeur">
      <div ref={alertRef} tabIndex={-1}>
        {showAlert && <SaveErrorAlert error={create.error} title="Le financeur n’a pas été ajouté" />}
      </div>
      <FinanceurFields
        draft={draft}
        onChange={(changes) => setDraft((current) => ({ ...current, ...changes }))}
        organisations={organisations}
        errors={errors}
      />
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--sm', 'fr-btns-group--icon-left', 'fr-mt-2w', 'fr-mb-0')}>
        <li>
          <Button type="submit" iconId="fr-icon-add-line" disabled={create.isPending}>
            {create.isPending ? 'Ajout…' : 'Ajouter un financeur'}
          </Button>
        </li>
      </ul>
    </form>
  );
}
