// Damped-ratio re-forecast for the rest of the day (spec §4.3). The day so far runs at r times the
// forecast; the gap is carried forward but fades by φ per 15 minutes, because a morning surprise says
// less and less about the evening. Stored forecasts never change; this only feeds intraday columns.

export interface ReforecastInput {
  /** Interval length in minutes. */
  intervalMinutes: number;
  /** Forecast contacts of every interval of the skill's day, in order. */
  forecastContacts: readonly number[];
  /** Actual contacts of the closed intervals 1..k (so k = its length). */
  actualContacts: readonly number[];
  /** Forecast AHT in seconds per interval of the day (`null` where there is none). */
  forecastAht?: readonly (number | null)[];
  /** Handled contacts of the closed intervals. */
  actualHandled?: readonly number[];
  /** Actual handle seconds of the closed intervals. */
  actualHandleSeconds?: readonly number[];
  /** Damping per 15 minutes (tenant setting, default 0.95). */
  phi?: number;
}

export interface ReforecastResult {
  /** `r = clamp(ΣA / ΣF, 0.5, 2)`, 1 when ΣF < 30. */
  ratio: number;
  /** `q`, the same for AHT, 1 when Σ handled < 30. */
  ahtRatio: number;
  /** Every interval of the day: F for closed ones, F' = F·(1 + (r − 1)·φ^h) for later ones. */
  contacts: number[];
  /** Likewise for AHT. */
  aht: (number | null)[];
}

/** Sums below this are too small to say the day runs off forecast. */
const MIN_VOLUME = 30;

/**
 * `clamp(actual / forecast, 0.5, 2)`, or 1 when `base < 30` (base = ΣF for contacts, Σ handled for AHT).
 *
 * @example
 * dampedRatio(880, 800, 800); // 1.1
 */
export function dampedRatio(actual: number, forecast: number, base: number): number {
  if (base < MIN_VOLUME || !(forecast > 0)) return 1;
  return Math.min(2, Math.max(0.5, actual / forecast));
}

/**
 * Damping per interval: φ per 15 minutes becomes `φ^(I/15)` for an interval of I minutes.
 *
 * @example
 * dampingPerInterval(30); // 0.9025
 */
export function dampingPerInterval(intervalMinutes: number, phi = 0.95): number {
  return phi ** (intervalMinutes / 15);
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Re-forecasts the intervals after the last closed one.
 *
 * @example
 * const day = reforecast({ intervalMinutes: 15, forecastContacts: new Array(96).fill(100), actualContacts: new Array(8).fill(110) });
 * day.ratio; // 1.1
 * day.contacts[8]; // 109.5 (h = 1)
 */
export function reforecast(input: ReforecastInput): ReforecastResult {
  const k = input.actualContacts.length;
  if (k > input.forecastContacts.length) throw new RangeError(`${k} closed intervals but the day has ${input.forecastContacts.length}`);
  const phi = dampingPerInterval(input.intervalMinutes, input.phi ?? 0.95);
  const forecastSoFar = sum(input.forecastContacts.slice(0, k));
  const ratio = dampedRatio(sum(input.actualContacts), forecastSoFar, forecastSoFar);

  // q compares actual handle seconds with what the forecast AHT predicts for the contacts actually handled.
  const handled = input.actualHandled ?? [];
  const seconds = input.actualHandleSeconds ?? [];
  let actualSeconds = 0;
  let expectedSeconds = 0;
  let handledSum = 0;
  for (let i = 0; i < Math.min(k, handled.length, seconds.length); i++) {
    const aht = input.forecastAht?.[i];
    if (aht === null || aht === undefined) continue;
    actualSeconds += seconds[i] ?? 0;
    expectedSeconds += aht * (handled[i] ?? 0);
    handledSum += handled[i] ?? 0;
  }
  const ahtRatio = dampedRatio(actualSeconds, expectedSeconds, handledSum);

  const scale = (ratioOf: number, j: number) => (j < k ? 1 : 1 + (ratioOf - 1) * phi ** (j - k + 1));
  return {
    ratio,
    ahtRatio,
    contacts: input.forecastContacts.map((f, j) => f * scale(ratio, j)),
    aht: (input.forecastAht ?? []).map((a, j) => (a === null ? null : a * scale(ahtRatio, j))),
  };
}
