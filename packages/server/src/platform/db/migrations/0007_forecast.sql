-- Forecasting and intraday read one skill's queues over weeks of windows (wfm-engine spec §5.1, §4.1).
-- The primary key leads with window_start, so that read would scan every queue of the tenant in the
-- range; this index makes it proportional to the skill's own rows.
CREATE INDEX acd_queue_interval_queue ON acd_queue_interval (tenant_id, queue_value, window_start);
