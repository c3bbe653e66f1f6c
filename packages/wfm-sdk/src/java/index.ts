// `@floorplan/wfm-sdk/java`: the vendor Java SDK's shape, so its sample ports line by line.
export { WFMConnectionConfig, WFMConnectionConfigBuilder } from './config.js';
export { WFMConnection } from './connection.js';
export { AgentStatesServiceImpl, ReportServiceImpl } from './services.js';
export type { AgentStatesService, ReportService } from './services.js';
export { CXoneWfmException } from '../errors.js';
export type { AgentActivityReportDTO, AgentStateDTO, AgentStateListDTO, ReportDTO, WFMReportResponseDTO } from '@floorplan/contracts';
