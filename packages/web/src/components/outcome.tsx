import { useCallback, useState } from 'react';
import { ApiError } from '../api/client';

export interface Outcome {
  text: string;
  ok: boolean;
}

/** Runs a one-click action and keeps what came of it, for a banner next to the action. */
export function useOutcome() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const run = useCallback(async (action: () => Promise<string>, failed: string) => {
    setOutcome(null);
    try {
      setOutcome({ text: await action(), ok: true });
    } catch (failure) {
      setOutcome({ text: failure instanceof ApiError ? `${failed}: ${failure.message}` : `${failed}.`, ok: false });
    }
  }, []);
  return { outcome, run };
}

export function OutcomeBanner({ outcome }: { outcome: Outcome | null }) {
  if (!outcome) return null;
  return (
    <p className={`banner ${outcome.ok ? 'info' : 'error'}`} role={outcome.ok ? 'status' : 'alert'} data-testid="action-outcome">
      {outcome.text}
    </p>
  );
}
