// Public surface of @floorplan/wfm-sdk (idiomatic face). The Java-shaped facade is `@floorplan/wfm-sdk/java`.
export { connectWfm } from './client.js';
export type { DeliveredEvent, ErrorContext, Receipt, WfmClient, WfmStats } from './client.js';
export type { DeliveryOutcome } from './delivery.js';
export { CXoneWfmException, WfmError } from './errors.js';
export type { LocalReason } from './errors.js';
export type { ConnectionState } from './heartbeat.js';
export type { WfmLogger } from './logger.js';
export type { WfmOptions } from './options.js';
export type {
  AgentActivityReportDTO,
  AgentStateDTO,
  AgentStateListDTO,
  ReportDTO,
  WFMReportResponseDTO,
  WfmConnectionResponse,
  WfmDetailsResponse,
} from '@floorplan/contracts';
