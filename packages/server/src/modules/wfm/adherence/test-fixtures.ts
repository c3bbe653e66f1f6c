import { createActivityCatalog, type ActivityCode } from './model.js';

// Fixtures for the adherence tests (§3.8 codes and clock). Named `*-fixtures.ts` so no test runner collects it.
const DAY = Date.UTC(2026, 2, 2);

/**
 * Epoch ms of `HH:mm` or `HH:mm:ss` on a fixed UTC test day (§3.8 uses SU zone UTC).
 * @example at('09:30') - at('09:00') === 1_800_000
 */
export function at(hhmm: string): number {
  const [h = 0, m = 0, s = 0] = hhmm.split(':').map(Number);
  return DAY + ((h * 60 + m) * 60 + s) * 1000;
}

export const OPEN: ActivityCode = { id: 'open', name: 'Open', open: true, displayAs: 'OPEN' };
export const BREAK: ActivityCode = { id: 'break', name: 'Break', open: false, displayAs: 'BREAK' };
export const TRAINING: ActivityCode = { id: 'training', name: 'Training', open: false, displayAs: 'TRAINING' };
export const MEETING: ActivityCode = { id: 'meeting', name: 'Meeting', open: false, displayAs: 'MEETING' };
export const CODES = createActivityCatalog([OPEN, BREAK, TRAINING, MEETING]);
/** The whole test day, the agent-day window of every §3.8 example. */
export const DAY_WINDOW = { start: at('00:00'), end: at('24:00') };
