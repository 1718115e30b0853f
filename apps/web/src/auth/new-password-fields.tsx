import { fr } from '@codegouvfr/react-dsfr';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { passwordProblem } from '@suivi-pvd/domain';
import type { RefObject } from 'react';

export const PASSWORD_HINT =
  '12 caractères au moins. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.';

export interface NewPassword {
  password: string;
  confirmation: string;
}

export type NewPasswordErrors = Partial<Record<keyof NewPassword, string>>;

/** Client-side checks of a new password and its confirmation (the API checks again). */
export function checkNewPassword(value: NewPassword, email: string): NewPasswordErrors {
  const errors: NewPasswordErrors = {};
  if (!value.password) errors.password = 'Saisissez un mot de passe.';
  else {
    const problem = passwordProblem(value.password, email);
    if (problem) errors.password = problem;
  }
  if (!value.confirmation) errors.confirmation = 'Saisissez de nouveau le mot de passe.';
  else if (value.password && value.confirmation !== value.password) {
    errors.confirmation = 'Les deux mots de passe ne sont pas identiques.';
  }
  return errors;
}

/** "New password" and "confirmation" inputs, each with its error message. */
export function NewPasswordFields({
  value,
  onChange,
  errors,
  passwordRef,
  confirmationRef,
  label = 'Nouveau mot de passe',
  name = 'new-password',
}: {
  value: NewPassword;
  onChange: (value: NewPassword) => void;
  errors: NewPasswordErrors;
  passwordRef: RefObject<HTMLInputElement | null>;
  confirmationRef: RefObject<HTMLInputElement | null>;
  label?: string;
  name?: string;
}) {
  return (
    <>
      <div className={fr.cx('fr-fieldset__element')}>
        <Input
          label={label}
          hintText={PASSWORD_HINT}
          state={errors.password ? 'error' : 'default'}
          stateRelatedMessage={errors.password}
          nativeInputProps={{
            ref: passwordRef,
            type: 'password',
            name,
            autoComplete: 'new-password',
            required: true,
            value: value.password,
            onChange: (e) => onChange({ ...value, password: e.currentTarget.value }),
          }}
        />
      </div>
      <div className={fr.cx('fr-fieldset__element')}>
        <Input
          label="Confirmation du mot de passe"
          hintText="Saisissez le même mot de passe."
          state={errors.confirmation ? 'error' : 'default'}
          stateRelatedMessage={errors.confirmation}
          nativeInputProps={{
            ref: confirmationRef,
            type: 'password',
            name: `${name}-confirmation`,
            autoComplete: 'new-password',
            required: true,
            value: value.confirmation,
            onChange: (e) => onChange({ ...value, confirmation: e.currentTarget.value }),
          }}
        />
      </div>
    </>
  );
}
