// Public surface of @floorplan/contracts: every wire schema, its inferred types, and the pure rules
// shared by the server and the SDK. Builders and rule internals stay private.

export {
  TIMESTAMP_MESSAGE,
  TIMESTAMP_TOO_EARLY_MESSAGE,
  formatUtcTimestamp,
  isUtcTimestamp,
  parseUtcTimestamp,
  tryParseUtcTimestamp,
  utcTimestampSchema,
} from './timestamp.js';

export {
  MAX_VALIDATION_ISSUES,
  formatIssuePath,
  toFailureResponse,
  toValidationIssues,
  validationIssueSchema,
  wfmFailureResponseSchema,
  wfmReportResponseSchema,
} from './issues.js';
export type { ValidationIssue, WFMReportResponseDTO, WfmFailureResponse, WfmReportResponse } from './issues.js';
export { describeIssue, wfmErrorMap } from './issue-messages.js';

export { MAX_ACTIVITY_DURATION_MS, MAX_REPORT_NUMBER } from './fields.js';
export { intervalMinutesSchema, paradigmSchema } from './wfm-acd.js';
export type { IntervalMinutes, Paradigm } from './wfm-acd.js';

export { agentStateListSchema, agentStateSchema } from './wfm-agent-states.js';
export type { AgentState, AgentStateDTO, AgentStateInput, AgentStateList, AgentStateListDTO, AgentStateListInput } from './wfm-agent-states.js';

export { agentActivityReportItemSchema, agentActivityReportSchema, agentActivitySchema } from './wfm-activity-report.js';
export type {
  AgentActivity,
  AgentActivityInput,
  AgentActivityReport,
  AgentActivityReportDTO,
  AgentActivityReportInput,
  AgentActivityReportItem,
  AgentActivityReportItemInput,
} from './wfm-activity-report.js';

export {
  agentQueueReportRowSchema,
  agentSystemPerformanceRowSchema,
  queueReportDataSchema,
  queueReportRowSchema,
  queueReportSchema,
} from './wfm-queue-report.js';
export type {
  AgentQueueReportRow,
  AgentQueueReportRowInput,
  AgentSystemPerformanceRow,
  AgentSystemPerformanceRowInput,
  QueueReport,
  QueueReportInput,
  QueueReportRow,
  QueueReportRowInput,
  ReportDTO,
} from './wfm-queue-report.js';

export { heartbeatRequestSchema, heartbeatResponseSchema } from './wfm-heartbeat.js';
export type { HeartbeatRequest, HeartbeatRequestInput, HeartbeatResponse } from './wfm-heartbeat.js';

export {
  connectionReasonSchema,
  connectionStatusSchema,
  connectorStatusSchema,
  wfmConnectionResponseSchema,
  wfmDetailsResponseSchema,
} from './wfm-connection.js';
export type { ConnectionReason, ConnectionStatus, ConnectorStatus, WfmConnectionResponse, WfmDetailsResponse } from './wfm-connection.js';

export { checkItemLimits, defaultWfmLimits } from './wfm-limits.js';
export type { WfmItemLimitFailure, WfmLimits, WfmPayloadKind } from './wfm-limits.js';

export {
  DEFAULT_CLOCK_SKEW_S,
  DEFAULT_WINDOW_SKEW_S,
  createWfmRuleContext,
  futureTimestampIssue,
  normalizeReportWindow,
} from './wfm-window.js';
export type { ReportWindowResult, WfmRuleContext } from './wfm-window.js';

export { effectiveReportStatus } from './wfm-report-rules.js';
export type { EffectiveReportStatus, ReportWindow, WfmFlag, WfmFlagCode } from './wfm-report-rules.js';

export { validateAgentActivityReport, validateAgentStates, validateHeartbeat, validateQueueReport } from './wfm-rules.js';
export type {
  AgentActivityValidationResult,
  QueueReportValidationResult,
  WfmValidationFailure,
  WfmValidationResult,
  WfmValidationSuccess,
} from './wfm-rules.js';

export {
  accessKeyPairSchema,
  accessKeyTokenRequestSchema,
  accessKeyTokenResponseSchema,
  normalizeAccessKeyTokenRequest,
  permissionSchema,
  refreshTokenRequestSchema,
  refreshTokenResponseSchema,
  roleSchema,
} from './auth.js';
export type {
  AccessKeyCredentials,
  AccessKeyTokenRequest,
  AccessKeyTokenRequestInput,
  AccessKeyTokenResponse,
  Permission,
  RefreshTokenRequest,
  RefreshTokenRequestInput,
  RefreshTokenResponse,
  Role,
} from './auth.js';

export {
  cxoneConfigurationQuerySchema,
  cxoneConfigurationSchema,
  oauthErrorResponseSchema,
  oauthTokenRequestSchema,
  oauthTokenResponseSchema,
  openIdConfigurationSchema,
  parseOAuthTokenRequest,
} from './auth-oauth.js';
export type {
  CxoneConfiguration,
  CxoneConfigurationQuery,
  OAuthErrorResponse,
  OAuthTokenRequest,
  OAuthTokenRequestInput,
  OAuthTokenResponse,
  OpenIdConfiguration,
} from './auth-oauth.js';

// Admin API and ingestion read models: schemas owned by the identity and wfm-ingest modules' authors.
export {
  accessKeySummarySchema,
  createdKeySchema,
  createKeyRequestSchema,
  createTenantRequestSchema,
  createUserRequestSchema,
  importKeyRequestSchema,
  rotatedSigningKeySchema,
  keyPurposeSchema,
  tenantNameSchema,
  tenantSchema,
  userSchema,
} from './admin.js';
export type { Tenant } from './admin.js';

export {
  agentStatesQuerySchema,
  connectionSummarySchema,
  intervalQuerySchema,
  storedAgentActivitySchema,
  storedAgentQueueIntervalSchema,
  storedAgentStateSchema,
  storedAgentSystemIntervalSchema,
  storedQueueIntervalSchema,
  unmappedKeySchema,
} from './wfm-reads.js';
export type { StoredAgentActivity, StoredAgentQueueInterval, StoredAgentState, StoredAgentSystemInterval, StoredQueueInterval, UnmappedKey } from './wfm-reads.js';

// WFM staffing calculator (engine spec §6.4).
export {
  MAX_ARRIVALS_PER_PATIENCE,
  MAX_STAFFING_AGENTS,
  MAX_STAFFING_TRAFFIC_ERLANGS,
  fractionalMethodSchema,
  staffingModelSchema,
  staffingRequestSchema,
  staffingResponseSchema,
} from './wfm-staffing.js';
export type { StaffingRequest, StaffingRequestInput, StaffingResponse } from './wfm-staffing.js';

export { bookWce, floorToInterval, intervalOfEnd, splitTti, ttiContactIntervals, wceContactIntervals } from './intervals.js';
export type { ContactIntervalRow, IntervalSeconds } from './intervals.js';
