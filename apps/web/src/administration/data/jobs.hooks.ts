import { api, unwrap, type ApiResponse } from '@suivi-pvd/api-client';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

export type JobPage = ApiResponse<'/api/jobs', 'get'>;
export type Job = JobPage['items'][number];
export type JobState = Job['state'];

export interface JobsParams {
  /** Empty for every state. */
  state: JobState | '';
  page: number;
}

export const jobKeys = {
  all: ['jobs'] as const,
  list: (params: JobsParams) => ['jobs', 'list', params] as const,
};

/** Background jobs, most recent first; refreshed every few seconds while some wait or run. */
export function useJobs(params: JobsParams) {
  return useQuery({
    queryKey: jobKeys.list(params),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/jobs', {
          params: { query: { ...(params.state ? { state: params.state } : {}), page: params.page } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
    staleTime: 0,
    refetchInterval: (query) =>
      query.state.data?.items.some((job) => job.state === 'created' || job.state === 'retry' || job.state === 'active') ? 5000 : false,
  });
}

/** Runs a failed job again. */
export function useRetryJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/jobs/{id}/reprise', { params: { path: { id } } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: jobKeys.all }),
  });
}
