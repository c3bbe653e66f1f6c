import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ConsoleLoginRequest, ConsoleLoginResponse, ConsoleSession } from '@floorplan/contracts';
import { apiFetch } from './client';
import { onSessionChange, readSession, writeSession, type ConsoleTenant, type ConsoleUser, type Session } from './tokens';

export type { ConsoleTenant, ConsoleUser } from './tokens';

export type SignInRequest = ConsoleLoginRequest;

export interface AuthState {
  user: ConsoleUser | null;
  tenant: ConsoleTenant | null;
  permissions: Set<string>;
  signIn(request: SignInRequest): Promise<void>;
  signOut(): void;
}

function toSession(answer: ConsoleLoginResponse): Session {
  return { accessToken: answer.access_token, refreshToken: answer.refresh_token, user: answer.user, tenant: answer.tenant };
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => readSession());

  // Token refreshes and a failed refresh (signed out) arrive from the API client.
  useEffect(() => onSessionChange(setSession), []);

  // A reload keeps the stored session: re-read who the user is, since the role may have changed
  // (a token the server no longer accepts signs out through the client's 401 handling).
  useEffect(() => {
    const stored = readSession();
    if (!stored) return;
    apiFetch<ConsoleSession>('/auth/v1/me')
      .then((me) => {
        const current = readSession();
        if (current) writeSession({ ...current, user: me.user, tenant: me.tenant });
      })
      .catch(() => undefined);
  }, []);

  const signIn = useCallback(async (request: SignInRequest) => {
    const answer = await apiFetch<ConsoleLoginResponse>('/auth/v1/login', { method: 'POST', body: request, anonymous: true });
    writeSession(toSession(answer));
  }, []);

  const signOut = useCallback(() => writeSession(null), []);

  const user = session?.user ?? null;
  const value = useMemo<AuthState>(
    () => ({
      user,
      tenant: session?.tenant ?? null,
      permissions: new Set(user?.permissions ?? []),
      signIn,
      signOut,
    }),
    [user, session?.tenant, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The current access token, for URLs that cannot carry a header (EventSource, downloads). */
export function accessToken(): string {
  return readSession()?.accessToken ?? '';
}
