import { isApiError } from '@suivi-pvd/api-client';
import type { UseMutationResult } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { checkNewPassword, type NewPassword, type NewPasswordErrors } from './new-password-fields';

/**
 * State of a form that sends a new password with the token of an emailed link (invitation,
 * reset): client checks, API field errors beside the inputs, an invalid link told apart from
 * other failures, and focus moved to what needs attention.
 */
export function useTokenPasswordForm<TData>(
  mutation: UseMutationResult<TData, unknown, { token: string; password: string }>,
  token: string,
  onSuccess?: () => void,
) {
  const [value, setValue] = useState<NewPassword>({ password: '', confirmation: '' });
  const [clientErrors, setClientErrors] = useState<NewPasswordErrors>({});
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmationRef = useRef<HTMLInputElement>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  const apiError = isApiError(mutation.error) ? mutation.error : null;
  const errors: NewPasswordErrors = {
    password: clientErrors.password ?? apiError?.fieldMessage('password'),
    confirmation: clientErrors.confirmation,
  };
  const tokenInvalid = !token || apiError?.code === 'TOKEN_INVALID' || apiError?.fieldMessage('token') !== undefined;
  const globalError = mutation.error && !apiError?.fieldMessage('password') && !tokenInvalid ? mutation.error : null;

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = checkNewPassword(value, '');
    setClientErrors(problems);
    if (problems.password) return passwordRef.current?.focus();
    if (problems.confirmation) return confirmationRef.current?.focus();
    mutation.mutate(
      { token, password: value.password },
      {
        onSuccess: () => onSuccess?.(),
        onSettled: (_data, error) =>
          requestAnimationFrame(() => {
            if (isApiError(error) && error.fieldMessage('password')) passwordRef.current?.focus();
            else alertRef.current?.focus();
          }),
      },
    );
  };

  return { value, setValue, errors, apiError, tokenInvalid, globalError, passwordRef, confirmationRef, alertRef, handleSubmit };
}
