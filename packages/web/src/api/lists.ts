import { useQuery } from '@tanstack/react-query';
import type { ActivityCodeDto, SchedulingUnit, Skill } from '@floorplan/contracts';
import { apiFetch, query } from './client';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// Setup lists are small (hundreds to a few thousand rows): the console reads them whole, following
// the cursor, and tables filter and sort on the client.
const PAGE = 1000;
const MAX_PAGES = 50;

export async function fetchAll<T>(resource: string, params: Record<string, string | boolean | undefined> = {}): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await apiFetch<Page<T>>(`${resource}${query({ ...params, limit: PAGE, cursor })}`);
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

/** Query key of a setup list, shared so a write can invalidate every view of it. */
export const listKey = (resource: string, includeArchived = false) => ['list', resource, includeArchived] as const;

export function useList<T>(resource: string, options: { includeArchived?: boolean; enabled?: boolean } = {}) {
  const includeArchived = options.includeArchived ?? false;
  return useQuery({
    queryKey: listKey(resource, includeArchived),
    queryFn: () => fetchAll<T>(resource, includeArchived ? { includeArchived: 'true' } : {}),
    enabled: options.enabled ?? true,
  });
}

export const RESOURCES = {
  employees: '/wfm/v1/employees',
  schedulingUnits: '/wfm/v1/scheduling-units',
  skills: '/wfm/v1/skills',
  activityCodes: '/wfm/v1/activity-codes',
  eventMappings: '/wfm/v1/event-mappings',
  adherenceRules: '/wfm/v1/adherence-rules',
} as const;

// Archived entries are included in the lookups: history and rules may still name them.
export const useSchedulingUnits = () => useList<SchedulingUnit>(RESOURCES.schedulingUnits, { includeArchived: true });
export const useSkills = () => useList<Skill>(RESOURCES.skills, { includeArchived: true });
export const useActivityCodes = () => useList<ActivityCodeDto>(RESOURCES.activityCodes, { includeArchived: true });

const byName = (skills: Skill[]): Skill[] => [...skills].sort((a, b) => a.name.localeCompare(b.name));

/** The tenant's active skills by name, for the skill pickers of intraday and forecast (the setup list's cache). */
export const useActiveSkills = () =>
  useQuery({ queryKey: listKey(RESOURCES.skills), queryFn: () => fetchAll<Skill>(RESOURCES.skills), select: byName });

/** id → entity, for showing names where the wire carries ids. */
export function byId<T extends { id: string }>(items: readonly T[] | undefined): Map<string, T> {
  return new Map((items ?? []).map((item) => [item.id, item]));
}
