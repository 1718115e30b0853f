import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { ProConnectButton } from '@codegouvfr/react-dsfr/ProConnectButton';
import { isApiError } from '@suivi-pvd/api-client';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { QueryErrorAlert } from '../app/query-error-alert';
import { proConnectUrl, useLogin, useProConnectStatus } from './data/session.hooks';

type Field = 'email' | 'password';

function errorTitle(error: unknown): string {
  if (!isApiError(error)) return 'La connexion a échoué';
  if (error.code === 'INVALID_CREDENTIALS') return 'Identifiants incorrects';
  if (error.statusCode === 429) return 'Trop de tentatives de connexion';
  return 'La connexion a échoué';
}

/** Explanations for the `?erreur=` code the API adds when a ProConnect sign-in fails. */
const PROCONNECT_ERRORS: Record<string, string> = {
  'compte-inconnu':
    "Aucun compte Suivi PVD actif n'est associé à votre adresse ProConnect. Demandez une invitation à votre préfecture ou à l'administrateur de la plateforme.",
  'session-expiree': 'La demande de connexion a expiré ou a déjà servi. Recommencez la connexion avec ProConnect.',
};
const PROCONNECT_DEFAULT_ERROR =
  'Réessayez, ou connectez-vous avec votre adresse électronique et votre mot de passe.';

export function LoginForm({
  redirectTo,
  proConnectError = null,
}: {
  redirectTo: string;
  /** Code of the `?erreur=` parameter when the user came back from ProConnect without a session. */
  proConnectError?: string | null;
}) {
  const login = useLogin();
  const { data: proConnectEnabled = false } = useProConnectStatus();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [clientErrors, setClientErrors] = useState<Partial<Record<Field, string>>>({});
  const alertRef = useRef<HTMLDivElement>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const apiError = isApiError(login.error) ? login.error : null;
  const fieldError = (field: Field): string | undefined =>
    clientErrors[field] ?? apiError?.fieldMessage(field);
  // Field-level problems are shown on the inputs; anything else goes in the global alert.
  const hasFieldErrors = apiError !== null && Object.keys(apiError.fields).length > 0;
  const globalError = login.error && !hasFieldErrors ? login.error : null;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: Partial<Record<Field, string>> = {};
    if (!email.trim()) errors.email = 'Saisissez votre adresse électronique.';
    if (!password) errors.password = 'Saisissez votre mot de passe.';
    setClientErrors(errors);
    if (errors.email) return emailRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();

    login.mutate(
      { email: email.trim(), password },
      {
        onSuccess: () => void navigate(redirectTo, { replace: true }),
        onError: (error) => {
          if (isApiError(error) && error.fieldMessage('email')) emailRef.current?.focus();
          else if (isApiError(error) && error.fieldMessage('password')) passwordRef.current?.focus();
          else requestAnimationFrame(() => alertRef.current?.focus());
        },
      },
    );
  };

  const state = (field: Field) => (fieldError(field) ? ('error' as const) : ('default' as const));

  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
        <h1>Connexion à Suivi PVD</h1>
        {proConnectError !== null && !login.error && (
          <Alert
            className={fr.cx('fr-mb-3w')}
            severity="error"
            role="alert"
            title="La connexion avec ProConnect n'a pas abouti"
            // Fixed texts only: the code comes from the URL.
            description={
              Object.hasOwn(PROCONNECT_ERRORS, proConnectError)
                ? PROCONNECT_ERRORS[proConnectError]
                : PROCONNECT_DEFAULT_ERROR
            }
          />
        )}
        {proConnectEnabled && (
          <section aria-labelledby="proconnect-titre" className={fr.cx('fr-mb-4w')}>
            <h2 id="proconnect-titre" className={fr.cx('fr-h5')}>
              Avec ProConnect
            </h2>
            <p className={fr.cx('fr-text--sm')}>
              ProConnect est la solution proposée par l'État pour que les agents publics se connectent
              avec leur compte professionnel.
            </p>
            <ProConnectButton url={proConnectUrl(redirectTo)} />
            <p className={fr.cx('fr-hr-or', 'fr-mt-3w')}>ou</p>
          </section>
        )}
        {proConnectEnabled ? (
          <h2 className={fr.cx('fr-h5')}>Avec votre adresse électronique</h2>
        ) : null}
        <p>Connectez-vous avec l'adresse électronique et le mot de passe de votre compte.</p>
        {globalError && (
          <div ref={alertRef} tabIndex={-1} style={{ outline: 'none' }}>
            <QueryErrorAlert spacing="fr-mb-3w" title={errorTitle(globalError)} error={globalError} />
          </div>
        )}
        <form onSubmit={handleSubmit} noValidate aria-label="Connexion">
          <fieldset className={fr.cx('fr-fieldset')} style={{ border: 0 }}>
            <legend className={fr.cx('fr-sr-only')}>Identifiants</legend>
            <div className={fr.cx('fr-fieldset__element')}>
              <Input
                label="Adresse électronique"
                hintText="Format attendu : nom@domaine.fr"
                state={state('email')}
                stateRelatedMessage={fieldError('email')}
                nativeInputProps={{
                  ref: emailRef,
                  type: 'email',
                  name: 'email',
                  autoComplete: 'username',
                  required: true,
                  value: email,
                  onChange: (e) => setEmail(e.currentTarget.value),
                }}
              />
            </div>
            <div className={fr.cx('fr-fieldset__element')}>
              <Input
                label="Mot de passe"
                state={state('password')}
                stateRelatedMessage={fieldError('password')}
                nativeInputProps={{
                  ref: passwordRef,
                  type: 'password',
                  name: 'password',
                  autoComplete: 'current-password',
                  required: true,
                  value: password,
                  onChange: (e) => setPassword(e.currentTarget.value),
                }}
              />
              <p className={fr.cx('fr-mt-1w', 'fr-mb-0')}>
                <Link to="/mot-de-passe-oublie" className={fr.cx('fr-link', 'fr-text--sm')}>
                  Mot de passe oublié ?
                </Link>
              </p>
            </div>
            <div className={fr.cx('fr-fieldset__element')}>
              <Button type="submit" disabled={login.isPending}>
                {login.isPending ? 'Connexion en cours…' : 'Se connecter'}
              </Button>
            </div>
          </fieldset>
        </form>
      </div>
    </div>
  );
}
