-- Unmapped keys per source (wfm-acd-api §4.4, wfm-engine §1.2, §1.6): a login or event is unmapped
-- for the ACD it came from (an agent state's acd_id, a report's acdType), since employee logins and
-- event mappings may be qualified by source. Rows recorded before this migration keep source '':
-- their ACD is unknown (read as null), like states sent without an acdId.
-- Events also keep one login (or report agent) that carried them, for the admin to look up.

ALTER TABLE acd_unmapped ADD COLUMN source text NOT NULL DEFAULT '';
ALTER TABLE acd_unmapped ADD COLUMN sample_login_id text NULL;
ALTER TABLE acd_unmapped DROP CONSTRAINT acd_unmapped_pkey;
ALTER TABLE acd_unmapped ADD PRIMARY KEY (tenant_id, kind, source, key, reason_code);
