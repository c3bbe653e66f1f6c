-- Historical adherence, compact per-interval storage (wfm-engine spec §3.6, bench wfm.adherence.day):
-- a full-day recompute wrote ~200 rows per agent-day (42 adherence intervals, 146 activity rows, 18
-- exceptions), 2.06 M rows for 10 000 agents, each with its primary-key entry. They are now one row
-- per agent-day (activities: per agent-day, paradigm and code) holding parallel arrays; element i of every array of a row belongs
-- together. Reads unnest them (a report reads few agent-days). Instants are epoch milliseconds.

CREATE TABLE adh_agent_day_interval (
  tenant_id uuid NOT NULL,
  employee_id uuid NOT NULL,
  date date NOT NULL,
  -- interval starts ascending; only intervals where something was scheduled or productive (§3.4)
  interval_starts bigint[] NOT NULL,
  scheduled_ms bigint[] NOT NULL,
  in_ms bigint[] NOT NULL,
  out_ms bigint[] NOT NULL,
  neutral_ms bigint[] NOT NULL,
  unmapped_ms bigint[] NOT NULL,
  unscheduled_worked_ms bigint[] NOT NULL,
  scheduled_productive_ms bigint[] NOT NULL,
  worked_productive_ms bigint[] NOT NULL,
  PRIMARY KEY (tenant_id, employee_id, date)
);

INSERT INTO adh_agent_day_interval
SELECT tenant_id, employee_id, date,
       array_agg((extract(epoch FROM interval_start) * 1000)::bigint ORDER BY interval_start),
       array_agg(scheduled_ms ORDER BY interval_start), array_agg(in_ms ORDER BY interval_start),
       array_agg(out_ms ORDER BY interval_start), array_agg(neutral_ms ORDER BY interval_start),
       array_agg(unmapped_ms ORDER BY interval_start), array_agg(unscheduled_worked_ms ORDER BY interval_start),
       array_agg(scheduled_productive_ms ORDER BY interval_start), array_agg(worked_productive_ms ORDER BY interval_start)
  FROM adh_agent_interval GROUP BY tenant_id, employee_id, date;

DROP TABLE adh_agent_interval;

CREATE TABLE adh_agent_day_activity (
  tenant_id uuid NOT NULL,
  employee_id uuid NOT NULL,
  date date NOT NULL,
  paradigm text NOT NULL CHECK (paradigm IN ('WCE', 'TTI')),
  -- a code id, or 'UNMAPPED' (one row per code: a day has a handful, and an array of ids would be
  -- mostly repeated 36-character strings)
  activity_code_id text NOT NULL,
  -- the intervals (ascending) where the code has ms > 0, and those ms
  interval_starts bigint[] NOT NULL,
  ms bigint[] NOT NULL,
  PRIMARY KEY (tenant_id, employee_id, date, paradigm, activity_code_id)
);

INSERT INTO adh_agent_day_activity
SELECT tenant_id, employee_id, date, paradigm, activity_code_id,
       array_agg((extract(epoch FROM interval_start) * 1000)::bigint ORDER BY interval_start), array_agg(ms ORDER BY interval_start)
  FROM adh_activity_interval GROUP BY tenant_id, employee_id, date, paradigm, activity_code_id;

DROP TABLE adh_activity_interval;

CREATE TABLE adh_agent_day_exception (
  tenant_id uuid NOT NULL,
  employee_id uuid NOT NULL,
  date date NOT NULL,
  -- the §3.3 exceptions of the day in start order (epoch ms); code ids or 'UNMAPPED'; the event and
  -- reason codes are null where no data gave Logoff
  start_ats bigint[] NOT NULL,
  end_ats bigint[] NOT NULL,
  scheduled_activity_code_ids text[] NOT NULL,
  actual_activity_code_ids text[] NOT NULL,
  event_codes text[] NOT NULL,
  reason_codes text[] NOT NULL,
  PRIMARY KEY (tenant_id, employee_id, date)
);

INSERT INTO adh_agent_day_exception
SELECT tenant_id, employee_id, date,
       array_agg((extract(epoch FROM start_at) * 1000)::bigint ORDER BY start_at), array_agg((extract(epoch FROM end_at) * 1000)::bigint ORDER BY start_at),
       array_agg(scheduled_activity_code_id ORDER BY start_at), array_agg(actual_activity_code_id ORDER BY start_at),
       array_agg(event_code ORDER BY start_at), array_agg(reason_code ORDER BY start_at)
  FROM adh_exception GROUP BY tenant_id, employee_id, date;

DROP TABLE adh_exception;
