/** How a report row's wire field is stored: column name and PostgreSQL array type for `unnest`. */
export interface ReportColumn {
  wire: string;
  column: string;
  type: 'text' | 'boolean' | 'bigint' | 'float8';
}

const c = (wire: string, column: string, type: ReportColumn['type']): ReportColumn => ({ wire, column, type });

export interface ReportSection {
  table: string;
  /** Wire fields of the row key, after (tenant, window). */
  key: readonly string[];
  columns: readonly ReportColumn[];
  /** Whether rows record the window's paradigm (WCE/TTI), which a series never mixes. */
  hasParadigm: boolean;
}

export const queueSection: ReportSection = {
  table: 'acd_queue_interval',
  key: ['queueValue'],
  hasParadigm: true,
  columns: [
    c('queueValue', 'queue_value', 'text'),
    c('queueName', 'queue_name', 'text'),
    c('isOutbound', 'is_outbound', 'boolean'),
    c('contactsReceived', 'contacts_received', 'bigint'),
    c('abandonedShort', 'abandoned_short', 'bigint'),
    c('abandonedLong', 'abandoned_long', 'bigint'),
    c('handledShort', 'handled_short', 'bigint'),
    c('handledLong', 'handled_long', 'bigint'),
    c('handleTime', 'handle_time', 'float8'),
    c('workTime', 'work_time', 'float8'),
    c('holdTime', 'hold_time', 'float8'),
    c('queueDelayTime', 'queue_delay_time', 'float8'),
    c('svcLvlPct', 'svc_lvl_pct', 'float8'),
    c('active', 'active', 'bigint'),
    c('rightPartyContacts', 'right_party_contacts', 'bigint'),
    c('rightPartyHandleTime', 'right_party_handle_time', 'float8'),
    c('wrongPartyContacts', 'wrong_party_contacts', 'bigint'),
    c('wrongPartyHandleTime', 'wrong_party_handle_time', 'float8'),
    c('backlog', 'backlog', 'bigint'),
    c('backlogNotExpired', 'backlog_not_expired', 'bigint'),
    c('backlogExpired', 'backlog_expired', 'bigint'),
  ],
};

export const agentQueueSection: ReportSection = {
  table: 'acd_agent_queue_interval',
  key: ['queueValue', 'agentValue'],
  hasParadigm: true,
  columns: [
    c('queueValue', 'queue_value', 'text'),
    c('agentValue', 'agent_value', 'text'),
    c('queueName', 'queue_name', 'text'),
    c('isOutbound', 'is_outbound', 'boolean'),
    c('agentId', 'agent_id', 'text'),
    c('handled', 'handled', 'bigint'),
    c('handledTime', 'handled_time', 'float8'),
    c('workTime', 'work_time', 'float8'),
    c('holdTime', 'hold_time', 'float8'),
    c('rightPartyHandleTime', 'right_party_handle_time', 'float8'),
    c('wrongPartyHandleTime', 'wrong_party_handle_time', 'float8'),
    c('rightPartyContacts', 'right_party_contacts', 'bigint'),
    c('wrongPartyContacts', 'wrong_party_contacts', 'bigint'),
    c('active', 'active', 'bigint'),
  ],
};

export const systemSection: ReportSection = {
  table: 'acd_agent_system_interval',
  key: ['agentValue'],
  hasParadigm: false,
  columns: [
    c('agentValue', 'agent_value', 'text'),
    c('agentId', 'agent_id', 'text'),
    c('readyTime', 'ready_time', 'float8'),
    c('notReadyTime', 'not_ready_time', 'float8'),
    c('loginTime', 'login_time', 'float8'),
  ],
};

/** Row key columns of a section, in wire order. */
export const keyColumns = (s: ReportSection): string[] =>
  s.key.map((k) => s.columns.find((col) => col.wire === k)?.column ?? k);
