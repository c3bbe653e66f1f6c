import { describe, expectTypeOf, it } from 'vitest';
import type {
  AgentActivityReport,
  AgentActivityReportDTO,
  AgentState,
  AgentStateDTO,
  AgentStateListDTO,
  QueueReport,
  ReportDTO,
  WFMReportResponseDTO,
} from './index.js';

// Compile-time checks (run by tsc over the tests): DTOs are what a client may send, the idiomatic
// names are what validation returns.

describe('inferred types', () => {
  it('DTO inputs allow missing and null optional fields', () => {
    expectTypeOf<{ loginId: string; eventCode: string; eventUtcTime: string }>().toExtend<AgentStateDTO>();
    expectTypeOf<{ loginId: string; eventCode: string; eventUtcTime: string; reasonCode: null }>().toExtend<AgentStateDTO>();
    expectTypeOf<{}>().toExtend<AgentStateListDTO>();
    expectTypeOf<{ startDate: string; endDate: string }>().toExtend<AgentActivityReportDTO>();
    expectTypeOf<{ startDate: string; endDate: string; reportData: {} }>().toExtend<ReportDTO>();
  });

  it('parsed outputs have every default filled', () => {
    expectTypeOf<AgentState['reasonCode']>().toEqualTypeOf<string>();
    expectTypeOf<AgentActivityReport['reportData'][number]['agentActivity'][number]['duration']>().toEqualTypeOf<number>();
    expectTypeOf<QueueReport['reportData']['queueReport'][number]['isOutbound']>().toEqualTypeOf<boolean>();
    expectTypeOf<QueueReport['startDate']>().toEqualTypeOf<string>();
    expectTypeOf<WFMReportResponseDTO['status']>().toEqualTypeOf<'SUCCESS' | 'FAILURE'>();
  });
});
