import { api, unwrap, type ApiResponse, type components } from '@suivi-pvd/api-client';
import type { Role } from '@suivi-pvd/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { organisationKeys } from './organisations.hooks';

export type UserPage = ApiResponse<'/api/comptes', 'get'>;
export type UserAccount = UserPage['items'][number];
export type UserMembership = UserAccount['memberships'][number];
export type InviteResult = ApiResponse<'/api/comptes/invitations', 'post'>;
export type InviteInput = components['schemas']['InviteInput'];

export interface ComptesParams {
  q: string;
  page: number;
}

export const compteKeys = {
  all: ['comptes'] as const,
  list: (params: ComptesParams) => ['comptes', 'list', params] as const,
};

/** Puts the account returned by a mutation into every cached page that lists it. */
function storeAccount(queryClient: QueryClient, account: UserAccount): void {
  queryClient.setQueriesData<UserPage>({ queryKey: compteKeys.all }, (page) =>
    page ? { ...page, items: page.items.map((item) => (item.id === account.id ? account : item)) } : page,
  );
}

/** Accounts the user may see (all of them for an administrator, their département's for a préfecture). */
export function useComptes(params: ComptesParams) {
  return useQuery({
    queryKey: compteKeys.list(params),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/comptes', {
          params: { query: { ...(params.q ? { q: params.q } : {}), page: params.page } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export function useInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteInput) => unwrap(api.POST('/api/comptes/invitations', { body: input })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: compteKeys.all });
      void queryClient.invalidateQueries({ queryKey: organisationKeys.all });
    },
  });
}

export interface SetActiveInput {
  account: UserAccount;
  active: boolean;
}

/** Deactivates or reactivates an account, with the version read (409 when someone changed it since). */
export function useSetAccountActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ account, active }: SetActiveInput) => {
      const options = { params: { path: { id: account.id } }, body: { version: account.version } };
      return unwrap(
        active
          ? api.POST('/api/comptes/{id}/reactivation', options)
          : api.POST('/api/comptes/{id}/desactivation', options),
      );
    },
    onSuccess: (account) => storeAccount(queryClient, account),
    onError: () => void queryClient.invalidateQueries({ queryKey: compteKeys.all }),
  });
}

export interface ChangeRoleInput {
  account: UserAccount;
  membershipId: string;
  role: Role;
}

export function useChangeRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ account, membershipId, role }: ChangeRoleInput) =>
      unwrap(
        api.PATCH('/api/comptes/{id}/rattachements/{membershipId}', {
          params: { path: { id: account.id, membershipId } },
          body: { role, version: account.version },
        }),
      ),
    onSuccess: (account) => storeAccount(queryClient, account),
    onError: () => void queryClient.invalidateQueries({ queryKey: compteKeys.all }),
  });
}
