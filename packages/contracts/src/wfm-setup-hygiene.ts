// The setup's data-hygiene reads (wfm-engine spec §1.2, §1.4, §1.6, §1.9): values the ACD sends that
// no setup covers, and setup that cannot work as it stands.
import { z } from 'zod';
import { timestamp } from './fields.js';
import { setupParadigmSchema } from './wfm-setup.js';

export const unmappedLoginSchema = z.object({
  loginId: z.string(),
  source: z.string().nullable().meta({ description: "the ACD that sent the login (a state's acdId, a report's acdType); null when unknown" }),
  seenIn: z.enum(['AGENT_STATES', 'ACTIVITY_REPORTS']),
  firstSeen: timestamp(),
  lastSeen: timestamp(),
  count: z.number().int(),
});

export const unmappedEventSchema = z.object({
  source: z.string().nullable().meta({ description: "the ACD that sent the event (a state's acdId, a report's acdType); null when unknown" }),
  eventCode: z.string(),
  reasonCode: z.string(),
  firstSeen: timestamp(),
  lastSeen: timestamp(),
  count: z.number().int(),
  sampleLoginId: z.string().nullable().meta({ description: 'one login (or report agent value) that carried the event; null for events recorded before it was kept' }),
});

export const unmappedQueueSchema = z.object({
  queueValue: z.string(),
  queueName: z.string(),
  paradigms: z.array(setupParadigmSchema),
  firstWindowStart: timestamp(),
  lastWindowEnd: timestamp(),
  rows: z.number().int(),
});

export type UnmappedLogin = z.infer<typeof unmappedLoginSchema>;
export type UnmappedEvent = z.infer<typeof unmappedEventSchema>;
export type UnmappedQueue = z.infer<typeof unmappedQueueSchema>;

export const setupIssueSchema = z.object({
  code: z.enum([
    'EMPLOYEE_WITHOUT_LOGINS',
    'UNMAPPED_LOGINS',
    'UNMAPPED_EVENTS',
    'UNMAPPED_QUEUES',
    'SKILL_WITHOUT_QUEUES',
    'PROFICIENCY_OVER_10',
    'PARADIGM_MISMATCH',
  ]),
  severity: z.enum(['WARNING', 'ERROR']),
  /** The entity concerned; null for tenant-wide counts. */
  entity: z.object({ kind: z.enum(['employee', 'skill']), id: z.uuid(), name: z.string() }).nullable(),
  message: z.string(),
  count: z.number().int().nullable(),
});
export type SetupIssue = z.infer<typeof setupIssueSchema>;
