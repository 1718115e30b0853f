import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { isApiError } from '@suivi-pvd/api-client';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useRequestPasswordReset } from './data/account.hooks';

/** Asks for a reset link by email; the answer is the same whether the account exists or not. */
export function ForgotPasswordForm() {
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  const [clientError, setClientError] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const apiError = isApiError(request.error) ? request.error : null;
  const fieldError = clientError ?? apiError?.fieldMessage('email');
  const globalError = request.error && !apiError?.fieldMessage('email') ? request.error : null;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!email.trim()) {
      setClientError('Saisissez votre adresse électronique.');
      emailRef.current?.focus();
      return;
    }
    setClientError(null);
    request.mutate(email.trim(), {
      onSettled: (_message, error) =>
        requestAnimationFrame(() => {
          if (isApiError(error) && error.fieldMessage('email')) emailRef.current?.focus();
          else resultRef.current?.focus();
        }),
    });
  };

  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
        <h1>Mot de passe oublié</h1>
        <div ref={resultRef} tabIndex={-1} style={{ outline: 'none' }}>
          {request.isSuccess && (
            <Alert
              className={fr.cx('fr-mb-3w')}
              severity="success"
              role="status"
              title="Demande enregistrée"
              description={
                <>
                  <span>{request.data}</span>{' '}
                  <span>Le lien est valable une heure. Pensez à vérifier vos courriers indésirables.</span>
                </>
              }
            />
          )}
          {globalError && (
            <QueryErrorAlert spacing="fr-mb-3w" title="La demande n'a pas pu être envoyée" error={globalError} />
          )}
        </div>
        {!request.isSuccess && (
          <>
            <p>
              Saisissez l'adresse électronique de votre compte : vous recevrez un lien pour choisir un
              nouveau mot de passe.
            </p>
            <form onSubmit={handleSubmit} noValidate aria-label="Demande de réinitialisation">
              <Input
                label="Adresse électronique"
                hintText="Format attendu : nom@domaine.fr"
                state={fieldError ? 'error' : 'default'}
                stateRelatedMessage={fieldError}
                nativeInputProps={{
                  ref: emailRef,
                  type: 'email',
                  name: 'email',
                  autoComplete: 'email',
                  required: true,
                  value: email,
                  onChange: (e) => setEmail(e.currentTarget.value),
                }}
              />
              <Button type="submit" disabled={request.isPending}>
                {request.isPending ? 'Envoi en cours…' : 'Recevoir un lien'}
              </Button>
            </form>
          </>
        )}
        <p className={fr.cx('fr-mt-4w')}>
          <Link to="/connexion" className={fr.cx('fr-link', 'fr-icon-arrow-left-line', 'fr-link--icon-left')}>
            Retour à la connexion
          </Link>
        </p>
      </div>
    </div>
  );
}
