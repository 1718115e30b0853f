import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { useNavigate } from 'react-router';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useAcceptInvitation } from './data/account.hooks';
import { NewPasswordFields } from './new-password-fields';
import { useTokenPasswordForm } from './use-token-password-form';

/** Accepts an invitation (?jeton=): the person chooses a password and is signed in. */
export function InvitationForm({ token }: { token: string }) {
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const { value, setValue, errors, apiError, tokenInvalid, globalError, passwordRef, confirmationRef, alertRef, handleSubmit } =
    useTokenPasswordForm(accept, token, () => void navigate('/', { replace: true }));

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
            <QueryErrorAlert spacing="fr-mb-3w" title="L'activation du compte a échoué" error={globalError} />
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
