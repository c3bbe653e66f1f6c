// What an agent actually did on a planned day, as ACD agent states: mostly adherent, with the noise
// real floors show (late log-ins, break slips and overruns, a short unscheduled pause, an early
// leave, now and then a whole day absent).
import { normal, type Random } from '../forecast/random.js';
import { flattenSegments } from '../schedules/flatten.js';
import type { PlannedCode } from './plan-setup.js';
import type { PlannedDay } from './plan-schedules.js';
import { exponential, intBetween, streamFor } from './seeds.js';

/** A generated agent state (epoch ms, whole seconds). */
export interface PlannedState {
  at: number;
  eventCode: string;
  reasonCode: string;
}

export interface AgentDayOptions {
  /** Split open time into Available / Inbound / ACW cycles (live feed), not only Available. */
  contacts?: boolean;
  /** Mean handle seconds of the agent's contacts (default 300). */
  ahtSeconds?: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** Two states of one agent are at least this far apart, so their order never depends on rounding. */
const MIN_GAP = 5 * SECOND;
export const ABSENCE_PROBABILITY = 0.03;

const toSecond = (ms: number) => Math.round(ms / SECOND) * SECOND;

/**
 * The agent states of one planned day (empty for a day off or an absence), in time order.
 *
 * @example
 * planAgentDay(1, day, codes).map((s) => s.eventCode); // ['LoggedIn', 'Available', 'Unavailable', …, 'LoggedOut']
 */
export function planAgentDay(seed: number, day: PlannedDay, codes: readonly PlannedCode[], options: AgentDayOptions = {}): PlannedState[] {
  if (day.segments.length === 0) return [];
  const random = streamFor(seed, 'actual', day.employeeIndex, day.date);
  if (random() < ABSENCE_PROBABILITY) return [];
  const priority = new Map(codes.map((c) => [c.name, c.priority]));
  const pieces = flattenSegments(day.segments.map((s) => ({ start: s.start, end: s.end, activityCodeId: s.code, priority: priority.get(s.code) ?? 5 })));
  const shiftStart = pieces[0]!.start;
  const shiftEnd = pieces[pieces.length - 1]!.end;

  const states: PlannedState[] = [];
  const push = (at: number, eventCode: string, reasonCode = '') => {
    const previous = states[states.length - 1];
    states.push({ at: toSecond(Math.max(at, previous ? previous.at + MIN_GAP : at)), eventCode, reasonCode });
  };

  const late = random() < 0.1 ? intBetween(random, 3, 20) * MINUTE : 0;
  const login = shiftStart - 2 * MINUTE + Math.abs(normal(random)) * MINUTE + late;
  push(login, 'LoggedIn');
  push(login + intBetween(random, 5, 40) * SECOND, 'Available');
  const leaveEarly = random() < 0.08 ? intBetween(random, 5, 20) * MINUTE : 0;
  const logout = shiftEnd + (1 + normal(random)) * MINUTE - leaveEarly;
  const personalAt = random() < 0.3 ? random() : -1;

  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (piece.start >= logout) break;
    if (piece.activityCodeId === 'Open') {
      // Back from a break: usually on time, sometimes a few minutes over.
      const overrun = random() < 0.15 ? intBetween(random, 2, 8) * MINUTE : 0;
      push(piece.start + (0.5 + 0.75 * normal(random)) * MINUTE + overrun, 'Available');
    } else {
      const slip = random() < 0.15 ? intBetween(random, 2, 6) * MINUTE : 0;
      push(piece.start + 0.6 * normal(random) * MINUTE + slip, 'Unavailable', piece.activityCodeId);
    }
  }
  if (personalAt >= 0) insertPersonalPause(states, pieces, personalAt, random);
  push(logout, 'LoggedOut');
  return options.contacts ? withContacts(states, random, options.ahtSeconds ?? 300) : states;
}

/** A 3–10 minute "Personal" pause inside the longest open stretch, if it has room. */
function insertPersonalPause(states: PlannedState[], pieces: readonly { start: number; end: number; activityCodeId: string }[], u: number, random: Random): void {
  const open = pieces.filter((p) => p.activityCodeId === 'Open').sort((a, b) => b.end - b.start - (a.end - a.start))[0];
  const minutes = intBetween(random, 3, 10);
  if (!open || open.end - open.start < 60 * MINUTE) return;
  const from = toSecond(open.start + 20 * MINUTE + u * (open.end - open.start - 40 * MINUTE - minutes * MINUTE));
  const to = from + minutes * MINUTE;
  // Only where the agent is really available throughout (no noisy transition inside).
  const before = states.filter((s) => s.at <= from).at(-1);
  if (before?.eventCode !== 'Available' || states.some((s) => s.at > from - MIN_GAP && s.at < to + MIN_GAP)) return;
  const at = states.indexOf(before) + 1;
  states.splice(at, 0, { at: from, eventCode: 'Unavailable', reasonCode: 'Personal' }, { at: to, eventCode: 'Available', reasonCode: '' });
}

/** Replaces each Available stretch by idle / Inbound / ACW cycles ending before the next state. */
function withContacts(states: readonly PlannedState[], random: Random, aht: number): PlannedState[] {
  const out: PlannedState[] = [];
  for (let i = 0; i < states.length; i++) {
    const state = states[i]!;
    out.push(state);
    const next = states[i + 1];
    if (state.eventCode !== 'Available' || !next) continue;
    let t = state.at;
    for (;;) {
      const ring = toSecond(t + Math.max(SECOND * 5, exponential(random, 45 * SECOND)));
      const talk = toSecond(ring + Math.max(SECOND * 20, exponential(random, aht * 0.85 * SECOND)));
      const wrap = toSecond(talk + Math.max(SECOND * 5, exponential(random, aht * 0.15 * SECOND)));
      if (wrap + MIN_GAP > next.at) break;
      out.push({ at: ring, eventCode: 'Inbound', reasonCode: '' }, { at: talk, eventCode: 'ACW', reasonCode: '' }, { at: wrap, eventCode: 'Available', reasonCode: '' });
      t = wrap;
    }
  }
  return out;
}
