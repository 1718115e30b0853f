import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Link } from 'react-router';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useConfirmPasswordReset } from './data/account.hooks';
import { NewPasswordFields } from './new-password-fields';
import { useTokenPasswordForm } from './use-token-password-form';

/** Chooses a new password with the token of a reset link (?jeton=). */
export function ResetPasswordForm({ token }: { token: string }) {
  const confirm = useConfirmPasswordReset();
  const { value, setValue, errors, apiError, tokenInvalid, globalError, passwordRef, confirmationRef, alertRef, handleSubmit } =
    useTokenPasswordForm(confirm, token);

  return (
    <div className={fr.cx('fr-grid-row', 'fr-grid-row--center')}>
      <div className={fr.cx('fr-col-12', 'fr-col-md-8', 'fr-col-lg-6')}>
        <h1>Choisir un nouveau mot de passe</h1>
        <div ref={alertRef} tabIndex={-1} style={{ outline: 'none' }}>
          {confirm.isSuccess && (
            <Alert
              className={fr.cx('fr-mb-3w')}
              severity="success"
              role="status"
              title="Mot de passe modifié"
              description={
                <>
                  Votre nouveau mot de passe est enregistré. Par sécurité, toutes vos sessions ont été
                  fermées. <Link to="/connexion">Se connecter</Link>
                </>
              }
            />
          )}
          {tokenInvalid && (
            <Alert
              className={fr.cx('fr-mb-3w')}
              severity="error"
              role="alert"
              title="Ce lien n'est plus valable"
              description={
                <>
                  {apiError?.code === 'TOKEN_INVALID'
                    ? apiError.message
                    : 'Le lien de réinitialisation est incomplet ou erroné.'}{' '}
                  Un lien de réinitialisation ne sert qu'une fois et expire au bout d'une heure.{' '}
                  <Link to="/mot-de-passe-oublie">Demander un nouveau lien</Link>
                </>
              }
            />
          )}
          {globalError && (
            <QueryErrorAlert spacing="fr-mb-3w" title="Le mot de passe n'a pas pu être modifié" error={globalError} />
          )}
        </div>
        {!confirm.isSuccess && !tokenInvalid && (
          <form onSubmit={handleSubmit} noValidate aria-label="Réinitialisation du mot de passe">
            <fieldset className={fr.cx('fr-fieldset')} style={{ border: 0 }}>
              <legend className={fr.cx('fr-sr-only')}>Nouveau mot de passe</legend>
              <NewPasswordFields
                value={value}
                onChange={setValue}
                errors={errors}
                passwordRef={passwordRef}
                confirmationRef={confirmationRef}
              />
              <div className={fr.cx('fr-fieldset__element')}>
                <Button type="submit" disabled={confirm.isPending}>
                  {confirm.isPending ? 'Enregistrement…' : 'Enregistrer le mot de passe'}
                </Button>
              </div>
            </fieldset>
          </form>
        )}
      </div>
    </div>
  );
}
