import { api, unwrap } from '@suivi-pvd/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sessionKeys, startSession } from './session.hooks';

export interface TokenPassword {
  token: string;
  password: string;
}

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

const NEUTRAL_RESET_MESSAGE =
  'Si un compte existe pour cette adresse, un lien de réinitialisation vient d’y être envoyé.';

/** The `message` of a JSON body, when there is one. */
function messageOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('message' in body)) return null;
  return typeof body.message === 'string' && body.message ? body.message : null;
}

/** Accepts an invitation: sets the password and opens a session for the new account. */
export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TokenPassword) =>
      unwrap(api.POST('/api/auth/invitation/acceptation', { body: input })),
    onSuccess: (me) => {
      startSession(queryClient, me);
      void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
    },
  });
}

/** Asks for a reset link; resolves with the API's neutral message (same answer for any address). */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: async (email: string): Promise<string> => {
      const body: unknown = await unwrap(
        api.POST('/api/auth/reinitialisation/demande', { body: { email } }),
      );
      return messageOf(body) ?? NEUTRAL_RESET_MESSAGE;
    },
  });
}

/** Sets a new password with the token of a reset link. Every open session ends. */
export function useConfirmPasswordReset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: TokenPassword): Promise<void> => {
      await unwrap(api.POST('/api/auth/reinitialisation/confirmation', { body: input }));
    },
    // Sessions opened before the reset are closed by the API, this browser's included.
    onSuccess: () => startSession(queryClient, null),
  });
}

/** Changes the signed-in user's password; the API replaces the session with a new one. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PasswordChange) => unwrap(api.POST('/api/auth/mot-de-passe', { body: input })),
    onSuccess: (me) => queryClient.setQueryData(sessionKeys.me, me),
  });
}
