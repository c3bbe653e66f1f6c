/** Bus events of the WFM engine (spec §0, §1.1, §1.8, §2.1, §3.6, §4.5); every payload carries `tenantId`. */
export const wfmEvents = {
  setupChanged: 'wfm.setup.changed',
  scheduleChanged: 'wfm.schedule.changed',
  rtaAgentUpdated: 'wfm.rta.agentUpdated',
  adherenceRecomputed: 'wfm.adherence.recomputed',
  intradayUpdated: 'wfm.intraday.updated',
} as const;

/** What changed in the setup; `ids` are the changed entities' ids (empty = the whole kind). */
export interface SetupChangedEvent {
  tenantId: string;
  kind: 'employee' | 'schedulingUnit' | 'skill' | 'activityCode' | 'eventMapping' | 'adherenceRule' | 'neutralPeriod' | 'settings';
  ids: string[];
}

export interface ScheduleChangedEvent {
  tenantId: string;
  version: number;
  employeeIds: string[];
  /** SU-local dates, inclusive. */
  from: string;
  to: string;
}

export interface AdherenceRecomputedEvent {
  tenantId: string;
  employeeId: string;
  date: string;
}

export interface IntradayUpdatedEvent {
  tenantId: string;
  skillId: string;
  date: string;
}
