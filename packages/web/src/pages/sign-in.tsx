import { useState, type FormEvent } from 'react';
import { useAuth } from '../api/auth';
import { ApiError } from '../api/client';

function describe(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'Wrong tenant, email or password.';
    if (error.status === 429) return 'Too many attempts; wait a minute and try again.';
    if (error.status === 403) return error.message || 'This account may not sign in to the console.';
    return error.message;
  }
  return 'The server could not be reached.';
}

export function SignInPage() {
  const { signIn } = useAuth();
  const [tenant, setTenant] = useState('demo');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn({ tenant: tenant.trim(), email: email.trim(), password });
    } catch (failure) {
      setError(describe(failure));
      setBusy(false);
    }
  };

  return (
    <div className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title" data-testid="page-title">Sign in to Floorplan</h1>
        <label className="field">
          <span>Tenant</span>
          <input name="tenant" value={tenant} onChange={(e) => setTenant(e.target.value)} required autoComplete="organization" />
        </label>
        <label className="field">
          <span>Email</span>
          <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="username" autoFocus />
        </label>
        <label className="field">
          <span>Password</span>
          <input name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="current-password" />
        </label>
        {error ? (
          <p className="error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy} data-testid="sign-in-submit">
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
