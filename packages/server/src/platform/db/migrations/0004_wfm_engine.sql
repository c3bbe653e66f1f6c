-- WFM engine: setup, schedules, RTA board, historical adherence, forecasts.
-- Every key is led by tenant_id. Entities that history refers to are archived, never deleted.

CREATE TABLE wfm_settings (
  tenant_id uuid PRIMARY KEY,
  adherence_source text NOT NULL DEFAULT 'REPORTS_THEN_STATES'
    CHECK (adherence_source IN ('REPORTS_THEN_STATES', 'STATES_ONLY', 'REPORTS_ONLY')),
  reforecast_phi double precision NOT NULL DEFAULT 0.95 CHECK (reforecast_phi > 0 AND reforecast_phi <= 1),
  version int NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE scheduling_unit (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  name text NOT NULL,
  time_zone text NOT NULL,
  first_day_of_week int NOT NULL DEFAULT 1 CHECK (first_day_of_week BETWEEN 1 AND 7),
  -- {"allDay": true} or [{"weekday": 1, "open": "08:00", "close": "18:00"}, ...]
  operating_hours jsonb NOT NULL DEFAULT '{"allDay": true}',
  exception_threshold_s int NOT NULL DEFAULT 0 CHECK (exception_threshold_s BETWEEN 0 AND 3600),
  alarm_threshold_s int NOT NULL DEFAULT 300 CHECK (alarm_threshold_s BETWEEN 0 AND 7200),
  is_default boolean NOT NULL DEFAULT false,
  archived_at timestamptz,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX scheduling_unit_name ON scheduling_unit (tenant_id, lower(name));

CREATE TABLE activity_code (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  name text NOT NULL,
  display_as text NOT NULL
    CHECK (display_as IN ('OPEN', 'BREAK', 'LUNCH', 'MEETING', 'TRAINING', 'BUSY', 'OUT_OF_OFFICE', 'OFFLINE')),
  priority int NOT NULL DEFAULT 5 CHECK (priority BETWEEN 1 AND 10),
  open boolean NOT NULL,
  paid boolean NOT NULL DEFAULT true,
  payroll_code text NOT NULL DEFAULT '' CHECK (length(payroll_code) <= 32),
  color text NOT NULL DEFAULT '#808080',
  schedulable boolean NOT NULL DEFAULT true,
  -- 'LOGIN' / 'LOGOFF' for the two built-ins, which every tenant has under fixed ids.
  builtin text CHECK (builtin IN ('LOGIN', 'LOGOFF')),
  archived_at timestamptz,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX activity_code_name ON activity_code (tenant_id, lower(name));

CREATE TABLE skill (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  name text NOT NULL,
  color text NOT NULL DEFAULT '#4060C0',
  channel text NOT NULL CHECK (channel IN ('VOICE', 'CHAT', 'SMS', 'EMAIL', 'SOCIAL', 'WORK_ITEM', 'OUTBOUND')),
  category text NOT NULL CHECK (category IN ('REAL_TIME', 'DEFERRABLE')),
  -- null for outbound skills
  sl_percent double precision CHECK (sl_percent BETWEEN 1 AND 100),
  sl_seconds int CHECK (sl_seconds >= 0),
  short_abandon_threshold_s int NOT NULL DEFAULT 5,
  paradigm text NOT NULL DEFAULT 'WCE' CHECK (paradigm IN ('WCE', 'TTI')),
  time_zone text NOT NULL,
  -- {model, maxOccupancy, shrinkage, concurrency, patienceSeconds?, fractional}
  staffing jsonb NOT NULL,
  archived_at timestamptz,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX skill_name ON skill (tenant_id, lower(name));

-- A (source, queue) belongs to at most one skill; source '*' = any ACD.
CREATE TABLE skill_queue (
  tenant_id uuid NOT NULL,
  source text NOT NULL DEFAULT '*',
  queue_value text NOT NULL,
  skill_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, source, queue_value)
);
CREATE INDEX skill_queue_skill ON skill_queue (tenant_id, skill_id);

CREATE TABLE employee (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  name text NOT NULL,
  email text NOT NULL,
  scheduling_unit_id uuid NOT NULL,
  can_be_scheduled boolean NOT NULL DEFAULT true,
  active boolean NOT NULL DEFAULT true,
  user_id uuid,
  archived_at timestamptz,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX employee_email ON employee (tenant_id, email);
CREATE INDEX employee_su ON employee (tenant_id, scheduling_unit_id);

-- (source, login) belongs to at most one employee; source '*' = any ACD.
CREATE TABLE employee_acd_login (
  tenant_id uuid NOT NULL,
  source text NOT NULL DEFAULT '*',
  login_id text NOT NULL,
  employee_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, source, login_id)
);
CREATE INDEX employee_acd_login_employee ON employee_acd_login (tenant_id, employee_id);
CREATE INDEX employee_acd_login_login ON employee_acd_login (tenant_id, login_id);

CREATE TABLE employee_skill (
  tenant_id uuid NOT NULL,
  employee_id uuid NOT NULL,
  skill_id uuid NOT NULL,
  proficiency int CHECK (proficiency >= 1),
  PRIMARY KEY (tenant_id, employee_id, skill_id)
);
CREATE INDEX employee_skill_skill ON employee_skill (tenant_id, skill_id);

CREATE TABLE event_mapping (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  source text NOT NULL DEFAULT '*',
  event_code text NOT NULL,
  -- exact string, '' = no reason, '*' = any reason
  reason_code text NOT NULL,
  activity_code_id uuid NOT NULL,
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX event_mapping_key ON event_mapping (tenant_id, source, event_code, reason_code);

CREATE TABLE adherence_rule (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  scheduled_kind text NOT NULL CHECK (scheduled_kind IN ('CODE', 'CATEGORY')),
  scheduled_value text NOT NULL,
  actual_kind text NOT NULL CHECK (actual_kind IN ('CODE', 'CATEGORY')),
  actual_value text NOT NULL,
  adherence text NOT NULL CHECK (adherence IN ('IN', 'OUT', 'NEUTRAL')),
  exception_threshold_s int CHECK (exception_threshold_s BETWEEN 0 AND 3600),
  alarm_threshold_s int CHECK (alarm_threshold_s BETWEEN 0 AND 7200),
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX adherence_rule_key ON adherence_rule (tenant_id, scheduled_kind, scheduled_value, actual_kind, actual_value);

CREATE TABLE neutral_period (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  -- exactly one of the two targets is set
  scheduling_unit_id uuid,
  employee_ids uuid[],
  from_at timestamptz NOT NULL,
  to_at timestamptz NOT NULL CHECK (to_at > from_at),
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CHECK ((scheduling_unit_id IS NULL) <> (employee_ids IS NULL))
);
CREATE INDEX neutral_period_time ON neutral_period (tenant_id, from_at);

-- A console user may be limited to some scheduling units (spec §1.1); null = all.
ALTER TABLE app_user ADD COLUMN scheduling_unit_ids uuid[];

-- Schedules -----------------------------------------------------------------------------------

-- An import is validated when posted and kept (with its row errors) whether or not it publishes.
CREATE TABLE schedule_import (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('VALID', 'INVALID', 'PUBLISHED')),
  format text NOT NULL CHECK (format IN ('JSON', 'CSV')),
  coverage jsonb NOT NULL,
  -- validated, resolved segments: [{employeeId, activityCodeId, start, end}] (epoch ms)
  segments jsonb NOT NULL,
  errors jsonb NOT NULL DEFAULT '[]',
  warnings jsonb NOT NULL DEFAULT '[]',
  published_version int,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);

-- Tenant-wide publication counter; each publication (import or day edit) is one version.
CREATE TABLE schedule_version (
  tenant_id uuid NOT NULL,
  version int NOT NULL,
  kind text NOT NULL CHECK (kind IN ('IMPORT', 'DAY_EDIT')),
  import_id uuid,
  employee_ids uuid[] NOT NULL,
  from_date date NOT NULL,
  to_date date NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, version)
);

-- A covered employee-date (SU-local). Covered without segments = day off.
CREATE TABLE schedule_day (
  tenant_id uuid NOT NULL,
  employee_id uuid NOT NULL,
  date date NOT NULL,
  valid_from_version int NOT NULL,
  valid_to_version int,
  PRIMARY KEY (tenant_id, employee_id, date, valid_from_version)
);
CREATE INDEX schedule_day_current ON schedule_day (tenant_id, employee_id, date) WHERE valid_to_version IS NULL;

-- Published segments, unflattened; `date` is the employee-date they were published under.
CREATE TABLE schedule_segment (
  tenant_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  employee_id uuid NOT NULL,
  date date NOT NULL,
  activity_code_id uuid NOT NULL,
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL CHECK (end_at > start_at),
  valid_from_version int NOT NULL,
  valid_to_version int,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX schedule_segment_current ON schedule_segment (tenant_id, employee_id, start_at) WHERE valid_to_version IS NULL;
CREATE INDEX schedule_segment_day ON schedule_segment (tenant_id, employee_id, date);

-- Real-time adherence -------------------------------------------------------------------------

-- The board, flushed from memory at most once a second; the processor rebuilds from it at start.
CREATE TABLE rta_agent_current (
  tenant_id uuid NOT NULL,
  employee_id uuid NOT NULL,
  entry jsonb NOT NULL,
  seq bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, employee_id)
);

-- Historical adherence (all durations in milliseconds) ----------------------------------------

CREATE TABLE adh_agent_day (
  tenant_id uuid NOT NULL,
  employee_id uuid NOT NULL,
  date date NOT NULL,
  scheduling_unit_id uuid NOT NULL,
  window_start timestamptz NOT NULL,
  window_end timestamptz NOT NULL,
  scheduled_ms bigint NOT NULL,
  in_ms bigint NOT NULL,
  out_ms bigint NOT NULL,
  neutral_ms bigint NOT NULL,
  unmapped_ms bigint NOT NULL,
  unscheduled_worked_ms bigint NOT NULL,
  scheduled_productive_ms bigint NOT NULL,
  worked_productive_ms bigint NOT NULL,
  exception_count int NOT NULL,
  not_calculated_reason text,
  -- hash of every input of the computation: an unchanged input writes nothing
  input_hash text NOT NULL,
  computed_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, employee_id, date)
);
CREATE INDEX adh_agent_day_date ON adh_agent_day (tenant_id, date);

CREATE TABLE adh_agent_interval (
  tenant_id uuid NOT NULL,
  employee_id uuid NOT NULL,
  date date NOT NULL,
  interval_start timestamptz NOT NULL,
  scheduled_ms bigint NOT NULL,
  in_ms bigint NOT NULL,
  out_ms bigint NOT NULL,
  neutral_ms bigint NOT NULL,
  unmapped_ms bigint NOT NULL,
  unscheduled_worked_ms bigint NOT NULL,
  scheduled_productive_ms bigint NOT NULL,
  worked_productive_ms bigint NOT NULL,
  PRIMARY KEY (tenant_id, employee_id, date, interval_start)
);

CREATE TABLE adh_exception (
  tenant_id uuid NOT NULL,
  employee_id uuid NOT NULL,
  date date NOT NULL,
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  scheduled_activity_code_id text NOT NULL,
  actual_activity_code_id text NOT NULL,
  event_code text,
  reason_code text,
  PRIMARY KEY (tenant_id, employee_id, date, start_at)
);

CREATE TABLE adh_activity_interval (
  tenant_id uuid NOT NULL,
  employee_id uuid NOT NULL,
  date date NOT NULL,
  paradigm text NOT NULL CHECK (paradigm IN ('WCE', 'TTI')),
  interval_start timestamptz NOT NULL,
  -- a code id, or 'UNMAPPED'
  activity_code_id text NOT NULL,
  ms bigint NOT NULL,
  PRIMARY KEY (tenant_id, employee_id, date, paradigm, interval_start, activity_code_id)
);

-- Forecasts -----------------------------------------------------------------------------------

CREATE TABLE special_day (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  date date NOT NULL,
  -- null = all skills
  skill_ids uuid[],
  label text NOT NULL,
  exclude_from_history boolean NOT NULL DEFAULT true,
  factor double precision NOT NULL DEFAULT 1 CHECK (factor >= 0),
  version int NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX special_day_date ON special_day (tenant_id, date);

CREATE TABLE forecast_run (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  skill_id uuid NOT NULL,
  version int NOT NULL,
  method text NOT NULL CHECK (method IN ('WHI', 'PROFILE', 'PROFILE_TREND', 'HOLT_WINTERS', 'IMPORTED')),
  requested_method text,
  params jsonb NOT NULL DEFAULT '{}',
  paradigm text NOT NULL CHECK (paradigm IN ('WCE', 'TTI')),
  history_from date,
  history_to date,
  horizon_from date NOT NULL,
  horizon_days int NOT NULL,
  -- per candidate: {wape, bias, mase, wapeFloor}
  backtest jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL CHECK (status IN ('ACTIVE', 'SUPERSEDED', 'FAILED', 'INSUFFICIENT_HISTORY')),
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX forecast_run_version ON forecast_run (tenant_id, skill_id, version);
CREATE INDEX forecast_run_active ON forecast_run (tenant_id, skill_id) WHERE status = 'ACTIVE';

CREATE TABLE forecast_interval (
  tenant_id uuid NOT NULL,
  run_id uuid NOT NULL,
  interval_start timestamptz NOT NULL,
  contacts double precision NOT NULL,
  aht_seconds double precision,
  PRIMARY KEY (tenant_id, run_id, interval_start)
);

-- Defaults every tenant has: the built-in Login/Logoff codes under fixed ids and a default
-- scheduling unit whose id is the tenant's. A trigger keeps it one statement for every path
-- that creates tenants (API, CLI, bootstrap).
CREATE FUNCTION wfm_tenant_defaults() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO activity_code (tenant_id, id, name, display_as, priority, open, paid, schedulable, builtin, color)
  VALUES (NEW.id, '00000000-0000-4000-8000-000000000001', 'Login', 'OPEN', 10, true, true, false, 'LOGIN', '#2E9E5B'),
         (NEW.id, '00000000-0000-4000-8000-000000000002', 'Logoff', 'OFFLINE', 10, false, false, false, 'LOGOFF', '#9E9E9E')
  ON CONFLICT DO NOTHING;
  INSERT INTO scheduling_unit (tenant_id, id, name, time_zone, is_default)
  VALUES (NEW.id, NEW.id, NEW.name, 'UTC', true)
  ON CONFLICT DO NOTHING;
  INSERT INTO wfm_settings (tenant_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NEW;
END;
$$;

CREATE TRIGGER tenant_wfm_defaults AFTER INSERT ON tenant FOR EACH ROW EXECUTE FUNCTION wfm_tenant_defaults();

INSERT INTO activity_code (tenant_id, id, name, display_as, priority, open, paid, schedulable, builtin, color)
SELECT t.id, v.id::uuid, v.name, v.display_as, 10, v.open, v.open, false, v.builtin, v.color
  FROM tenant t,
       (VALUES ('00000000-0000-4000-8000-000000000001', 'Login', 'OPEN', true, 'LOGIN', '#2E9E5B'),
               ('00000000-0000-4000-8000-000000000002', 'Logoff', 'OFFLINE', false, 'LOGOFF', '#9E9E9E'))
         AS v(id, name, display_as, open, builtin, color)
ON CONFLICT DO NOTHING;
INSERT INTO scheduling_unit (tenant_id, id, name, time_zone, is_default)
SELECT id, id, name, 'UTC', true FROM tenant ON CONFLICT DO NOTHING;
INSERT INTO wfm_settings (tenant_id) SELECT id FROM tenant ON CONFLICT DO NOTHING;

-- The interim ingest mapping tables give way to employees' logins and the event mapping.
DROP TABLE acd_login_mapping;
DROP TABLE acd_event_mapping;
