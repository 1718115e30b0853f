import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { isApiError } from '@suivi-pvd/api-client';
import { useRef, useState, type FormEvent } from 'react';
import { QueryErrorAlert } from '../app/query-error-alert';
import { useChangePassword } from './data/account.hooks';
import {
  checkNewPassword,
  NewPasswordFields,
  type NewPassword,
  type NewPasswordErrors,
} from './new-password-fields';

type Errors = NewPasswordErrors & { current?: string };

/** Changes the signed-in user's password (current one required). */
export function ChangePasswordForm({ email }: { email: string }) {
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [value, setValue] = useState<NewPassword>({ password: '', confirmation: '' });
  const [clientErrors, setClientErrors] = useState<Errors>({});
  const currentRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmationRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const apiError = isApiError(change.error) ? change.error : null;
  const errors: Errors = {
    current: clientErrors.current ?? apiError?.fieldMessage('currentPassword'),
    password: clientErrors.password ?? apiError?.fieldMessage('newPassword'),
    confirmation: clientErrors.confirmation,
  };
  const hasFieldErrors =
    apiError !== null && (apiError.fieldMessage('currentPassword') ?? apiError.fieldMessage('newPassword')) !== undefined;
  const globalError = change.error && !hasFieldErrors ? change.error : null;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: Errors = checkNewPassword(value, email);
    if (!current) problems.current = 'Saisissez votre mot de passe actuel.';
    setClientErrors(problems);
    if (problems.current) return currentRef.current?.focus();
    if (problems.password) return passwordRef.current?.focus();
    if (problems.confirmation) return confirmationRef.current?.focus();
    change.mutate(
      { currentPassword: current, newPassword: value.password },
      {
        onSuccess: () => {
          setCurrent('');
          setValue({ password: '', confirmation: '' });
        },
        onSettled: (_me, error) =>
          requestAnimationFrame(() => {
            if (isApiError(error) && error.fieldMessage('currentPassword')) currentRef.current?.focus();
            else if (isApiError(error) && error.fieldMessage('newPassword')) passwordRef.current?.focus();
            else alertRef.current?.focus();
          }),
      },
    );
  };

  return (
    <section aria-labelledby="mot-de-passe-titre" className={fr.cx('fr-mb-6w')}>
      <h2 id="mot-de-passe-titre">Changer de mot de passe</h2>
      <div ref={alertRef} tabIndex={-1} style={{ outline: 'none' }}>
        {change.isSuccess && (
          <Alert
            className={fr.cx('fr-mb-3w')}
            severity="success"
            role="status"
            small
            description="Votre mot de passe a été modifié. Vos autres sessions ont été fermées."
          />
        )}
        {globalError && (
          <QueryErrorAlert spacing="fr-mb-3w" title="Le mot de passe n'a pas pu être modifié" error={globalError} />
        )}
      </div>
      <form onSubmit={handleSubmit} noValidate aria-labelledby="mot-de-passe-titre" style={{ maxWidth: '36rem' }}>
        <fieldset className={fr.cx('fr-fieldset')} style={{ border: 0 }}>
          <legend className={fr.cx('fr-sr-only')}>Mot de passe actuel et nouveau mot de passe</legend>
          <div className={fr.cx('fr-fieldset__element')}>
            <Input
              label="Mot de passe actuel"
              state={errors.current ? 'error' : 'default'}
              stateRelatedMessage={errors.current}
              nativeInputProps={{
                ref: currentRef,
                type: 'password',
                name: 'current-password',
                autoComplete: 'current-password',
                required: true,
                value: current,
                onChange: (e) => setCurrent(e.currentTarget.value),
              }}
            />
          </div>
          <NewPasswordFields
            value={value}
            onChange={setValue}
            errors={errors}
            passwordRef={passwordRef}
            confirmationRef={confirmationRef}
          />
          <div className={fr.cx('fr-fieldset__element')}>
            <Button type="submit" disabled={change.isPending}>
              {change.isPending ? 'Enregistrement…' : 'Changer de mot de passe'}
            </Button>
          </div>
        </fieldset>
      </form>
    </section>
  );
}
