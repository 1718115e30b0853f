import { api, unwrap, type ApiResponse, type components } from '@suivi-pvd/api-client';
import type { ParametreCle } from '@suivi-pvd/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export type ParametresList = ApiResponse<'/api/programme/parametres', 'get'>;
export type Parametre = ParametresList['parametres'][number];
export type ParametreValeurRow = Parametre['valeurs'][number];
export type ParametreStatut = ParametreValeurRow['statut'];

export type FinanceursList = ApiResponse<'/api/financeurs', 'get'>;
export type Financeur = FinanceursList['financeurs'][number];
export type OrganisationPartenaire = FinanceursList['organisationsPartenaires'][number];

/**
 * A new dated value: `valeur` is a number, an ISO date, null (« sans fin ») or a list of operation
 * types; it applies from `dateEffet` and was decided on `decideLe`, with the decision's reference.
 */
export interface NouvelleValeur {
  cle: ParametreCle;
  valeur: unknown;
  dateEffet: string;
  decideLe: string;
  reference: string | null;
}

export interface FinanceurInput {
  nom: string;
  organisationId: string | null;
  actif: boolean;
}

type NouvelleValeurBody = components['schemas']['NouvelleValeurInput'];

export const parametresKeys = {
  all: ['programme', 'parametres'] as const,
  financeurs: ['financeurs'] as const,
};

/** Every programme parameter with its dated values (past, in force, to come). */
export function useParametres() {
  return useQuery({
    queryKey: parametresKeys.all,
    queryFn: ({ signal }) => unwrap(api.GET('/api/programme/parametres', { signal })),
  });
}

/**
 * Records a new value from a date (retroactive ones with their decision's reference). The API
 * answers with the whole list, which replaces the cached one; the posts' subsidies computed from
 * the parameters become stale (the API recomputes them and writes their history in the background).
 */
export function useAddParametreValeur() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NouvelleValeur) =>
      unwrap(
        api.POST('/api/programme/parametres', {
          // The OpenAPI schema types the free-form `valeur` as an object: it is any JSON value.
          body: {
            cle: input.cle,
            valeur: input.valeur as NouvelleValeurBody['valeur'],
            dateEffet: input.dateEffet,
            decideLe: input.decideLe,
            reference: input.reference,
          },
        }),
      ),
    onSuccess: (data) => {
      queryClient.setQueryData(parametresKeys.all, data);
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== parametresKeys.all[0] });
    },
  });
}

/** Cancels a value that does not apply yet (409 PARAMETRE_ALREADY_APPLIED otherwise). */
export function useCancelParametreValeur() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/programme/parametres/{id}', { params: { path: { id } } })),
    onSuccess: (data) => {
      queryClient.setQueryData(parametresKeys.all, data);
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== parametresKeys.all[0] });
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: parametresKeys.all }),
  });
}

/** The funders' list, with the partner organisations a funder can be linked to. */
export function useFinanceurs() {
  return useQuery({
    queryKey: parametresKeys.financeurs,
    queryFn: ({ signal }) => unwrap(api.GET('/api/financeurs', { signal })),
  });
}

/** Adds a funder to the list. */
export function useCreateFinanceur() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: FinanceurInput) => unwrap(api.POST('/api/financeurs', { body: input })),
    onSuccess: (data) => queryClient.setQueryData(parametresKeys.financeurs, data),
  });
}

/** Renames, (de)activates or links a funder. A stale `version` gets a 409 VERSION_CONFLICT. */
export function useUpdateFinanceur(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: FinanceurInput & { version: number }) =>
      unwrap(api.PATCH('/api/financeurs/{id}', { params: { path: { id } }, body: input })),
    onSuccess: (data) => queryClient.setQueryData(parametresKeys.financeurs, data),
  });
}
