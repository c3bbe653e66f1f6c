import { describe, expect, it } from 'vitest';
import type { SkillInterval } from '../../wfm-ingest/queue-history-reads.js';
import type { SkillSetup } from '../setup/tenant-setup.js';
import { intradayView, type BaseInterval } from './intraday-model.js';

const I = 900_000;
const skill = (over: Partial<SkillSetup> = {}): SkillSetup => ({
  id: 's',
  name: 'S',
  channel: 'VOICE',
  category: 'REAL_TIME',
  serviceLevelGoal: { percent: 80, seconds: 20 },
  shortAbandonThresholdSeconds: 5,
  paradigm: 'WCE',
  timeZone: 'UTC',
  staffing: { model: 'ERLANG_C', maxOccupancy: 0.9, shrinkage: 0, concurrency: 1, fractional: 'NONE' },
  queues: [{ queueValue: 'Q' }],
  archived: false,
  ...over,
});
const actual = (start: number, over: Partial<SkillInterval> = {}): SkillInterval => ({
  start,
  reported: true,
  offered: 0,
  handled: 0,
  handledShort: 0,
  abandonedLong: 0,
  handleSeconds: 0,
  queueDelaySeconds: 0,
  backlog: 0,
  backlogNotExpired: 0,
  backlogExpired: 0,
  acdServiceLevelPct: null,
  rows: 1,
  ...over,
});
const base = (k: number, over: Partial<BaseInterval> = {}, a: Partial<SkillInterval> = {}): BaseInterval => ({
  start: k * I,
  label: `k${k}`,
  actual: actual(k * I, a),
  forecast: { contacts: 30, ahtSeconds: 600 },
  scheduledOpenSeconds: 9 * 900,
  staffedOpenSeconds: 0,
  ...over,
});

describe('intradayView', () => {
  it('sizes deferrable work by the backlog model of §4.4, without Erlang', () => {
    const view = intradayView({
      skill: skill({ category: 'DEFERRABLE', channel: 'EMAIL', serviceLevelGoal: { percent: 90, seconds: 86_400 } }),
      intervalMs: I,
      granularityMs: I,
      now: 2 * I,
      phi: 0.95,
      paradigmMismatch: false,
      intervals: [
        base(0, { staffedOpenSeconds: 8 * 900 }, { offered: 25, handled: 20, handleSeconds: 12_000, backlog: 10, backlogExpired: 2 }),
        base(1, { staffedOpenSeconds: 8 * 900 }, { offered: 35, handled: 25, handleSeconds: 15_000, backlog: 20, backlogExpired: 4 }),
        base(2, {}, { reported: false }),
        base(3, {}, { reported: false }),
      ],
    });
    const r = view.rows;
    expect(r.map((x) => x.requiredAgents)).toEqual([(600 * 30) / 810, (600 * 32) / 810, (600 * 34) / 810, (600 * 30) / 810]);
    expect(r.map((x) => x.projectedBacklog)).toEqual([10, 20, 20 + 30 - 12.15, 20 + 30 - 12.15 + 30 - 12.15]);
    expect(r.map((x) => x.backlogExpired)).toEqual([2, 4, null, null]);
    expect(r[0]).toMatchObject({ serviceLevelPct: null, asaSeconds: null, requiredAtActual: null, workloadHours: 5, actualAhtSeconds: 600 });
    expect(r[2]?.varianceScheduledRequired).toBeCloseTo(9 - (600 * 34) / 810, 12);
  });

  it('shows outbound volume, AHT and staff only', () => {
    const view = intradayView({
      skill: skill({ channel: 'OUTBOUND', serviceLevelGoal: null }),
      intervalMs: I,
      granularityMs: I,
      now: I,
      phi: 0.95,
      paradigmMismatch: false,
      intervals: [base(0, { staffedOpenSeconds: 1800 }, { offered: 40, handled: 40, handleSeconds: 8000, handledShort: 40 }), base(1)],
    });
    expect(view.rows[0]).toMatchObject({ actualContacts: 40, actualAhtSeconds: 200, staffedAgents: 2, serviceLevelPct: null, abandonRatePct: null, requiredAgents: null, projectedServiceLevelPct: null });
  });

  it('keeps over- and under-staffing apart in the day total (agent-hours)', () => {
    const view = intradayView({
      skill: skill(),
      intervalMs: I,
      granularityMs: I,
      now: 0,
      phi: 0.95,
      paradigmMismatch: false,
      intervals: [base(0, { forecast: { contacts: 0, ahtSeconds: 300 }, scheduledOpenSeconds: 4 * 900 }), base(1, { forecast: { contacts: 0, ahtSeconds: 300 }, scheduledOpenSeconds: 0 })],
    });
    expect(view.rows.map((r) => r.varianceScheduledRequired)).toEqual([4, 0]);
    expect(view.total).toMatchObject({ overstaffed: 1, understaffed: 0 });
    expect(view.rows[1]?.staffedAgents).toBeNull(); // not started
  });
});
