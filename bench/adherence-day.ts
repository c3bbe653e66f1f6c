// wfm.adherence.day (spec §8): full-day recompute of N agents (default 10,000), 8 scheduled segments and
// ~S agent states each (default 400), on PostgreSQL: set-wise reads, the pure core per agent, and the
// replace of the four adherence tables in one transaction (per-interval rows and exceptions stored compactly,
// one row of arrays per agent-day, migration 0008). Baseline: a raw `INSERT … SELECT unnest(…)` of
// the same output rows into empty copies of the tables (`pg-copy-streams` is not a dependency, and our
// Db interface has no COPY FROM STDIN; unnest is what the recompute itself uses). Data is seeded with
// `generate_series` in SQL. Also printed: a second run with unchanged input (input hash: no write).
//
//   BENCH_AGENTS=10000 BENCH_STATES=400 node --conditions=source --import tsx bench/adherence-day.ts
import type { WfmContext } from '../packages/server/src/modules/wfm/context.js';
import { agentDayInputHash, agentDaySetupHash, computeAgentDay } from '../packages/server/src/modules/wfm/adherence/agent-day.js';
import { agentDaySetupOf, loadAgentDayInputs } from '../packages/server/src/modules/wfm/adherence/agent-day-inputs.js';
import { recomputeAgentDays } from '../packages/server/src/modules/wfm/adherence/recompute.js';
import { loadTenantSetup } from '../packages/server/src/modules/wfm/setup/tenant-setup.js';
import { createMemoryBus } from '../packages/server/src/platform/bus/memory-bus.js';
import { migrate } from '../packages/server/src/platform/db/migrate.js';
import { createPgDb } from '../packages/server/src/platform/db/pg-db.js';
import type { Db } from '../packages/server/src/platform/db/db.js';
import { print, withSchema } from './support.js';

const agents = Number(process.env.BENCH_AGENTS ?? 10_000);
const statesPerAgent = Number(process.env.BENCH_STATES ?? 400);
const tenantId = '00000000-0000-4000-8000-0000000000b1';
const date = '2024-04-17';

async function seed(db: Db): Promise<void> {
  await db.query(`INSERT INTO tenant (id, name) VALUES ($1, 'bench')`, [tenantId]);
  await db.query(
    `INSERT INTO activity_code (tenant_id, id, name, display_as, priority, open, paid)
     VALUES ($1, '00000000-0000-4000-8000-00000000c001', 'Open', 'OPEN', 5, true, true),
            ($1, '00000000-0000-4000-8000-00000000c002', 'Break', 'BREAK', 2, false, true),
            ($1, '00000000-0000-4000-8000-00000000c003', 'Lunch', 'LUNCH', 2, false, false)`,
    [tenantId],
  );
  await db.query(
    `INSERT INTO event_mapping (tenant_id, id, source, event_code, reason_code, activity_code_id)
     SELECT $1, gen_random_uuid(), '*', e, '*', c::uuid FROM (VALUES
       ('Avail', '00000000-0000-4000-8000-00000000c001'), ('OnCall', '00000000-0000-4000-8000-00000000c001'),
       ('Break', '00000000-0000-4000-8000-00000000c002'), ('Lunch', '00000000-0000-4000-8000-00000000c003'),
       ('Logoff', '00000000-0000-4000-8000-000000000002')) AS m(e, c)`,
    [tenantId],
  );
  await db.query(
    `INSERT INTO employee (tenant_id, id, name, email, scheduling_unit_id)
     SELECT $1, ('00000000-0000-4000-a000-' || lpad(n::text, 12, '0'))::uuid, 'Agent ' || n, 'agent' || n || '@bench.test', $1
       FROM generate_series(1, $2::int) n`,
    [tenantId, agents],
  );
  await db.query(
    `INSERT INTO employee_acd_login (tenant_id, login_id, employee_id)
     SELECT $1, 'L' || n, ('00000000-0000-4000-a000-' || lpad(n::text, 12, '0'))::uuid FROM generate_series(1, $2::int) n`,
    [tenantId, agents],
  );
  await db.query(`INSERT INTO schedule_version (tenant_id, version, kind, employee_ids, from_date, to_date) VALUES ($1, 1, 'IMPORT', '{}', $2, $2)`, [tenantId, date]);
  await db.query(
    `INSERT INTO schedule_day (tenant_id, employee_id, date, valid_from_version)
     SELECT $1, ('00000000-0000-4000-a000-' || lpad(n::text, 12, '0'))::uuid, $3::date, 1 FROM generate_series(1, $2::int) n`,
    [tenantId, agents, date],
  );
  // Eight segments: Open, Break, Open, Lunch, Open, Break, Open, Open; shifts staggered by 15 minutes.
  await db.query(
    `INSERT INTO schedule_segment (tenant_id, employee_id, date, activity_code_id, start_at, end_at, valid_from_version)
     SELECT $1, ('00000000-0000-4000-a000-' || lpad(n::text, 12, '0'))::uuid, $3::date, s.code::uuid,
            $3::date + time '07:00' + (n % 8) * interval '15 minutes' + s.f * interval '1 minute',
            $3::date + time '07:00' + (n % 8) * interval '15 minutes' + s.t * interval '1 minute', 1
       FROM generate_series(1, $2::int) n
       CROSS JOIN (VALUES (0, 120, '00000000-0000-4000-8000-00000000c001'), (120, 135, '00000000-0000-4000-8000-00000000c002'),
                          (135, 240, '00000000-0000-4000-8000-00000000c001'), (240, 270, '00000000-0000-4000-8000-00000000c003'),
                          (270, 390, '00000000-0000-4000-8000-00000000c001'), (390, 405, '00000000-0000-4000-8000-00000000c002'),
                          (405, 480, '00000000-0000-4000-8000-00000000c001'), (480, 510, '00000000-0000-4000-8000-00000000c001')) AS s(f, t, code)`,
    [tenantId, agents, date],
  );
  // ~S states per agent between 06:45 and 17:15, mostly Avail/OnCall with some Break; the last is Logoff.
  await db.query(
    `INSERT INTO acd_agent_state (tenant_id, login_id, event_utc_time, event_code, reason_code, acd_id, accepted_at)
     SELECT $1, 'L' || n, $4::date + time '06:45' + (n % 8) * interval '15 minutes' + i * (interval '630 minutes' / $3::int) + (n % 7) * interval '1 second',
            CASE WHEN i = $3::int - 1 THEN 'Logoff' WHEN (i + n) % 23 = 0 THEN 'Break' WHEN i % 2 = 0 THEN 'Avail' ELSE 'OnCall' END,
            '', 'bench', now()
       FROM generate_series(1, $2::int) n CROSS JOIN generate_series(0, $3::int - 1) i`,
    [tenantId, agents, statesPerAgent, date],
  );
  await db.query('ANALYZE');
}

const tables = ['adh_agent_day', 'adh_agent_day_interval', 'adh_agent_day_exception', 'adh_agent_day_activity'] as const;

/**
 * Raw upload of the rows the recompute wrote: read them back (not timed), then INSERT … SELECT unnest into empty copies.
 * Array columns (the compact per-agent-day rows) travel as array literals cast per row, as the recompute sends them.
 */
async function baseline(db: Db): Promise<{ seconds: number; rows: Record<string, number> }> {
  const rows: Record<string, number> = {};
  let seconds = 0;
  for (const table of tables) {
    await db.query(`CREATE TABLE ${table}_copy (LIKE ${table} INCLUDING ALL)`);
    const cols = (await db.query<{ column_name: string; data_type: string; udt_name: string }>(
      `SELECT column_name, data_type, udt_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema() ORDER BY ordinal_position`,
      [table],
    )).rows;
    const data = (await db.query<Record<string, unknown>>(`SELECT ${cols.map((c) => `${c.column_name}::text AS ${c.column_name}`).join(', ')} FROM ${table}`)).rows;
    rows[table] = data.length;
    const chunk = 20_000;
    const started = performance.now();
    await db.transaction(async (tx) => {
      for (let i = 0; i < data.length; i += chunk) {
        const part = data.slice(i, i + chunk);
        await tx.query(
          `INSERT INTO ${table}_copy (${cols.map((c) => c.column_name).join(', ')})
           SELECT ${cols.map((c, k) => (c.data_type === 'ARRAY' ? `u.c${k}::${c.udt_name.slice(1)}[]` : `u.c${k}`)).join(', ')}
             FROM unnest(${cols.map((c, k) => (c.data_type === 'ARRAY' ? `$${k + 1}::text[]` : `$${k + 1}::${c.udt_name}[]`)).join(', ')})
               AS u(${cols.map((_, k) => `c${k}`).join(', ')})`,
          cols.map((c) => part.map((r) => r[c.column_name])),
        );
      }
    });
    seconds += (performance.now() - started) / 1000;
  }
  return { seconds, rows };
}

await withSchema(async (url) => {
  const db = await createPgDb({ connectionString: url, max: 4 });
  await migrate(db);
  const seedStart = performance.now();
  await seed(db);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const bus = createMemoryBus();
  // recomputeAgentDays reads only the database, the bus and the clock of the context.
  const ctx = { platform: { db, bus, clock: { now: () => new Date('2024-04-20T00:00:00Z') } } } as unknown as WfmContext;
  const ids = (await db.query<{ id: string }>('SELECT id FROM employee WHERE tenant_id = $1 ORDER BY id', [tenantId])).rows.map((r) => r.id);

  const started = performance.now();
  const first = await recomputeAgentDays(ctx, tenantId, ids, date, date);
  const full = (performance.now() - started) / 1000;

  const againStart = performance.now();
  const again = await recomputeAgentDays(ctx, tenantId, ids, date, date);
  const unchanged = (performance.now() - againStart) / 1000;

  // Where the time goes: the same steps as the recompute, timed one by one (nothing written).
  const t0 = performance.now();
  const setup = await loadTenantSetup(db, tenantId);
  const inputs = await loadAgentDayInputs(db, setup, ids, date, date, Date.parse('2024-04-20T00:00:00Z'));
  const t1 = performance.now();
  const daySetup = agentDaySetupOf(setup);
  const setupHash = agentDaySetupHash(daySetup);
  for (const input of inputs) agentDayInputHash(setupHash, input);
  const t2 = performance.now();
  for (const input of inputs) computeAgentDay(daySetup, input);
  const t3 = performance.now();
  const phases = { readSeconds: (t1 - t0) / 1000, hashSeconds: (t2 - t1) / 1000, computeSeconds: (t3 - t2) / 1000 };

  const raw = await baseline(db);
  print('wfm.adherence.day', full, 's', { agents, statesPerAgent, segmentsPerAgent: 8, written: first.written.length, rows: raw.rows, target: '< 10 s', seedSeconds: Math.round(seedSeconds) });
  print('wfm.adherence.day.phases', phases.readSeconds + phases.hashSeconds + phases.computeSeconds, 's', phases);
  print('wfm.adherence.day.unchanged', unchanged, 's', { written: again.written.length });
  print('wfm.adherence.day.baseline.rawInsertUnnest', raw.seconds, 's', { rows: raw.rows });
  print('wfm.adherence.day.ratio', full / raw.seconds, 'x', { of: 'full recompute / raw insert of the same rows' });
  await bus.close();
  await db.close();
});
