import type { Skill } from '@floorplan/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch, query } from '../../api/client';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Every active skill of the tenant (setup lists page at 1000; a tenant has far fewer skills). */
export function useSkills() {
  return useQuery({
    queryKey: ['skills', 'active'],
    queryFn: async () => {
      const items: Skill[] = [];
      let cursor: string | undefined;
      do {
        const page = await apiFetch<Page<Skill>>(`/wfm/v1/skills${query({ limit: 1000, cursor })}`);
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items.sort((a, b) => a.name.localeCompare(b.name));
    },
    staleTime: 60_000,
  });
}
