// The vendor's Java sample (seed 002), ported line by line with the Java-shaped facade.
// Run: FLOORPLAN_URL=http://localhost:8080 ACCESS_KEY=... SECRET_KEY=... npx tsx packages/wfm-sdk/examples/java-sample.ts
import {
  AgentStatesServiceImpl,
  CXoneWfmException,
  ReportServiceImpl,
  WFMConnection,
  WFMConnectionConfigBuilder,
  type AgentActivityReportDTO,
  type AgentStateListDTO,
  type AgentStatesService,
  type ReportDTO,
  type ReportService,
  type WFMReportResponseDTO,
} from '@floorplan/wfm-sdk/java';

/** Runs the sample; returns the error responses it caught (empty when everything was accepted). */
export async function runJavaSample(serviceUrl: string, accessKey: string, secretKey: string, now = new Date()): Promise<WFMReportResponseDTO[]> {
  const caught: WFMReportResponseDTO[] = [];
  const wfmConnectionConfig = new WFMConnectionConfigBuilder()
    .setServiceUrl(serviceUrl)
    .setAccessKey(accessKey)
    .setSecretKey(secretKey)
    .build();
  const wfmConnection = WFMConnection.getConnection(wfmConnectionConfig);
  await wfmConnection.connect();

  // send Agent States
  const agentStateListDTO: AgentStateListDTO = generateAgentStateDTO(now);
  const agentStatesService: AgentStatesService = AgentStatesServiceImpl.getInstance();
  try {
    await agentStatesService.processAgentStates(agentStateListDTO);
  } catch (e) {
    if (!(e instanceof CXoneWfmException)) throw e;
    const wfmReportResponseDTO: WFMReportResponseDTO = e.getResponse();
    caught.push(wfmReportResponseDTO);
  }
  // send Agent Activity report
  try {
    const reportService: ReportService = ReportServiceImpl.getInstance();
    const agentActivityReportDTO: AgentActivityReportDTO = generateAgentActivityReportDTOForAgentActivity(now);
    await reportService.processAgentActivityReport(agentActivityReportDTO);
  } catch (e) {
    if (!(e instanceof CXoneWfmException)) throw e;
    caught.push(e.getResponse());
  }
  // send Queue report
  try {
    const reportService: ReportService = ReportServiceImpl.getInstance();
    const reportDTO: ReportDTO = generateQueueReportDTO(now);
    await reportService.processQueueReport(reportDTO);
  } catch (e) {
    if (!(e instanceof CXoneWfmException)) throw e;
    caught.push(e.getResponse());
  }
  await wfmConnection.disconnect();
  return caught;
}

/** The last closed 15-minute interval before `now`. */
function lastInterval(now: Date): { startDate: string; endDate: string } {
  const end = Math.floor(now.getTime() / 900_000) * 900_000;
  return { startDate: new Date(end - 900_000).toISOString(), endDate: new Date(end).toISOString() };
}

export function generateAgentStateDTO(now: Date): AgentStateListDTO {
  return { agentStateList: [{ loginId: 'aa4rszz@mmm.com', acdId: 'Tenant_Name', eventCode: 'CallContact', reasonCode: '', eventUtcTime: new Date(now.getTime() - 60_000).toISOString() }] };
}

export function generateAgentActivityReportDTOForAgentActivity(now: Date): AgentActivityReportDTO {
  const w = lastInterval(now);
  return {
    acdType: 'Generic',
    reportVersion: '0',
    ...w,
    reportData: [
      { agentValue: '19837005', agentId: '11eb0706-b268-988f-811b-005056a15ae6', userName: 'aa4rszz@mmm.com', agentActivity: [{ state: 'CallContact', startTime: w.startDate, duration: 139_090, reason: '' }] },
    ],
  };
}

export function generateQueueReportDTO(now: Date): ReportDTO {
  return {
    acdType: 'Generic',
    reportVersion: '0',
    ...lastInterval(now),
    status: 'SUCCESS',
    statusReason: '',
    reportData: {
      queueReport: [{ queueValue: '8057', queueName: 'ChatSkill_11', isOutbound: false, contactsReceived: 1, handledShort: 1, handleTime: 276, workTime: 3, queueDelayTime: 405, svcLvlPct: 100.0 }],
      agentQueueReport: [{ queueValue: '8057', queueName: 'ChatSkill_11', isOutbound: false, agentValue: '967382', agentId: '11eceb46-1527-7bf0-8adf-0242ac110002', handled: 1, handledTime: 276, workTime: 3 }],
      agentSystemPerformanceReport: [{ agentValue: '945987', agentId: '11e9f619-855d-0dc7-80e6-005056a16bed', readyTime: 0, notReadyTime: 0, loginTime: 900 }],
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const errors = await runJavaSample(process.env.FLOORPLAN_URL ?? 'http://localhost:8080', process.env.ACCESS_KEY ?? '', process.env.SECRET_KEY ?? '');
  console.log(errors.length === 0 ? 'all three sends accepted' : JSON.stringify(errors, null, 2));
}
