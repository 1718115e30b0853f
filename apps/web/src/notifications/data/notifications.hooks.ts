import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import type { NotificationDelivery, NotificationKind } from '@suivi-pvd/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export type NotificationPage = ApiResponse<'/api/notifications', 'get'>;
export type NotificationItem = NotificationPage['items'][number];
export type Preference = ApiResponse<'/api/notifications/preferences', 'get'>['items'][number];
export type UnsubscribeInfo = ApiResponse<'/api/notifications/desabonnement', 'get'>;

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  list: (unreadOnly: boolean, page: number) => ['notifications', 'list', unreadOnly, page] as const,
  preferences: ['notifications', 'preferences'] as const,
  unsubscribe: (token: string) => ['notifications', 'unsubscribe', token] as const,
};

/** The header's count; refreshed every minute and when the window regains focus. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: ({ signal }) => unwrap(api.GET('/api/notifications/non-lues', { signal })),
    enabled,
    refetchInterval: 60_000,
  });
}

export const NOTIFICATIONS_PAGE_SIZE = 20;

export function useNotifications(unreadOnly: boolean, page: number) {
  return useQuery({
    queryKey: notificationKeys.list(unreadOnly, page),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/notifications', { params: { query: { nonLues: unreadOnly || undefined, page, pageSize: NOTIFICATIONS_PAGE_SIZE } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/notifications/{id}/lue', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/notifications/lues')),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function usePreferences() {
  return useQuery({
    queryKey: notificationKeys.preferences,
    queryFn: ({ signal }) => unwrap(api.GET('/api/notifications/preferences', { signal })),
  });
}

export function useSetPreference() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, delivery, version }: { kind: NotificationKind; delivery: NotificationDelivery; version: number }) =>
      unwrap(api.PUT('/api/notifications/preferences/{kind}', { params: { path: { kind } }, body: { delivery, version } })),
    onSuccess: (data) => queryClient.setQueryData(notificationKeys.preferences, data),
    // A 409 means the choice changed elsewhere: reload it.
    onError: () => queryClient.invalidateQueries({ queryKey: notificationKeys.preferences }),
  });
}

export function useUnsubscribeInfo(token: string) {
  return useQuery({
    queryKey: notificationKeys.unsubscribe(token),
    queryFn: ({ signal }) => unwrap(api.GET('/api/notifications/desabonnement', { params: { query: { jeton: token } }, signal })),
    enabled: token.length > 0,
    retry: false,
  });
}

export function useUnsubscribe(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/notifications/desabonnement', { params: { query: { jeton: token } } })),
    onSuccess: (data) => queryClient.setQueryData(notificationKeys.unsubscribe(token), data),
  });
}
