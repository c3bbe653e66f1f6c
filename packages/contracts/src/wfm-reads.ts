import { z } from 'zod';

// Read API (`/wfm/v1`): what was stored, in the seed's field names plus the window and revision.

const instant = z.string().describe('UTC ISO-8601 instant');
const num = z.number();
const str = z.string();

/** Query of the interval reads: windows starting in `[from, to)`. */
export const intervalQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  queueValue: z.string().min(1).max(128).optional(),
  agentValue: z.string().min(1).max(255).optional(),
  tenantId: z.string().optional(),
});

export const agentStatesQuerySchema = z.object({
  loginId: z.string().min(1).max(255).optional(),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
  tenantId: z.string().optional(),
});

export const storedAgentStateSchema = z.object({
  loginId: str,
  acdId: str,
  eventCode: str,
  reasonCode: str,
  eventUtcTime: instant,
  acceptedAt: instant,
});

const windowFields = { windowStart: instant, windowEnd: instant, revision: num };

export const storedQueueIntervalSchema = z.object({
  ...windowFields,
  paradigm: z.enum(['WCE', 'TTI']),
  queueValue: str,
  queueName: str,
  isOutbound: z.boolean(),
  contactsReceived: num,
  abandonedShort: num,
  abandonedLong: num,
  handledShort: num,
  handledLong: num,
  handleTime: num,
  workTime: num,
  holdTime: num,
  queueDelayTime: num,
  svcLvlPct: num,
  active: num,
  rightPartyContacts: num,
  rightPartyHandleTime: num,
  wrongPartyContacts: num,
  wrongPartyHandleTime: num,
  backlog: num,
  backlogNotExpired: num,
  backlogExpired: num,
});

export const storedAgentQueueIntervalSchema = z.object({
  ...windowFields,
  paradigm: z.enum(['WCE', 'TTI']),
  queueValue: str,
  agentValue: str,
  queueName: str,
  isOutbound: z.boolean(),
  agentId: str,
  handled: num,
  handledTime: num,
  workTime: num,
  holdTime: num,
  rightPartyHandleTime: num,
  wrongPartyHandleTime: num,
  rightPartyContacts: num,
  wrongPartyContacts: num,
  active: num,
});

export const storedAgentSystemIntervalSchema = z.object({
  ...windowFields,
  agentValue: str,
  agentId: str,
  readyTime: num,
  notReadyTime: num,
  loginTime: num,
});

export const storedAgentActivitySchema = z.object({
  windowStart: instant,
  agentValue: str,
  agentId: str,
  userName: str,
  state: str,
  startTime: instant,
  duration: num,
  reason: str,
  endTime: instant,
  bookedIntervalStart: instant,
  flags: z.array(str),
});

export const unmappedKeySchema = z.object({
  kind: z.enum(['login', 'agent', 'event']),
  source: str.nullable().meta({ description: "the ACD the key came from (a state's acdId, a report's acdType); null when unknown" }),
  key: str,
  reasonCode: str,
  sampleLoginId: str.nullable().meta({ description: 'events: one login (or report agent value) that carried it; null for logins and agents' }),
  firstSeenAt: instant,
  lastSeenAt: instant,
  count: num,
});

export const connectionSummarySchema = z.object({
  connectorName: str,
  connectorVersion: str,
  status: z.enum(['CONNECTED', 'DEGRADED', 'DISCONNECTED']),
  reason: str.nullable(),
  since: instant,
  firstSeenAt: instant,
  lastHeartbeatAt: instant.nullable(),
  lastRequestAt: instant.nullable(),
  transitions: z.array(z.object({ at: instant, from: str, to: str, reason: str.nullable() })),
});

export type StoredAgentState = z.infer<typeof storedAgentStateSchema>;
export type StoredQueueInterval = z.infer<typeof storedQueueIntervalSchema>;
export type StoredAgentQueueInterval = z.infer<typeof storedAgentQueueIntervalSchema>;
export type StoredAgentSystemInterval = z.infer<typeof storedAgentSystemIntervalSchema>;
export type StoredAgentActivity = z.infer<typeof storedAgentActivitySchema>;
export type UnmappedKey = z.infer<typeof unmappedKeySchema>;
