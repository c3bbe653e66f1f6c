// Applies the planned setup through the WFM setup API (spec §1.9): the default scheduling unit's
// zone, the codes, the event mapping (merged into the tenant's set), the skills and the employees.
import type { ActivityCodeDto, Employee, EventMappingDto, SchedulingUnit, Skill } from '@floorplan/contracts';
import { expectOk, GeneratorError, type WfmHttp } from './wfm-http.js';
import type { SetupPlan } from './plan-setup.js';

/** Ids the setup API gave the planned entities, by name (codes, skills) or by index (employees). */
export interface WrittenSetup {
  schedulingUnitId: string;
  codes: Record<string, string>;
  skills: Record<string, string>;
  employeeIds: string[];
}

async function listAll<T>(http: WfmHttp, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page = (await expectOk(http, 'GET', `${path}?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)) as { items: T[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/**
 * Names of planned entities that already exist in the tenant (codes, skills, employee emails and
 * logins): a tenant generated before, or one whose setup would clash.
 *
 * @example
 * await existingGenerated(http, plan.setup); // [] on a fresh tenant
 */
export async function existingGenerated(http: WfmHttp, plan: SetupPlan): Promise<string[]> {
  const [codes, skills, employees] = await Promise.all([
    listAll<ActivityCodeDto>(http, '/wfm/v1/activity-codes'),
    listAll<Skill>(http, '/wfm/v1/skills'),
    listAll<Employee>(http, '/wfm/v1/employees'),
  ]);
  const lower = (s: string) => s.toLowerCase();
  const codeNames = new Set(codes.map((c) => lower(c.name)));
  const skillNames = new Set(skills.map((s) => lower(s.name)));
  const emails = new Set(employees.map((e) => lower(e.email)));
  const logins = new Set(employees.flatMap((e) => e.acdLogins.map((l) => l.loginId)));
  return [
    ...plan.codes.filter((c) => codeNames.has(lower(c.name))).map((c) => `activity code ${c.name}`),
    ...plan.skills.filter((s) => skillNames.has(lower(s.name))).map((s) => `skill ${s.name}`),
    ...plan.employees.filter((e) => emails.has(e.email) || logins.has(e.loginId)).map((e) => `employee ${e.email} (login ${e.loginId})`),
  ];
}

/**
 * Writes the setup and returns the ids. The caller checked {@link existingGenerated} first.
 *
 * @example
 * const ids = await writeSetup(http, plan.setup);
 */
export async function writeSetup(http: WfmHttp, plan: SetupPlan): Promise<WrittenSetup> {
  const units = await listAll<SchedulingUnit>(http, '/wfm/v1/scheduling-units');
  const su = units.find((u) => u.isDefault);
  if (!su) throw new GeneratorError('the tenant has no default scheduling unit');
  if (su.timeZone !== plan.timeZone) {
    await expectOk(http, 'PUT', `/wfm/v1/scheduling-units/${su.id}`, {
      name: su.name,
      timeZone: plan.timeZone,
      firstDayOfWeek: su.firstDayOfWeek,
      operatingHours: su.operatingHours,
      adherence: su.adherence,
    });
  }

  const codes: Record<string, string> = {};
  for (const c of await listAll<ActivityCodeDto>(http, '/wfm/v1/activity-codes')) {
    if (c.builtin === 'LOGIN') codes.Login = c.id;
    if (c.builtin === 'LOGOFF') codes.Logoff = c.id;
  }
  for (const c of plan.codes) {
    const created = (await expectOk(http, 'POST', '/wfm/v1/activity-codes', {
      name: c.name,
      displayAs: c.displayAs,
      priority: c.priority,
      open: c.open,
      paid: c.paid,
      color: c.color,
    })) as ActivityCodeDto;
    codes[c.name] = created.id;
  }

  // PUT replaces the whole set: keep the tenant's other mappings.
  const existing = await listAll<EventMappingDto>(http, '/wfm/v1/event-mappings');
  const key = (m: { source?: string | undefined; eventCode: string; reasonCode: string }) => `${m.source ?? '*'}\u0000${m.eventCode}\u0000${m.reasonCode}`;
  const planned = plan.mappings.map((m) => {
    const activityCodeId = codes[m.code];
    if (!activityCodeId) throw new GeneratorError(`event mapping ${m.eventCode}/${m.reasonCode} names an unknown code ${m.code}`);
    return { eventCode: m.eventCode, reasonCode: m.reasonCode, activityCodeId };
  });
  const plannedKeys = new Set(planned.map(key));
  const kept = existing
    .filter((m) => !plannedKeys.has(key(m)))
    .map((m) => ({ ...(m.source ? { source: m.source } : {}), eventCode: m.eventCode, reasonCode: m.reasonCode, activityCodeId: m.activityCodeId }));
  await expectOk(http, 'PUT', '/wfm/v1/event-mappings', { mappings: [...kept, ...planned] });

  const skills: Record<string, string> = {};
  for (const s of plan.skills) {
    const created = (await expectOk(http, 'POST', '/wfm/v1/skills', {
      name: s.name,
      color: s.color,
      channel: s.channel,
      acdQueues: [{ queueValue: s.queueValue }],
      timeZone: plan.timeZone,
      ...(s.erlangA ? { staffing: { model: 'ERLANG_A' } } : {}),
    })) as Skill;
    skills[s.name] = created.id;
  }

  const employeeIds: string[] = [];
  for (const e of plan.employees) {
    const created = (await expectOk(http, 'POST', '/wfm/v1/employees', {
      name: e.name,
      email: e.email,
      acdLogins: [{ loginId: e.loginId }],
      schedulingUnitId: su.id,
      skills: e.skills.map((name) => ({ skillId: skills[name] as string })),
    })) as Employee;
    employeeIds.push(created.id);
  }
  return { schedulingUnitId: su.id, codes, skills, employeeIds };
}
