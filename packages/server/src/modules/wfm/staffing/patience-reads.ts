import type { Queryable } from '../../../platform/db/db.js';
import { readAbandonTotals } from '../../wfm-ingest/queue-history-reads.js';
import type { SkillSetup } from '../setup/tenant-setup.js';
import { PATIENCE_WEEKS, patienceOf, type PatienceUsed } from './patience.js';

/**
 * The patience `skill` is sized with (§6.3), estimated from the {@link PATIENCE_WEEKS} weeks of its
 * queue history before `beforeMs` when the skill does not set one.
 *
 * @example const patience = await skillPatience(db, tenantId, skill, dayStart); staffSkill(withPatience(skill, patience), q);
 */
export function skillPatience(db: Queryable, tenantId: string, skill: SkillSetup, beforeMs: number): Promise<PatienceUsed | null> {
  return patienceOf(skill, () =>
    readAbandonTotals(
      db,
      tenantId,
      { queues: skill.queues, paradigm: skill.paradigm, outbound: skill.channel === 'OUTBOUND' },
      { fromMs: beforeMs - PATIENCE_WEEKS * 7 * 86_400_000, toMs: beforeMs },
    ),
  );
}
