import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { isApiError } from '@suivi-pvd/api-client';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../app/query-error-alert';
import { useAcceptInvitation } from './data/account.hooks';
import {
  checkNewPassword,
  NewPasswordFields,
  type NewPassword,
  type NewPasswordErrors,
} from './new-password-fields';

/** Accepts an invitation (?jeton=): the person chooses a password and is signed in. */
export function InvitationForm({ token }: { token: string }) {
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const [value, setValue] = useState<NewPassword>({ password: '', confirmation: '' });
  const [clientErrors, setClientErrors] = useState<NewPasswordErrors>({});
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmationRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const apiError = isApiError(accept.error) ? accept.error : null;
  const errors: NewPasswordErrors = {
    password: clientErrors.password ?? apiError?.fieldMessage('password'),
    confirmation: clientErrors.confirmation,
  };
  // A malformed token is rejected as a validation error on `token`.
  const tokenInvalid = !token || apiError?.code === 'TOKEN_INVALID' || apiError?.fieldMessage('token') !== undefined;
  const globalError = accept.error && !apiError?.fieldMessage('password') && !tokenInvalid ? accept.error : null;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = checkNewPassword(value, '');
    setClientErrors(problems);
    if (problems.password) return passwordRef.current?.focus();
    if (problems.confirmation) return confirmationRef.current?.focus();
    accept.mutate(
      { token, password: value.password },
      {
        onSuccess: () => void navigate('/', { replace: true }),
        onError: (error) =>
          requestAnimationFrame(() => {
            if (isApiError(error) && error.fieldMessage('password')) passwordRef.current?.focus();
            else alertRef.current?.focus();
          }),
      },
    );
  };

  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
        <h1>Bienvenue sur Suivi PVD</h1>
        <p className={fr.cx('fr-text--lead')}>
          Vous avez été invité à rejoindre la plateforme de suivi du programme Petites villes de
          demain.
        </p>
        <div ref={alertRef} tabIndex={-1} style={{ outline: 'none' }}>
          {tokenInvalid && (
            <Alert
              className={fr.cx('fr-mb-3w')}
              severity="error"
              role="alert"
              title="Cette invitation n'est plus valable"
              description={
                <>
                  {apiError?.code === 'TOKEN_INVALID' ? apiError.message : "Le lien d'invitation est incomplet ou erroné."}{' '}
                  Une invitation ne sert qu'une fois et expire au bout de quelques jours : demandez à la
                  personne qui vous a invité de vous envoyer une nouvelle invitation.
                </>
              }
            />
          )}
          {globalError && (
            <Alert
              className={fr.cx('fr-mb-3w')}
              severity="error"
              role="alert"
              title="L'activation du compte a échoué"
              description={errorMessage(globalError)}
            />
          )}
        </div>
        {!tokenInvalid && (
          <>
            <p>Pour activer votre compte, choisissez votre mot de passe.</p>
            <form onSubmit={handleSubmit} noValidate aria-label="Activation du compte">
              <fieldset className={fr.cx('fr-fieldset')} style={{ border: 0 }}>
                <legend className={fr.cx('fr-sr-only')}>Votre mot de passe</legend>
                <NewPasswordFields
                  value={value}
                  onChange={setValue}
                  errors={errors}
                  passwordRef={passwordRef}
                  confirmationRef={confirmationRef}
                  label="Mot de passe"
                />
                <div className={fr.cx('fr-fieldset__element')}>
                  <Button type="submit" disabled={accept.isPending}>
                    {accept.isPending ? 'Activation en cours…' : 'Activer mon compte'}
                  </Button>
                </div>
              </fieldset>
            </form>
          </>
        )}
      </div>
    </div>
  );
}
