import { skillInputSchema, skillSchema, type Skill, type SkillInput } from '@floorplan/contracts';
import type { Queryable } from '../../../platform/db/db.js';
import { assertUnclaimed, claimSource, replaceClaims, type ClaimTable } from './claims.js';
import { archivedOf, selectRows, stampsOf, type EntitySpec, type SelectOptions, type StampRow } from './entity-http.js';
import { resolveTimeZone } from './scheduling-unit-repo.js';

/** A `(source ?? "*", queueValue)` belongs to one skill (§1.4): a second claim names the owner. */
const queueClaims: ClaimTable = {
  table: 'skill_queue',
  valueColumn: 'queue_value',
  ownerColumn: 'skill_id',
  ownerTable: 'skill',
  ownerNoun: 'skill',
  field: 'acdQueues',
  valueNoun: 'queue',
};

interface SkillRow extends StampRow {
  name: string;
  color: string;
  channel: Skill['channel'];
  category: Skill['category'];
  sl_percent: number | null;
  sl_seconds: number | null;
  short_abandon_threshold_s: number;
  paradigm: Skill['paradigm'];
  time_zone: string;
  staffing: Skill['staffing'] | string;
}

/** @example const [sales] = await loadSkills(db, tenantId, { id, limit: 1, includeArchived: true }); */
export async function loadSkills(q: Queryable, tenantId: string, o: SelectOptions): Promise<Skill[]> {
  const rows = await selectRows<SkillRow>(q, 'skill', tenantId, o, true);
  if (rows.length === 0) return [];
  const queues = await q.query<{ skill_id: string; source: string; queue_value: string }>(
    'SELECT skill_id, source, queue_value FROM skill_queue WHERE tenant_id = $1 AND skill_id = ANY($2::uuid[]) ORDER BY queue_value, source',
    [tenantId, rows.map((r) => r.id)],
  );
  return rows.map((r) => ({
    ...stampsOf(r),
    name: r.name,
    color: r.color,
    channel: r.channel,
    category: r.category,
    serviceLevelGoal: r.sl_percent === null || r.sl_seconds === null ? null : { percent: r.sl_percent, seconds: r.sl_seconds },
    shortAbandonThresholdSeconds: r.short_abandon_threshold_s,
    acdQueues: queues.rows.filter((x) => x.skill_id === r.id).map((x) => ({ queueValue: x.queue_value, ...claimSource(x.source) })),
    paradigm: r.paradigm,
    timeZone: r.time_zone,
    staffing: typeof r.staffing === 'string' ? (JSON.parse(r.staffing) as Skill['staffing']) : r.staffing,
    ...archivedOf(r),
  }));
}

async function writeSkill(tx: Queryable, tenantId: string, id: string, s: SkillInput, current: Skill | null): Promise<void> {
  const queues = s.acdQueues.map((q) => ({ source: q.source, value: q.queueValue }));
  await assertUnclaimed(tx, tenantId, id, queueClaims, queues);
  const zone = await resolveTimeZone(tx, tenantId, s.timeZone ?? current?.timeZone);
  const fields = [
    s.name,
    s.color,
    s.channel,
    s.category,
    s.serviceLevelGoal?.percent ?? null,
    s.serviceLevelGoal?.seconds ?? null,
    s.shortAbandonThresholdSeconds,
    s.paradigm,
    zone,
    JSON.stringify(s.staffing),
  ];
  if (current === null) {
    await tx.query(
      `INSERT INTO skill (tenant_id, id, name, color, channel, category, sl_percent, sl_seconds, short_abandon_threshold_s, paradigm, time_zone, staffing)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb)`,
      [tenantId, id, ...fields],
    );
  } else {
    await tx.query(
      `UPDATE skill SET name = $3, color = $4, channel = $5, category = $6, sl_percent = $7, sl_seconds = $8, short_abandon_threshold_s = $9,
              paradigm = $10, time_zone = $11, staffing = $12::jsonb WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, ...fields],
    );
  }
  await replaceClaims(tx, tenantId, id, queueClaims, queues);
}

/**
 * WFM skills (§1.4): archived, never deleted. An archived skill keeps its queues (history reads
 * them); to hand a queue to another skill, remove it from the archived one first.
 */
export const skillSpec: EntitySpec<SkillInput, Skill> = {
  path: '/wfm/v1/skills',
  table: 'skill',
  noun: 'skill',
  kind: 'skill',
  input: skillInputSchema,
  output: skillSchema,
  uniqueName: (s) => s.name,
  load: loadSkills,
  write: writeSkill,
  retire: { kind: 'archive' },
};
