import { useQuery } from '@tanstack/react-query';
import { fetchAll } from '../../api/lists';

/** One of the setup's "not covered yet" lists (`/wfm/v1/setup/unmapped-*`); they change as data arrives. */
export function useUnmapped<T>(kind: 'unmapped-logins' | 'unmapped-events' | 'unmapped-queues') {
  return useQuery({ queryKey: ['unmapped', kind], queryFn: () => fetchAll<T>(`/wfm/v1/setup/${kind}`), refetchInterval: 30_000 });
}
