import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { isApiError } from '@suivi-pvd/api-client';
import {
  isOrganisationType,
  isRole,
  ORGANISATION_TYPE_LABELS,
  ROLE_LABELS,
  type OrganisationType,
  type Role,
} from '@suivi-pvd/domain';
import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../app/query-error-alert';
import type { Me } from '../auth/data/session.hooks';
import type { CommuneSearchItem } from '../communes/data/communes.hooks';
import { CommunePicker } from './commune-picker';
import { useInvite, type InviteInput } from './data/comptes.hooks';
import { invitableDepartements, invitableRoles, invitableTypes } from './invite-rules';

/** Form fields, named after the API's field paths. */
type Field =
  | 'email'
  | 'displayName'
  | 'organisation.type'
  | 'organisation.communeInsee'
  | 'organisation.epciSiren'
  | 'organisation.departementCode'
  | 'organisation.regionCode'
  | 'organisation.nom'
  | 'role';

type InputField = Exclude<Field, 'organisation.type' | 'role'>;

const FIELDS: readonly Field[] = [
  'email',
  'displayName',
  'organisation.type',
  'organisation.communeInsee',
  'organisation.epciSiren',
  'organisation.departementCode',
  'organisation.regionCode',
  'organisation.nom',
  'role',
];

/** The field that identifies the organisation, for each type (none for the ANCT). */
const TERRITORY_FIELD: Record<OrganisationType, Field | null> = {
  commune: 'organisation.communeInsee',
  epci: 'organisation.epciSiren',
  prefecture: 'organisation.departementCode',
  sgar: 'organisation.regionCode',
  anct: null,
  partenaire: 'organisation.nom',
};

interface FormState {
  email: string;
  displayName: string;
  type: OrganisationType | '';
  commune: CommuneSearchItem | null;
  epciSiren: string;
  departementCode: string;
  regionCode: string;
  nom: string;
  role: Role | '';
}

/** The field (API path) each piece of the form's state is checked as. */
const FIELD_OF_STATE: Record<keyof FormState, Field> = {
  email: 'email',
  displayName: 'displayName',
  type: 'organisation.type',
  commune: 'organisation.communeInsee',
  epciSiren: 'organisation.epciSiren',
  departementCode: 'organisation.departementCode',
  regionCode: 'organisation.regionCode',
  nom: 'organisation.nom',
  role: 'role',
};

function initialState(types: readonly OrganisationType[]): FormState {
  return {
    email: '',
    displayName: '',
    type: types.length === 1 ? types[0] : '',
    commune: null,
    epciSiren: '',
    departementCode: '',
    regionCode: '',
    nom: '',
    role: '',
  };
}

function organisationOf(state: FormState, type: OrganisationType): InviteInput['organisation'] {
  switch (type) {
    case 'commune':
      return { type, communeInsee: state.commune?.insee ?? '' };
    case 'epci':
      return { type, epciSiren: state.epciSiren.trim() };
    case 'prefecture':
      return { type, departementCode: state.departementCode.trim().toUpperCase() };
    case 'sgar':
      return { type, regionCode: state.regionCode.trim() };
    case 'anct':
      return { type };
    case 'partenaire':
      return { type, nom: state.nom.trim() };
  }
}

function checkForm(state: FormState): Partial<Record<Field, string>> {
  const errors: Partial<Record<Field, string>> = {};
  if (!state.email.trim()) errors.email = "Saisissez l'adresse électronique de la personne.";
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(state.email.trim())) {
    errors.email = 'Adresse électronique invalide. Format attendu : nom@domaine.fr';
  }
  if (!state.displayName.trim()) errors.displayName = 'Saisissez le prénom et le nom de la personne.';
  if (!state.type) errors['organisation.type'] = "Choisissez le type d'organisation.";
  else {
    const field = TERRITORY_FIELD[state.type];
    if (state.type === 'commune' && !state.commune) errors[field ?? 'organisation.communeInsee'] = 'Choisissez une commune dans la liste.';
    if (state.type === 'epci' && !/^\d{9}$/.test(state.epciSiren.trim())) {
      errors['organisation.epciSiren'] = 'Le SIREN compte 9 chiffres.';
    }
    if (state.type === 'prefecture' && !state.departementCode.trim()) {
      errors['organisation.departementCode'] = 'Saisissez le code du département.';
    }
    if (state.type === 'sgar' && !state.regionCode.trim()) errors['organisation.regionCode'] = 'Saisissez le code de la région.';
    if (state.type === 'partenaire' && !state.nom.trim()) errors['organisation.nom'] = 'Saisissez le nom du partenaire.';
  }
  if (!state.role) errors.role = 'Choisissez un rôle.';
  return errors;
}

/** Invites a person (or gives an existing account a new role) in an organisation. */
export function InviteForm({ me }: { me: Me }) {
  const types = invitableTypes(me);
  const departements = invitableDepartements(me);
  const invite = useInvite();
  const [state, setState] = useState<FormState>(() => initialState(types));
  const [clientErrors, setClientErrors] = useState<Partial<Record<Field, string>>>({});
  const [success, setSuccess] = useState<string | null>(null);
  /** Fields changed since the last submission: their earlier error no longer applies. */
  const [edited, setEdited] = useState<ReadonlySet<Field>>(new Set());
  const alertRef = useRef<HTMLDivElement>(null);
  const typeRef = useRef<HTMLSelectElement>(null);
  const roleRef = useRef<HTMLSelectElement>(null);
  const refs: Record<InputField, RefObject<HTMLInputElement | null>> = {
    email: useRef<HTMLInputElement>(null),
    displayName: useRef<HTMLInputElement>(null),
    'organisation.communeInsee': useRef<HTMLInputElement>(null),
    'organisation.epciSiren': useRef<HTMLInputElement>(null),
    'organisation.departementCode': useRef<HTMLInputElement>(null),
    'organisation.regionCode': useRef<HTMLInputElement>(null),
    'organisation.nom': useRef<HTMLInputElement>(null),
  };
  const focusField = (field: Field) => {
    if (field === 'organisation.type') typeRef.current?.focus();
    else if (field === 'role') roleRef.current?.focus();
    else refs[field].current?.focus();
  };

  const apiError = isApiError(invite.error) ? invite.error : null;
  const territoryField = state.type ? TERRITORY_FIELD[state.type] : null;
  const apiFieldError = (field: Field): string | undefined => {
    if (!apiError) return undefined;
    const message = apiError.fieldMessage(field);
    if (message) return message;
    // A territory that does not exist is reported without a field: show it on the territory input.
    if (apiError.code === 'TERRITORY_NOT_FOUND' && field === territoryField) return apiError.message;
    return undefined;
  };
  const fieldError = (field: Field): string | undefined => (edited.has(field) ? undefined : (clientErrors[field] ?? apiFieldError(field)));
  const shownOnFields = apiError !== null && FIELDS.some((field) => apiFieldError(field) !== undefined);
  // Messages for fields this form does not show, if any.
  const otherFieldMessages = apiError
    ? Object.entries(apiError.fields)
        .filter(([field]) => !(FIELDS as readonly string[]).includes(field))
        .flatMap(([, messages]) => messages)
    : [];
  const globalError = invite.error && (!shownOnFields || otherFieldMessages.length > 0) ? invite.error : null;

  const roles = state.type ? invitableRoles(me, state.type) : [];
  const update = (changes: Partial<FormState>) => {
    setState((current) => ({ ...current, ...changes }));
    const fields = (Object.keys(changes) as (keyof FormState)[]).map((key) => FIELD_OF_STATE[key]);
    setEdited((current) => new Set([...current, ...fields]));
  };
  const inputState = (field: Field) => (fieldError(field) ? ('error' as const) : ('default' as const));

  const focusFirstError = (errors: Partial<Record<Field, string>>) => {
    const first = FIELDS.find((field) => errors[field]);
    if (first) focusField(first);
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSuccess(null);
    const errors = checkForm(state);
    setClientErrors(errors);
    setEdited(new Set());
    if (Object.keys(errors).length > 0 || !state.type || !state.role) {
      focusFirstError(errors);
      return;
    }
    const input: InviteInput = {
      email: state.email.trim(),
      displayName: state.displayName.trim(),
      organisation: organisationOf(state, state.type),
      role: state.role,
    };
    invite.mutate(input, {
      onSuccess: (result) => {
        setSuccess(
          result.invitationSent
            ? `Invitation envoyée à ${result.email}.`
            : `Rôle ajouté au compte existant de ${result.email}.`,
        );
        setState(initialState(types));
        setClientErrors({});
        requestAnimationFrame(() => alertRef.current?.focus());
      },
      onError: (error) =>
        requestAnimationFrame(() => {
          const errors: Partial<Record<Field, string>> = {};
          if (isApiError(error)) {
            for (const field of FIELDS) {
              const message = error.fieldMessage(field);
              if (message) errors[field] = message;
            }
            if (error.code === 'TERRITORY_NOT_FOUND' && territoryField) errors[territoryField] = error.message;
          }
          if (Object.keys(errors).length > 0 && otherFieldMessagesOf(error).length === 0) focusFirstError(errors);
          else alertRef.current?.focus();
        }),
    });
  };

  return (
    <>
      <h1>Inviter une personne</h1>
      <p className={fr.cx('fr-text--lead')}>
        La personne reçoit par courriel un lien pour choisir son mot de passe. Si elle a déjà un
        compte, le rôle est ajouté à son compte.
      </p>
      <div ref={alertRef} tabIndex={-1} style={{ outline: 'none' }}>
        {success && (
          <Alert
            className={fr.cx('fr-mb-3w')}
            severity="success"
            role="status"
            title={success}
            description={
              <>
                <Link to="/administration">Voir les comptes</Link> ou invitez une autre personne
                ci-dessous.
              </>
            }
          />
        )}
        {globalError && (
          <Alert
            className={fr.cx('fr-mb-3w')}
            severity="error"
            role="alert"
            title="L'invitation n'a pas pu être envoyée"
            description={
              otherFieldMessages.length > 0 ? (
                <>
                  <span>{errorMessage(globalError)}</span>
                  <ul>
                    {otherFieldMessages.map((message) => (
                      <li key={message}>{message}</li>
                    ))}
                  </ul>
                </>
              ) : (
                errorMessage(globalError)
              )
            }
          />
        )}
      </div>
      <form onSubmit={handleSubmit} noValidate aria-label="Invitation" style={{ maxWidth: '40rem' }}>
        <fieldset className={fr.cx('fr-fieldset')} style={{ border: 0 }}>
          <legend className={fr.cx('fr-fieldset__legend', 'fr-h5')}>La personne</legend>
          <div className={fr.cx('fr-fieldset__element')}>
            <Input
              label="Adresse électronique"
              hintText="Format attendu : nom@domaine.fr"
              state={inputState('email')}
              stateRelatedMessage={fieldError('email')}
              nativeInputProps={{
                ref: refs.email,
                type: 'email',
                name: 'email',
                autoComplete: 'off',
                required: true,
                value: state.email,
                onChange: (e) => update({ email: e.currentTarget.value }),
              }}
            />
          </div>
          <div className={fr.cx('fr-fieldset__element')}>
            <Input
              label="Prénom et nom"
              hintText="Par exemple : Camille Martin"
              state={inputState('displayName')}
              stateRelatedMessage={fieldError('displayName')}
              nativeInputProps={{
                ref: refs.displayName,
                name: 'displayName',
                autoComplete: 'off',
                required: true,
                value: state.displayName,
                onChange: (e) => update({ displayName: e.currentTarget.value }),
              }}
            />
          </div>
        </fieldset>
        <fieldset className={fr.cx('fr-fieldset')} style={{ border: 0 }}>
          <legend className={fr.cx('fr-fieldset__legend', 'fr-h5')}>Son organisation et son rôle</legend>
          <div className={fr.cx('fr-fieldset__element')}>
            <Select
              label="Type d'organisation"
              state={inputState('organisation.type')}
              stateRelatedMessage={fieldError('organisation.type')}
              nativeSelectProps={{
                ref: typeRef,
                name: 'organisationType',
                required: true,
                value: state.type,
                onChange: (e) => {
                  const next = e.currentTarget.value;
                  const type = isOrganisationType(next) ? next : '';
                  const nextRoles = type ? invitableRoles(me, type) : [];
                  update({
                    type,
                    role: state.role && nextRoles.includes(state.role) ? state.role : nextRoles.length === 1 ? nextRoles[0] : '',
                  });
                },
              }}
            >
              <option value="" disabled>
                Sélectionnez un type
              </option>
              {types.map((type) => (
                <option key={type} value={type}>
                  {ORGANISATION_TYPE_LABELS[type]}
                </option>
              ))}
            </Select>
          </div>
          {state.type === 'commune' && (
            <div className={fr.cx('fr-fieldset__element')}>
              <CommunePicker
                value={state.commune}
                onChange={(commune) => update({ commune })}
                error={fieldError('organisation.communeInsee')}
                inputRef={refs['organisation.communeInsee']}
                departements={departements}
              />
            </div>
          )}
          {state.type === 'epci' && (
            <TextField
              label="SIREN de l'EPCI"
              hint="9 chiffres, par exemple 200067189"
              field="organisation.epciSiren"
              value={state.epciSiren}
              onChange={(epciSiren) => update({ epciSiren })}
              error={fieldError('organisation.epciSiren')}
              inputRef={refs['organisation.epciSiren']}
              inputMode="numeric"
            />
          )}
          {state.type === 'prefecture' && (
            <TextField
              label="Code du département"
              hint="Par exemple 23, 2A ou 971"
              field="organisation.departementCode"
              value={state.departementCode}
              onChange={(departementCode) => update({ departementCode })}
              error={fieldError('organisation.departementCode')}
              inputRef={refs['organisation.departementCode']}
            />
          )}
          {state.type === 'sgar' && (
            <TextField
              label="Code de la région"
              hint="Code INSEE de la région, par exemple 75 pour la Nouvelle-Aquitaine"
              field="organisation.regionCode"
              value={state.regionCode}
              onChange={(regionCode) => update({ regionCode })}
              error={fieldError('organisation.regionCode')}
              inputRef={refs['organisation.regionCode']}
              inputMode="numeric"
            />
          )}
          {state.type === 'partenaire' && (
            <TextField
              label="Nom du partenaire"
              hint="Par exemple : Banque des Territoires"
              field="organisation.nom"
              value={state.nom}
              onChange={(nom) => update({ nom })}
              error={fieldError('organisation.nom')}
              inputRef={refs['organisation.nom']}
            />
          )}
          <div className={fr.cx('fr-fieldset__element')}>
            <Select
              label="Rôle"
              hint={state.type ? undefined : "Choisissez d'abord le type d'organisation."}
              disabled={!state.type}
              state={inputState('role')}
              stateRelatedMessage={fieldError('role')}
              nativeSelectProps={{
                ref: roleRef,
                name: 'role',
                required: true,
                value: state.role,
                onChange: (e) => {
                  const next = e.currentTarget.value;
                  update({ role: isRole(next) ? next : '' });
                },
              }}
            >
              <option value="" disabled>
                Sélectionnez un rôle
              </option>
              {roles.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
            </Select>
          </div>
        </fieldset>
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md', 'fr-btns-group--icon-left')}>
          <li>
            <Button type="submit" iconId="fr-icon-send-plane-line" disabled={invite.isPending}>
              {invite.isPending ? 'Envoi en cours…' : "Envoyer l'invitation"}
            </Button>
          </li>
          <li>
            <Link to="/administration" className={fr.cx('fr-btn', 'fr-btn--secondary')}>
              Retour aux comptes
            </Link>
          </li>
        </ul>
      </form>
    </>
  );
}

function otherFieldMessagesOf(error: unknown): string[] {
  if (!isApiError(error)) return [];
  return Object.entries(error.fields)
    .filter(([field]) => !(FIELDS as readonly string[]).includes(field))
    .flatMap(([, messages]) => messages);
}

function TextField({
  label,
  hint,
  field,
  value,
  onChange,
  error,
  inputRef,
  inputMode,
}: {
  label: string;
  hint: string;
  field: Field;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  inputRef: RefObject<HTMLInputElement | null>;
  inputMode?: 'numeric';
}) {
  return (
    <div className={fr.cx('fr-fieldset__element')}>
      <Input
        label={label}
        hintText={hint}
        state={error ? 'error' : 'default'}
        stateRelatedMessage={error}
        nativeInputProps={{
          ref: inputRef,
          name: field,
          autoComplete: 'off',
          required: true,
          inputMode,
          value,
          onChange: (e) => onChange(e.currentTarget.value),
        }}
      />
    </div>
  );
}
