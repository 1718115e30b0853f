import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { isApiError } from '@suivi-pvd/api-client';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { SaveErrorAlert } from './conflict-alert';
import {
  checkDraft,
  comparable,
  draftOf,
  hasField,
  inputOf,
  type ContentDraft,
  type FieldErrors,
} from './content-draft';
import { useUpdateConvention, type Convention } from './data/convention.hooks';
import { PlanActionsEditor } from './plan-actions.editor';
import { SignatairesEditor } from './signataires.editor';
import { TextField } from './text-field';

/**
 * The content of a convention being prepared. The form keeps the version it was opened with: a
 * save after someone else's change gets the conflict message, and the input stays on screen.
 * The parent remounts it (key) after a save, a reload or a workflow step.
 */
export function ContentForm({
  convention,
  onSaved,
  onReload,
  onDirtyChange,
}: {
  convention: Convention;
  onSaved: () => void;
  onReload: () => void;
  onDirtyChange: (dirty: boolean) => void;
}) {
  const [initial] = useState(() => draftOf(convention));
  const [version] = useState(convention.version);
  const [draft, setDraft] = useState<ContentDraft>(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const update = useUpdateConvention(convention.id);
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const type = convention.type;

  const dirty = comparable(draft) !== comparable(initial);
  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);

  const apiError = isApiError(update.error) ? update.error : null;
  const errors: FieldErrors = { ...Object.fromEntries(Object.entries(apiError?.fields ?? {}).map(([k, v]) => [k, v[0]])), ...clientErrors };
  const hasFieldErrors = Object.values(errors).some(Boolean);

  const focusFirstInvalid = () =>
    requestAnimationFrame(() => {
      const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .fr-input--error, .fr-select--error');
      if (invalid) invalid.focus();
      else alertRef.current?.focus();
    });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (update.isPending) return;
    const found = checkDraft(type, draft);
    setClientErrors(found);
    update.reset();
    if (Object.values(found).some(Boolean)) {
      focusFirstInvalid();
      return;
    }
    update.mutate(
      { version, ...inputOf(type, draft) },
      {
        onSuccess: () => onSaved(),
        onError: () => focusFirstInvalid(),
      },
    );
  };

  const set = (changes: Partial<ContentDraft>) => setDraft((current) => ({ ...current, ...changes }));

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate aria-labelledby="contenu-titre">
      <div ref={alertRef} tabIndex={-1}>
        {update.error && (
          <SaveErrorAlert
            error={update.error}
            title="La convention n'a pas été enregistrée"
            onReload={onReload}
            description={apiError?.code === 'VALIDATION_FAILED' && hasFieldErrors ? 'Corrigez les champs signalés puis enregistrez à nouveau.' : undefined}
          />
        )}
        {!update.error && hasFieldErrors && (
          <Alert
            className={fr.cx('fr-mb-3w')}
            severity="error"
            small
            description="La convention n'a pas été enregistrée : corrigez les champs signalés."
          />
        )}
      </div>
      {hasField(type, 'objet') && (
        <TextField
          label="Objet de l'avenant"
          hint="Ce que l'avenant modifie dans la convention-cadre"
          name="objet"
          textArea
          rows={3}
          value={draft.objet}
          onChange={(objet) => set({ objet })}
          error={errors.objet}
        />
      )}
      {hasField(type, 'diagnostic') && (
        <TextField
          label="Synthèse du diagnostic"
          name="diagnostic"
          textArea
          value={draft.diagnostic}
          onChange={(diagnostic) => set({ diagnostic })}
          error={errors.diagnostic}
        />
      )}
      {hasField(type, 'strategie') && (
        <TextField
          label="Stratégie de revitalisation"
          name="strategie"
          textArea
          value={draft.strategie}
          onChange={(strategie) => set({ strategie })}
          error={errors.strategie}
        />
      )}
      {hasField(type, 'vautOrt') && (
        <Checkbox
          className={fr.cx('fr-mb-4w')}
          state={errors.vautOrt ? 'error' : 'default'}
          stateRelatedMessage={errors.vautOrt}
          options={[
            {
              label: 'Vaut ORT',
              hintText: "La convention-cadre vaut opération de revitalisation de territoire (ORT).",
              nativeInputProps: {
                name: 'vautOrt',
                checked: draft.vautOrt,
                onChange: (e) => set({ vautOrt: e.currentTarget.checked }),
              },
            },
          ]}
        />
      )}
      {hasField(type, 'signataires') && (
        <SignatairesEditor rows={draft.signataires} onChange={(signataires) => set({ signataires })} errors={errors} />
      )}
      {hasField(type, 'actions') && (
        <PlanActionsEditor rows={draft.actions} onChange={(actions) => set({ actions })} errors={errors} />
      )}
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}>
        <li>
          <Button type="submit" iconId="fr-icon-save-line" disabled={update.isPending}>
            {update.isPending ? 'Enregistrement…' : 'Enregistrer'}
          </Button>
        </li>
        {dirty && (
          <li>
            <Button
              type="button"
              priority="secondary"
              onClick={() => {
                setDraft(initial);
                setClientErrors({});
                update.reset();
              }}
            >
              Annuler les modifications
            </Button>
          </li>
        )}
      </ul>
      {dirty && (
        <p className={fr.cx('fr-text--sm')} role="status">
          Modifications non enregistrées.
        </p>
      )}
    </form>
  );
}
