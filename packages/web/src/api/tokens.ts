// The signed-in session lives in sessionStorage: it survives a reload but not a closed tab, and no
// other tab or origin sees it.

import type { ConsoleTenant, ConsoleUser } from '@floorplan/contracts';

export type { ConsoleTenant, ConsoleUser };

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: ConsoleUser;
  tenant: ConsoleTenant;
}

const KEY = 'floorplan.session';
type Listener = (session: Session | null) => void;
const listeners = new Set<Listener>();

export function readSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Session;
  } catch {
    sessionStorage.removeItem(KEY);
    return null;
  }
}

export function writeSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener(session);
}

export function updateTokens(accessToken: string, refreshToken: string): void {
  const session = readSession();
  if (session) writeSession({ ...session, accessToken, refreshToken });
}

/** Subscribes to session changes (sign-in, refresh, sign-out); returns the unsubscribe. */
export function onSessionChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
