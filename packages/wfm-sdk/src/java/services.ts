import type { AgentActivityReportDTO, AgentStateListDTO, ReportDTO } from '@floorplan/contracts';
import { WFMConnection } from './connection.js';

/** `AgentStatesService` of the vendor SDK. */
export interface AgentStatesService {
  processAgentStates(dto: AgentStateListDTO): Promise<void>;
}

/** `ReportService` of the vendor SDK. */
export interface ReportService {
  processAgentActivityReport(dto: AgentActivityReportDTO): Promise<void>;
  processQueueReport(dto: ReportDTO): Promise<void>;
}

/**
 * @example
 * await AgentStatesServiceImpl.getInstance().processAgentStates({ agentStateList: [...] });
 */
export class AgentStatesServiceImpl implements AgentStatesService {
  static readonly #instance = new AgentStatesServiceImpl();
  static getInstance(): AgentStatesServiceImpl {
    return AgentStatesServiceImpl.#instance;
  }
  async processAgentStates(dto: AgentStateListDTO): Promise<void> {
    const conn = WFMConnection.current();
    // The states join the next batch (≤ 250 ms), then the call waits for the server's 200.
    await conn.deliver(await conn.client().agentStates.send(dto));
  }
}

/**
 * @example
 * await ReportServiceImpl.getInstance().processQueueReport(reportDTO);
 */
export class ReportServiceImpl implements ReportService {
  static readonly #instance = new ReportServiceImpl();
  static getInstance(): ReportServiceImpl {
    return ReportServiceImpl.#instance;
  }
  async processAgentActivityReport(dto: AgentActivityReportDTO): Promise<void> {
    const conn = WFMConnection.current();
    await conn.deliver(await conn.client().reports.agentActivity(dto));
  }
  async processQueueReport(dto: ReportDTO): Promise<void> {
    const conn = WFMConnection.current();
    await conn.deliver(await conn.client().reports.queue(dto));
  }
}
