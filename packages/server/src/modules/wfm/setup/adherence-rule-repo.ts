import { adherenceRuleInputSchema, adherenceRuleSchema, type AdherenceRuleDto, type AdherenceRuleInput, type RuleSideDto } from '@floorplan/contracts';
import type { Queryable } from '../../../platform/db/db.js';
import { conflict, selectRows, stampsOf, unprocessable, type EntitySpec, type SelectOptions, type StampRow } from './entity-http.js';

interface RuleRow extends StampRow {
  scheduled_kind: 'CODE' | 'CATEGORY';
  scheduled_value: string;
  actual_kind: 'CODE' | 'CATEGORY';
  actual_value: string;
  adherence: AdherenceRuleDto['adherence'];
  exception_threshold_s: number | null;
  alarm_threshold_s: number | null;
}

const sideOf = (kind: 'CODE' | 'CATEGORY', value: string): RuleSideDto =>
  kind === 'CODE' ? { activityCodeId: value } : { category: value as Extract<RuleSideDto, { category: string }>['category'] };
const columnsOf = (side: RuleSideDto): ['CODE' | 'CATEGORY', string] => ('activityCodeId' in side ? ['CODE', side.activityCodeId] : ['CATEGORY', side.category]);

/** @example const rules = await loadAdherenceRules(db, tenantId, { limit: 101, includeArchived: true }); */
export async function loadAdherenceRules(q: Queryable, tenantId: string, o: SelectOptions): Promise<AdherenceRuleDto[]> {
  const rows = await selectRows<RuleRow>(q, 'adherence_rule', tenantId, o, false);
  return rows.map((r) => ({
    ...stampsOf(r),
    scheduled: sideOf(r.scheduled_kind, r.scheduled_value),
    actual: sideOf(r.actual_kind, r.actual_value),
    adherence: r.adherence,
    exceptionThresholdSeconds: r.exception_threshold_s,
    alarmThresholdSeconds: r.alarm_threshold_s,
  }));
}

async function writeAdherenceRule(tx: Queryable, tenantId: string, id: string, rule: AdherenceRuleInput, current: AdherenceRuleDto | null): Promise<void> {
  const [sk, sv] = columnsOf(rule.scheduled);
  const [ak, av] = columnsOf(rule.actual);
  for (const [path, kind, value] of [['scheduled.activityCodeId', sk, sv], ['actual.activityCodeId', ak, av]] as const) {
    if (kind !== 'CODE') continue;
    const r = await tx.query('SELECT 1 FROM activity_code WHERE tenant_id = $1 AND id = $2', [tenantId, value]);
    if (r.rows.length === 0) throw unprocessable(path, `no activity code ${value} in this tenant`);
  }
  const taken = await tx.query<{ id: string }>(
    'SELECT id FROM adherence_rule WHERE tenant_id = $1 AND scheduled_kind = $2 AND scheduled_value = $3 AND actual_kind = $4 AND actual_value = $5 AND id <> $6',
    [tenantId, sk, sv, ak, av, id],
  );
  if (taken.rows[0]) throw conflict('scheduled', `a rule for this (scheduled, actual) pair exists already: adherence rule ${taken.rows[0].id}`);
  const fields = [sk, sv, ak, av, rule.adherence, rule.exceptionThresholdSeconds, rule.alarmThresholdSeconds];
  if (current === null) {
    await tx.query(
      `INSERT INTO adherence_rule (tenant_id, id, scheduled_kind, scheduled_value, actual_kind, actual_value, adherence, exception_threshold_s, alarm_threshold_s)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [tenantId, id, ...fields],
    );
  } else {
    await tx.query(
      `UPDATE adherence_rule SET scheduled_kind = $3, scheduled_value = $4, actual_kind = $5, actual_value = $6, adherence = $7,
              exception_threshold_s = $8, alarm_threshold_s = $9 WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, ...fields],
    );
  }
}

/** Adherence rules (§1.7): deleted, not archived (recompute follows the rules in force). */
export const adherenceRuleSpec: EntitySpec<AdherenceRuleInput, AdherenceRuleDto> = {
  path: '/wfm/v1/adherence-rules',
  table: 'adherence_rule',
  noun: 'adherence rule',
  kind: 'adherenceRule',
  input: adherenceRuleInputSchema,
  output: adherenceRuleSchema,
  load: loadAdherenceRules,
  write: writeAdherenceRule,
  retire: { kind: 'delete' },
};
