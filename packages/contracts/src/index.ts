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

// WFM real-time adherence (engine spec §2.3, §2.5).
export {
  rtaAgentSchema,
  rtaAgentsQuerySchema,
  rtaAgentsResponseSchema,
  rtaDeltaSchema,
  rtaEventsQuerySchema,
  rtaFilterSchema,
  rtaNotCalculatedReasonSchema,
  rtaStateSchema,
  rtaStreamSubscribeSchema,
} from './wfm-rta.js';
export type { RtaAgent, RtaAgentsResponse, RtaDelta, RtaFilter, RtaNotCalculatedReason, RtaState, RtaStreamSubscribe } from './wfm-rta.js';

// WFM schedules: imports, publications, day edits and reads (engine spec §1.8).
export {
  MAX_SCHEDULE_IMPORT_SEGMENTS,
  MAX_SCHEDULE_RANGE_DAYS,
  employeeScheduleSchema,
  localDateSchema,
  scheduleCoverageSchema,
  scheduleDayEditSchema,
  scheduledSegmentSchema,
  scheduleImportFailureSchema,
  scheduleImportQuerySchema,
  scheduleImportRequestSchema,
  scheduleImportSchema,
  scheduleImportSegmentSchema,
  scheduleIssueSchema,
  schedulePublicationSchema,
  schedulesQuerySchema,
  schedulesResponseSchema,
} from './wfm-schedules.js';
export type { ScheduleCoverage, ScheduleDayEdit, ScheduleImport, ScheduleImportRequest, ScheduleIssue, SchedulePublication, SchedulesResponse } from './wfm-schedules.js';

// WFM historical adherence (engine spec §3.5–3.7, §1.7 neutral periods).
export {
  adherenceActivitiesQuerySchema,
  adherenceActivitiesResponseSchema,
  adherenceActivityRowSchema,
  adherenceExceptionSchema,
  adherenceExceptionsQuerySchema,
  adherenceExceptionsResponseSchema,
  adherenceNotCalculatedReasonSchema,
  adherenceRecomputeRequestSchema,
  adherenceRecomputeResponseSchema,
  adherenceReportQuerySchema,
  adherenceReportResponseSchema,
  adherenceReportRowSchema,
  adherenceTotalsSchema,
  neutralPeriodRequestSchema,
  neutralPeriodSchema,
} from './wfm-adherence.js';
export type {
  AdherenceActivityRow,
  AdherenceException as AdherenceExceptionRow,
  AdherenceRecomputeRequest,
  AdherenceReportQuery,
  AdherenceReportResponse,
  AdherenceReportRow,
  AdherenceTotals,
  NeutralPeriodDto,
  NeutralPeriodRequest,
} from './wfm-adherence.js';

// WFM setup model and admin API (engine spec §1.1–1.7).
export {
  acdLoginSchema,
  acdQueueSchema,
  activityCategorySchema,
  activityCodeInputSchema,
  activityCodeSchema,
  adherenceRuleInputSchema,
  adherenceRuleSchema,
  employeeInputSchema,
  employeeSchema,
  employeeSkillSchema,
  eventMappingInputSchema,
  eventMappingSchema,
  eventMappingSetSchema,
  operatingHoursSchema,
  pageSchema,
  ruleSideSchema,
  schedulingUnitInputSchema,
  schedulingUnitSchema,
  serviceLevelGoalSchema,
  setupListQuerySchema,
  setupParadigmSchema,
  skillCategorySchema,
  skillChannelSchema,
  skillInputSchema,
  skillSchema,
  skillStaffingSchema,
  suAdherenceSchema,
} from './wfm-setup.js';
export type {
  AcdLoginDto,
  AcdQueueDto,
  ActivityCodeDto,
  ActivityCodeInput,
  AdherenceRuleDto,
  AdherenceRuleInput,
  Employee,
  EmployeeInput,
  EventMappingDto,
  EventMappingInput,
  OperatingHours,
  RuleSideDto,
  SchedulingUnit,
  SchedulingUnitInput,
  SetupListQuery,
  Skill,
  SkillInput,
} from './wfm-setup.js';
export { setupIssueSchema, unmappedEventSchema, unmappedLoginSchema, unmappedQueueSchema } from './wfm-setup-hygiene.js';
export type { SetupIssue, UnmappedEvent, UnmappedLogin, UnmappedQueue } from './wfm-setup-hygiene.js';

// WFM forecasts, special days (engine spec §5) and intraday, staffing requirements (§4, §6.4).
export {
  accuracySchema,
  candidateMetricsSchema,
  forecastAccuracyQuerySchema,
  forecastAccuracyResponseSchema,
  forecastImportQuerySchema,
  forecastImportRequestSchema,
  forecastImportRowSchema,
  forecastIntervalSchema,
  forecastIntervalsResponseSchema,
  forecastListQuerySchema,
  forecastMethodSchema,
  forecastRangeQuerySchema,
  forecastRequestMethodSchema,
  forecastRunListSchema,
  forecastRunRequestSchema,
  forecastRunSchema,
  forecastRunsResponseSchema,
  forecastStatusSchema,
  specialDayListQuerySchema,
  specialDayListSchema,
  specialDayRequestSchema,
  specialDaySchema,
} from './wfm-forecast.js';
export type { CandidateMetrics, ForecastAccuracyResponse, ForecastRun, ForecastRunRequest, SpecialDay, SpecialDayRequest } from './wfm-forecast.js';
export {
  intradayQuerySchema,
  intradayResponseSchema,
  intradayRowSchema,
  staffingRequirementsQuerySchema,
  staffingRequirementsResponseSchema,
} from './wfm-intraday.js';
export type { IntradayResponse, IntradayRow } from './wfm-intraday.js';

// Console sign-in (issue 5).
export { consoleLoginRequestSchema, consoleLoginResponseSchema, consoleSessionSchema, consoleTenantSchema, consoleUserSchema } from './console-auth.js';
export type { ConsoleLoginRequest, ConsoleLoginResponse, ConsoleSession, ConsoleTenant, ConsoleUser } from './console-auth.js';
