/** An agent-state event as stored: its instant in epoch microseconds keeps the wire's precision. */
export interface StoredState {
  loginId: string;
  eventMicros: number;
  eventCode: string;
  reasonCode: string;
  arrival: number;
}

export interface CurrentMark {
  eventMicros: number;
  arrival: number;
}

const after = (a: CurrentMark, b: CurrentMark) => a.eventMicros > b.eventMicros || (a.eventMicros === b.eventMicros && a.arrival > b.arrival);

/**
 * Splits newly stored states into those that move an agent's current state forward (in time order)
 * and late ones (older than the current state before this batch). Within one batch, states are
 * applied in time order, so a batch sent newest first still moves forward through each of them.
 */
export function classifyStates(
  inserted: readonly StoredState[],
  currentBefore: ReadonlyMap<string, CurrentMark>,
): { forward: StoredState[]; late: StoredState[]; latest: Map<string, StoredState> } {
  const sorted = [...inserted].sort(
    (a, b) => (a.loginId < b.loginId ? -1 : a.loginId > b.loginId ? 1 : a.eventMicros - b.eventMicros || a.arrival - b.arrival),
  );
  const forward: StoredState[] = [];
  const late: StoredState[] = [];
  const latest = new Map<string, StoredState>();
  for (const s of sorted) {
    const before = currentBefore.get(s.loginId);
    if (before && !after(s, before)) {
      late.push(s);
      continue;
    }
    forward.push(s);
    latest.set(s.loginId, s);
  }
  return { forward, late, latest };
}

/** Epoch microseconds of a wire timestamp (`YYYY-MM-DDTHH:mm:ss[.ffffff](Z|+00:00)`), exact to the microsecond. */
export function toMicros(iso: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(?:Z|\+00:00)$/.exec(iso);
  if (!m?.[1]) throw new Error(`not a UTC timestamp: ${iso}`);
  const whole = Date.parse(`${m[1]}Z`);
  return whole * 1000 + Number((m[2] ?? '').padEnd(6, '0'));
}

/** Wire form of an instant: milliseconds like `toISOString`, six digits only when microseconds are present. */
export function fromMicros(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const rest = micros - ms * 1000;
  const iso = new Date(ms).toISOString();
  return rest === 0 ? iso : `${iso.slice(0, -1)}${String(rest).padStart(3, '0')}Z`;
}
