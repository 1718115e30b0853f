import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { isApiError } from '@suivi-pvd/api-client';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { SaveErrorAlert } from '../conventions/conflict-alert';
import type { Employeur, PosteInput } from './data/postes.hooks';
import { TextField } from '../conventions/text-field';
import { comparable, draftErrors, employeurValue, fieldId, fieldRef, inputOf, rebaseDraft, type PosteDraft } from './poste-draft';
import { CofinanceursFieldset, CoutsEditor, OperationFieldset, TitulairesEditor, type FormApi, type OperationEnregistree } from './poste-editors';
import { SimulationPanel, type ParametresState } from './simulation.panel';


/**
 * The post form, shared by the creation and the post pages: title, employer, holders, yearly
 * costs, co-financers and habitat operation, with the live simulation of the co-financing. Errors
 * show beside their field once the user has left it (or tried to save); the API's field errors
 * (same paths) show at once. The parent sends the input and keeps the version.
 */
export function PosteForm({
  initial,
  employeurs,
  parametres,
  labelledBy,
  submitLabel,
  pending,
  error,
  errorTitle,
  onSubmit,
  onReload,
  onDirtyChange,
  simulationWhenPristine,
  pristineNote,
  extraActions,
  operations,
}: {
  initial: PosteDraft;
  employeurs: readonly Employeur[];
  parametres: ParametresState;
  labelledBy: string;
  submitLabel: string;
  pending: boolean;
  /** The error of the last save. */
  error: unknown;
  errorTitle: string;
  /** Resolves on success; rejects with the API's error. */
  onSubmit: (input: PosteInput) => Promise<unknown>;
  onReload?: () => void;
  onDirtyChange?: (dirty: boolean) => void;
  /** Show the simulation before any change (the creation page); otherwise a note stands in for it. */
  simulationWhenPristine: boolean;
  pristineNote?: ReactNode;
  extraActions?: ReactNode;
  /** The habitat operations recorded for the PVD, that the post may link. */
  operations?: readonly OperationEnregistree[];
}) {
  const [draft, setDraft] = useState<PosteDraft>(initial);
  // A newer stored post (reloaded after a conflict): what the user did not change follows it.
  const [base, setBase] = useState(initial);
  if (base !== initial) {
    setBase(initial);
    setDraft((current) => rebaseDraft(current, base, initial));
  }
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  /** Fields the user typed in: their error shows when they leave them (not on a mere pass through). */
  const edited = useRef(new Set<string>());
  const [submitted, setSubmitted] = useState(false);
  /** The API's field errors, by field key, until the field changes. */
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const dirty = comparable(draft) !== comparable(initial);
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  const errors = useMemo(() => draftErrors(draft, employeurs), [draft, employeurs]);
  const clientByKey = useMemo(() => {
    const byKey: Record<string, string> = {};
    for (const [path, messages] of Object.entries(errors)) byKey[fieldRef(path, draft).key] ??= messages[0];
    return byKey;
  }, [errors, draft]);
  const errorOf = (key: string) => serverErrors[key] ?? (submitted || touched.has(key) ? clientByKey[key] : undefined);

  const touch = (key: string) =>
    setTouched((current) => {
      if (current.has(key)) return current;
      const next = new Set(current);
      next.add(key);
      return next;
    });

  const form: FormApi = {
    draft,
    change: (changes, key, touchNow = false) => {
      setDraft((current) => ({ ...current, ...changes }));
      edited.current.add(key);
      if (touchNow) touch(key);
      setServerErrors((current) => {
        if (!(key in current)) return current;
        const { [key]: _removed, ...rest } = current;
        return rest;
      });
    },
    bind: (key) => ({ id: fieldId(key), error: errorOf(key), onBlur: () => {
        if (edited.current.has(key)) touch(key);
      },
    }),
    errorOf,
  };

  const focusFirstInvalid = () =>
    requestAnimationFrame(() => {
      const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .fr-input--error, .fr-select--error, .fr-checkbox-group--error input');
      if (invalid) invalid.focus();
      else alertRef.current?.focus();
    });

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setSubmitted(true);
    setServerErrors({});
    if (Object.keys(errors).length > 0) {
      focusFirstInvalid();
      return;
    }
    const sent = draft;
    onSubmit(inputOf(sent)).catch((cause: unknown) => {
      if (isApiError(cause)) {
        const byKey: Record<string, string> = {};
        for (const [path, messages] of Object.entries(cause.fields)) byKey[fieldRef(path, sent).key] ??= messages[0];
        setServerErrors(byKey);
      }
      focusFirstInvalid();
    });
  };

  const apiError = isApiError(error) ? error : null;
  const hasServerFieldErrors = Object.keys(serverErrors).length > 0;
  const showClientAlert = submitted && !error && Object.keys(errors).length > 0;
  const employeur = form.bind('employeurCode');

  return (
    <form ref={formRef} onSubmit={handleSubmit} noValidate aria-labelledby={labelledBy}>
      <div ref={alertRef} tabIndex={-1} style={{ outline: 'none' }}>
        {Boolean(error) && (
          <SaveErrorAlert
            error={error}
            title={errorTitle}
            onReload={onReload}
            description={apiError?.code === 'VALIDATION_FAILED' && hasServerFieldErrors ? 'Corrigez les champs signalés puis enregistrez à nouveau.' : undefined}
          />
        )}
        {showClientAlert && (
          <Alert className={fr.cx('fr-mb-3w')} severity="error" small description={`${errorTitle} : corrigez les champs signalés.`} />
        )}
      </div>

      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-mb-2w')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <TextField
            {...form.bind('intitule')}
            label="Intitulé du poste"
            name="intitule"
            required
            value={draft.intitule}
            onChange={(intitule) => form.change({ intitule }, 'intitule')}
          />
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-6')}>
          <Select
            label="Employeur"
            hint="L’une des communes de la PVD ou son EPCI"
            state={employeur.error ? 'error' : 'default'}
            stateRelatedMessage={employeur.error}
            nativeSelectProps={{
              id: employeur.id,
              name: 'employeurCode',
              required: true,
              value: draft.employeur,
              'aria-invalid': employeur.error ? true : undefined,
              onBlur: employeur.onBlur,
              onChange: (e) => form.change({ employeur: e.currentTarget.value }, 'employeurCode', true),
            }}
          >
            <option value="" disabled>
              Sélectionnez l’employeur
            </option>
            {employeurs.map((e) => (
              <option key={employeurValue(e)} value={employeurValue(e)}>
                {e.nom} ({e.type === 'commune' ? 'commune' : 'EPCI'})
              </option>
            ))}
          </Select>
        </div>
      </div>

      <TitulairesEditor form={form} />
      <CoutsEditor form={form} />
      <CofinanceursFieldset form={form} parametres={parametres.data} />
      <OperationFieldset form={form} operations={operations} />

      {dirty || simulationWhenPristine ? (
        <SimulationPanel draft={draft} parametres={parametres} />
      ) : (
        pristineNote && <div className={fr.cx('fr-mb-3w')}>{pristineNote}</div>
      )}

      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}>
        <li>
          <Button type="submit" iconId="fr-icon-save-line" disabled={pending}>
            {pending ? 'Enregistrement…' : submitLabel}
          </Button>
        </li>
        {dirty && !simulationWhenPristine && (
          <li>
            <Button
              type="button"
              priority="secondary"
              onClick={() => {
                setDraft(initial);
                setTouched(new Set());
                edited.current.clear();
                setSubmitted(false);
                setServerErrors({});
              }}
            >
              Annuler les modifications
            </Button>
          </li>
        )}
        {extraActions}
      </ul>
      {dirty && !simulationWhenPristine && (
        <p className={fr.cx('fr-text--sm')} role="status">
          Modifications non enregistrées.
        </p>
      )}
    </form>
  );
}
