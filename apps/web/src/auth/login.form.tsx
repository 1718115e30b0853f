import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { isApiError } from '@suivi-pvd/api-client';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../app/query-error-alert';
import { useLogin } from './data/session.hooks';

type Field = 'email' | 'password';

export function LoginForm({ redirectTo }: { redirectTo: string }) {
  const login = useLogin();
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
        <p>Connectez-vous avec l'adresse électronique et le mot de passe de votre compte.</p>
        {globalError && (
          <div ref={alertRef} tabIndex={-1} style={{ outline: 'none' }}>
            <Alert
              className={fr.cx('fr-mb-3w')}
              severity="error"
              role="alert"
              title={
                isApiError(globalError) && globalError.code === 'INVALID_CREDENTIALS'
                  ? 'Identifiants incorrects'
                  : 'La connexion a échoué'
              }
              description={errorMessage(globalError)}
            />
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
