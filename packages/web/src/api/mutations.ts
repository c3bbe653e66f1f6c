import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { apiFetch } from './client';

export interface Versioned {
  id: string;
  version: number;
}

/** `If-Match` for an entity as it was read: a concurrent change answers 412 instead of being overwritten. */
export const ifMatch = (entity: Versioned) => ({ 'if-match': `"${entity.version}"` });

/** Writes of a setup resource; each one refreshes every cached view of that resource. */
export function useResourceWrites(resource: string) {
  const client = useQueryClient();
  const refresh = useCallback(() => client.invalidateQueries({ queryKey: ['list', resource] }), [client, resource]);
  return {
    refresh,
    create: async (body: unknown) => {
      await apiFetch(resource, { method: 'POST', body });
      await refresh();
    },
    update: async (entity: Versioned, body: unknown) => {
      await apiFetch(`${resource}/${entity.id}`, { method: 'PUT', body, headers: ifMatch(entity) });
      await refresh();
    },
    archive: async (entity: Versioned) => {
      await apiFetch(`${resource}/${entity.id}/archive`, { method: 'POST', headers: ifMatch(entity) });
      await refresh();
    },
    remove: async (entity: Versioned) => {
      await apiFetch(`${resource}/${entity.id}`, { method: 'DELETE', headers: ifMatch(entity) });
      await refresh();
    },
  };
}
