// Queue reports of a generated skill, one local day at a time: volumes, handled counts and handle
// seconds come from the forecast module's `syntheticHistory` (weekday × intraday profile, gamma
// day multiplier, special days); this file splits them into the ACD's fields so that
// handledShort + handledLong + abandonedShort + abandonedLong = contactsReceived.
import type { QueueReportRowInput } from '@floorplan/contracts';
import { DateTime } from 'luxon';
import { normal } from '../forecast/random.js';
import { syntheticHistory } from '../forecast/synthetic-history.js';
import { localDayBounds } from './local-time.js';
import type { PlannedSkill } from './plan-setup.js';
import { streamFor } from './seeds.js';

export const INTERVAL_MS = 15 * 60_000;

/** A special day of the generated history: the day's true rate times `factor`. */
export interface SpecialDay {
  date: string;
  factor: number;
  label: string;
}

/** One queue row of one 15-minute window starting at `start` (epoch ms). */
export interface PlannedQueueRow {
  start: number;
  row: QueueReportRowInput & {
    queueValue: string;
    contactsReceived: number;
    abandonedShort: number;
    abandonedLong: number;
    handledShort: number;
    handledLong: number;
    handleTime: number;
    workTime: number;
    queueDelayTime: number;
    svcLvlPct: number;
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The 15-minute rows of `skill` for local day `date` in `zone`: every UTC window of the day (92 or
 * 100 on DST days: a repeated wall-clock slot repeats its values, a skipped one is absent).
 *
 * @example
 * planQueueDay(1, skill, '2026-03-04', 'Europe/Paris', []).length; // 96
 */
export function planQueueDay(seed: number, skill: PlannedSkill, date: string, zone: string, specialDays: readonly SpecialDay[]): PlannedQueueRow[] {
  const history = syntheticHistory({
    seed: streamSeed(seed, skill.name, date),
    days: 1,
    startDate: date,
    zone,
    dailyVolume: skill.dailyVolume,
    ahtSeconds: skill.ahtSeconds,
    specialDays: specialDays.map((s) => ({ date: s.date, factor: s.factor })),
  });
  const random = streamFor(seed, 'queue-split', skill.name, date);
  const { start, end } = localDayBounds(date, zone);
  const rows: PlannedQueueRow[] = [];
  for (let t = start; t < end; t += INTERVAL_MS) {
    const local = DateTime.fromMillis(t, { zone });
    const slot = Math.floor((local.hour * 60 + local.minute) / 15);
    const received = history.contacts.values[slot] ?? 0;
    const handled = history.handled.values[slot] ?? 0;
    const busy = history.handleSeconds.values[slot] ?? 0;
    const abandoned = received - handled;
    const abandonedShort = Math.round(abandoned * (0.2 + 0.2 * random()));
    // Service level around 82 %, worse when busy: plausible for a center staffed to 80/20.
    const serviceLevel = Math.min(1, Math.max(0.4, 0.82 + 0.08 * normal(random)));
    const handledShort = Math.round(handled * serviceLevel);
    const handleTime = Math.round(busy * 0.85);
    const offered = received - abandonedShort;
    rows.push({
      start: t,
      row: {
        queueValue: skill.queueValue,
        queueName: skill.name,
        contactsReceived: received,
        abandonedShort,
        abandonedLong: abandoned - abandonedShort,
        handledShort,
        handledLong: handled - handledShort,
        handleTime,
        workTime: busy - handleTime,
        queueDelayTime: Math.round(handled * (5 + (1 - serviceLevel) * 90)),
        svcLvlPct: offered > 0 ? round2((100 * handledShort) / offered) : 0,
      },
    });
  }
  return rows;
}

function streamSeed(seed: number, skill: string, date: string): number {
  return Math.floor(streamFor(seed, 'queue', skill, date)() * 4_294_967_296);
}

/**
 * Two special days inside a history of local dates: a spike (×1.8, a marketing campaign) a third
 * of the way in and a quiet public holiday (×0.35) two thirds in, both on weekdays.
 *
 * @example
 * planSpecialDays(['2026-01-05', …]).map((d) => d.label); // ['Campaign', 'Public holiday']
 */
export function planSpecialDays(dates: readonly string[]): SpecialDay[] {
  const pick = (fraction: number) => {
    for (let i = Math.floor(dates.length * fraction); i < dates.length; i++) {
      const d = dates[i]!;
      const weekday = DateTime.fromISO(d, { zone: 'UTC' }).weekday;
      if (weekday <= 5) return d;
    }
    return undefined;
  };
  if (dates.length < 7) return [];
  const spike = pick(1 / 3);
  const quiet = pick(2 / 3);
  return [
    ...(spike ? [{ date: spike, factor: 1.8, label: 'Campaign' }] : []),
    ...(quiet && quiet !== spike ? [{ date: quiet, factor: 0.35, label: 'Public holiday' }] : []),
  ];
}
