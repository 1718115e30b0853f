import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import type { DiscussionItemType } from '@suivi-pvd/domain';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useUpload } from '../../app/use-upload';

export type Fil = ApiResponse<'/api/discussions/{type}/{id}/messages', 'get'>;
export type Message = Fil['messages'][number];
export type Personne = ApiResponse<'/api/discussions/{type}/{id}/personnes', 'get'>[number];

export const discussionKeys = {
  fil: (type: DiscussionItemType, id: string) => ['discussions', type, id] as const,
  personnes: (type: DiscussionItemType, id: string, q: string, interne: boolean) => ['discussions', type, id, 'personnes', q, interne] as const,
};

/** The thread of an item, newest first, a page at a time (`fetchNextPage` loads older messages). */
export function useFil(type: DiscussionItemType, id: string) {
  return useInfiniteQuery({
    queryKey: discussionKeys.fil(type, id),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }): Promise<Fil> =>
      unwrap(api.GET('/api/discussions/{type}/{id}/messages', { params: { path: { type, id }, query: pageParam ? { curseur: pageParam } : {} }, signal })),
    getNextPageParam: (last) => last.suivant,
  });
}

/** The people who see the item, to mention (empty search: the first ten). */
export function usePersonnes(type: DiscussionItemType, id: string, q: string, interne: boolean, enabled: boolean) {
  return useQuery({
    queryKey: discussionKeys.personnes(type, id, q, interne),
    queryFn: ({ signal }) => unwrap(api.GET('/api/discussions/{type}/{id}/personnes', { params: { path: { type, id }, query: { q, interne: interne ? 'true' : 'false' } }, signal })),
    enabled,
  });
}

function useRefreshFil(type: DiscussionItemType, id: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: discussionKeys.fil(type, id) });
}

export function usePostMessage(type: DiscussionItemType, id: string) {
  const refresh = useRefreshFil(type, id);
  return useMutation({
    mutationFn: (input: { texte: string; mentions: string[]; interne: boolean }) =>
      unwrap(api.POST('/api/discussions/{type}/{id}/messages', { params: { path: { type, id } }, body: input })),
    onSuccess: () => refresh(),
  });
}

export function useUpdateMessage(type: DiscussionItemType, id: string) {
  const refresh = useRefreshFil(type, id);
  return useMutation({
    mutationFn: (input: { messageId: string; texte: string; mentions: string[]; version: number }) =>
      unwrap(api.PATCH('/api/discussions/messages/{id}', { params: { path: { id: input.messageId } }, body: { texte: input.texte, mentions: input.mentions, version: input.version } })),
    onSuccess: () => refresh(),
  });
}

export function useDeleteMessage(type: DiscussionItemType, id: string) {
  const refresh = useRefreshFil(type, id);
  return useMutation({
    mutationFn: (input: { messageId: string; version: number }) =>
      unwrap(api.DELETE('/api/discussions/messages/{id}', { params: { path: { id: input.messageId }, query: { version: input.version } } })),
    onSuccess: () => refresh(),
  });
}

/** Attaches a file to one's message (within its edit window). */
export function useAddPieceJointe(type: DiscussionItemType, id: string) {
  const refresh = useRefreshFil(type, id);
  return useUpload<{ messageId: string; fichier: File }, Message>((input) => {
    const form = new FormData();
    form.append('fichier', input.fichier, input.fichier.name);
    return { url: `/api/discussions/messages/${encodeURIComponent(input.messageId)}/pieces-jointes`, form };
  }, () => void refresh());
}
