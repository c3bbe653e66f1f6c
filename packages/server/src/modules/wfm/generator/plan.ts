// The whole generated center for one run: options, setup, the dates of history and schedules, and
// the special days. Everything is derived from the options and `now`, nothing is stored.
import { z } from 'zod';
import { IANAZone } from 'luxon';
import { datesBetween, localDate, plusDays } from './local-time.js';
import { planSpecialDays, type SpecialDay } from './plan-queue-history.js';
import { planSetup, type SetupPlan } from './plan-setup.js';

export const generateOptionsSchema = z.object({
  tenant: z.string().min(1),
  weeks: z.number().int().min(1).max(26).default(8),
  agents: z.number().int().min(1).max(5000).default(50),
  skills: z.number().int().min(1).max(20).default(3),
  seed: z.number().int().min(0).max(4_294_967_295).default(1),
  timeZone: z.string().refine((z) => IANAZone.isValidZone(z), { error: 'must be an IANA time zone' }).default('Europe/Paris'),
  /** Weeks of published schedule after today. */
  aheadWeeks: z.number().int().min(0).max(8).default(2),
});
export type GenerateOptions = z.output<typeof generateOptionsSchema>;
export type GenerateOptionsInput = z.input<typeof generateOptionsSchema>;

export interface GenerationPlan {
  options: GenerateOptions;
  setup: SetupPlan;
  /** History runs from local midnight of the first date up to `now` (today included, partly). */
  historyDates: string[];
  scheduleDates: string[];
  specialDays: SpecialDay[];
  now: number;
}

/**
 * The plan of a run at `now` (epoch ms): `weeks` whole weeks of history before today, schedules up
 * to `aheadWeeks` after it.
 *
 * @example
 * const plan = planGeneration({ tenant: 'demo', agents: 5, weeks: 1 }, Date.now());
 */
export function planGeneration(input: GenerateOptionsInput, now: number): GenerationPlan {
  const options = generateOptionsSchema.parse(input);
  const today = localDate(now, options.timeZone);
  const first = plusDays(today, -7 * options.weeks);
  const historyDates = datesBetween(first, today);
  const scheduleDates = datesBetween(first, plusDays(today, 7 * options.aheadWeeks));
  const setup = planSetup({ seed: options.seed, agents: options.agents, skills: options.skills, timeZone: options.timeZone });
  // Special days only in the past days, never today (the live feed continues today).
  return { options, setup, historyDates, scheduleDates, specialDays: planSpecialDays(historyDates.slice(0, -1)), now };
}
