// A skill's queue history on local slots (spec §5.1): the ingest read summed over the skill's queues
// in its paradigm, folded onto the skill zone's wall-clock slots, special days resolved.
import { DateTime } from 'luxon';
import type { Queryable } from '../../../platform/db/db.js';
import { readSkillQueueHistory, type ExcludedSeries } from '../../wfm-ingest/queue-history-reads.js';
import type { SkillSetup } from '../setup/tenant-setup.js';
import { toLocalHistory, type IntervalRow, type LocalHistory } from './local-slots.js';
import { addDays, isIntervalMinutes, type IntervalMinutes } from './series.js';

/**
 * Epoch ms of local midnight starting `date` in `zone`.
 *
 * @example
 * localMidnight('2026-03-02', 'Europe/Paris'); // Date.parse('2026-03-01T23:00:00Z')
 */
export function localMidnight(date: string, zone: string): number {
  return DateTime.fromISO(date, { zone }).toMillis();
}

/**
 * The local date of an instant in `zone`.
 *
 * @example
 * localDateOf(Date.parse('2026-03-01T23:30:00Z'), 'Europe/Paris'); // '2026-03-02'
 */
export function localDateOf(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toISODate() ?? '';
}

/**
 * The skill's interval length in minutes, checked against what the forecast supports.
 *
 * @example
 * intervalMinutesOf(900_000); // 15
 */
export function intervalMinutesOf(intervalMs: number): IntervalMinutes {
  const minutes = intervalMs / 60_000;
  if (!isIntervalMinutes(minutes)) throw new RangeError(`interval of ${minutes} minutes is not supported`);
  return minutes;
}

/**
 * Contacts, handled and handle seconds of a skill for the local dates `from … to` (inclusive).
 *
 * @example
 * const { history } = await readSkillHistory(db, tenantId, skill, 900_000, '2026-01-05', '2026-03-01');
 */
export async function readSkillHistory(
  db: Queryable,
  tenantId: string,
  skill: SkillSetup,
  intervalMs: number,
  from: string,
  to: string,
): Promise<{ history: LocalHistory; excludedSeries: ExcludedSeries[] }> {
  const zone = skill.timeZone;
  const read = await readSkillQueueHistory(
    db,
    tenantId,
    { queues: skill.queues, paradigm: skill.paradigm, outbound: skill.channel === 'OUTBOUND' },
    { fromMs: localMidnight(from, zone), toMs: localMidnight(addDays(to, 1), zone), intervalMs },
  );
  const rows: IntervalRow[] = read.intervals.map((i) => ({
    intervalStart: new Date(i.start).toISOString(),
    contacts: i.offered,
    handled: i.handled,
    handleSeconds: i.handleSeconds,
    reported: i.reported,
  }));
  return { history: toLocalHistory(rows, { zone, intervalMinutes: intervalMinutesOf(intervalMs), from, to }), excludedSeries: read.excludedSeries };
}
