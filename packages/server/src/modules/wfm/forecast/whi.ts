// Weighted historical index (spec §5.2): each future slot is a weighted mean of the same slot of the
// week in the last N history weeks, the latest week weighing most.

/** History values on local slots: whole days from the window start; `null` is missing. */
export type SlotValues = ArrayLike<number | null>;

export interface WhiOptions {
  /** `S1`, slots per day. */
  slotsPerDay: number;
  /** `N`, history weeks weighed (default 8). */
  weeks?: number;
  /** Days to forecast after the history. */
  horizonDays: number;
}

/**
 * Index of the latest history slot (of `length`) in the same slot of the week as future slot `t`.
 * Week `w` (1 = latest) of that slot is this index minus `(w − 1)·S2`. Every future week therefore
 * reads the same N history weeks: WHI repeats its last forecast week rather than feeding forecasts back.
 *
 * @example
 * latestSameSlotOfWeek(1000, 672, 1000); // 328
 */
export function latestSameSlotOfWeek(t: number, slotsPerWeek: number, length: number): number {
  return length - slotsPerWeek + ((((t - length) % slotsPerWeek) + slotsPerWeek) % slotsPerWeek);
}

/**
 * `Σ ω_w·y(t − w·S2) / Σ ω_w` over weeks that have a value, `ω_w = N + 1 − w`, starting from history
 * index `latest` (week 1). `null` when no week has a value.
 *
 * @example
 * weightedWeeks([1, 2], 1, 1, 2); // (2·2 + 1·1) / 3 = 5/3
 */
export function weightedWeeks(values: SlotValues, latest: number, slotsPerWeek: number, weeks: number): number | null {
  let sum = 0;
  let weight = 0;
  for (let w = 1; w <= weeks; w++) {
    const i = latest - (w - 1) * slotsPerWeek;
    if (i < 0) break;
    const y = values[i];
    if (y === null || y === undefined) continue;
    const omega = weeks + 1 - w;
    sum += omega * y;
    weight += omega;
  }
  return weight > 0 ? sum / weight : null;
}

/**
 * WHI forecast for `horizonDays` after the history. A slot no history week has a value for is
 * forecast 0 (nothing to weigh; PROFILE and AUTO cover sparse history better).
 *
 * @example
 * // two weeks of hourly history, the newer week twice the older: weights 2 and 1
 * whiForecast([...week1, ...week2], { slotsPerDay: 24, weeks: 2, horizonDays: 7 }); // (2·week2 + week1) / 3
 */
export function whiForecast(values: SlotValues, options: WhiOptions): Float64Array {
  const { slotsPerDay, horizonDays } = options;
  const weeks = options.weeks ?? 8;
  const s2 = 7 * slotsPerDay;
  const n = values.length;
  if (n === 0 || n % slotsPerDay !== 0) throw new RangeError(`history must be whole days of ${slotsPerDay} slots, got ${n} slots`);
  const out = new Float64Array(horizonDays * slotsPerDay);
  for (let k = 0; k < out.length; k++) {
    out[k] = weightedWeeks(values, latestSameSlotOfWeek(n + k, s2, n), s2, weeks) ?? 0;
  }
  return out;
}
