// One generation run against the WFM API: refuse (or skip) a tenant that already holds the
// generated names, then setup, published schedules and history, in that order.
import type { GenerationPlan } from './plan.js';
import { planSchedules } from './plan-schedules.js';
import { GeneratorError, type WfmHttp } from './wfm-http.js';
import { writeHistory, type HistoryCounts, type QueueHistorySink } from './write-history.js';
import { writeSchedules } from './write-schedules.js';
import { existingGenerated, writeSetup, type WrittenSetup } from './write-setup.js';

export interface GenerationSummary {
  skipped: boolean;
  /** What already existed (a skipped or refused run). */
  existing: string[];
  setup?: WrittenSetup;
  scheduleVersions?: number[];
  scheduleSegments?: number;
  history?: HistoryCounts;
  millis: { setup: number; schedules: number; history: number };
}

/**
 * Writes the plan through `http` (a token with setup, schedule and ingest permissions, e.g. an
 * admin's general key). With `ifExists: 'fail'` (default) a tenant holding any generated name is
 * refused with a GeneratorError listing them; with `'skip'` nothing is written and the summary
 * says `skipped`. `queueSink` replaces the ingestion API for the queue history (in-process bulk).
 *
 * @example
 * const summary = await generateCenter(injectHttp(app, adminToken), planGeneration({ tenant: 'demo' }, Date.now()));
 */
export async function generateCenter(
  http: WfmHttp,
  plan: GenerationPlan,
  o: { ifExists?: 'fail' | 'skip'; progress?: (line: string) => void; queueSink?: QueueHistorySink } = {},
): Promise<GenerationSummary> {
  const progress = o.progress ?? (() => {});
  const millis = { setup: 0, schedules: 0, history: 0 };
  const existing = await existingGenerated(http, plan.setup);
  if (existing.length > 0) {
    if (o.ifExists === 'skip') return { skipped: true, existing, millis };
    const shown = existing.slice(0, 5).join(', ') + (existing.length > 5 ? ` and ${existing.length - 5} more` : '');
    throw new GeneratorError(`tenant ${plan.options.tenant} already has generated data (${shown}); generate into a new tenant`);
  }
  let t = Date.now();
  progress(`setup: ${plan.setup.codes.length} activity codes, ${plan.setup.skills.length} skills, ${plan.setup.employees.length} employees`);
  const setup = await writeSetup(http, plan.setup);
  millis.setup = Date.now() - t;

  t = Date.now();
  const days = planSchedules(plan.options.seed, plan.setup.employees, plan.scheduleDates, plan.setup.timeZone);
  const scheduleSegments = days.reduce((n, d) => n + d.segments.length, 0);
  progress(`schedules: ${scheduleSegments} segments over ${plan.scheduleDates.length} days`);
  const scheduleVersions = await writeSchedules(http, setup, days, plan.scheduleDates);
  millis.schedules = Date.now() - t;

  t = Date.now();
  const history = await writeHistory(http, plan, progress, o.queueSink);
  millis.history = Date.now() - t;
  return { skipped: false, existing: [], setup, scheduleVersions, scheduleSegments, history, millis };
}
