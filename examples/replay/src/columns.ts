// The CSV formats the replay reads, one table per kind of file. Names are the wire field names of
// spec §3 so a CSV header reads like the JSON it becomes; ranges are the server's, checked here so
// a bad cell is reported with its file, line and column before anything is sent.

/** What a CSV file holds, as recognised from its header. */
export type FileKind = 'states' | 'queue' | 'agentQueue' | 'agentSystem' | 'activities';

/** How a cell is parsed. Empty optional cells are absent: the wire default ("" or 0) applies. */
export type ColumnType =
  | { type: 'text'; min: number; max: number }
  | { type: 'timestamp' }
  /** Integer 0..10^9. */
  | { type: 'count' }
  /** Seconds, fractions allowed, 0..10^9. */
  | { type: 'seconds' }
  /** 0..100. */
  | { type: 'percent' }
  | { type: 'flag' }
  /** Integer milliseconds, 0..604,800,000 (one week). */
  | { type: 'millis' };

/** One column of a CSV format. */
export interface ColumnSpec {
  name: string;
  required: boolean;
  spec: ColumnType;
}

const text = (min: number, max: number): ColumnType => ({ type: 'text', min, max });
const col = (name: string, spec: ColumnType, required = false): ColumnSpec => ({ name, required, spec });
const counts = (...names: string[]) => names.map((n) => col(n, { type: 'count' }));
const seconds = (...names: string[]) => names.map((n) => col(n, { type: 'seconds' }));

/** Every interval file has its window: `startDate` required, `endDate` optional (checked when given). */
const windowColumns = [col('startDate', { type: 'timestamp' }, true), col('endDate', { type: 'timestamp' })];

/** Columns of each kind of file, in the order the README documents them. */
export const columnsByKind: Record<FileKind, readonly ColumnSpec[]> = {
  states: [
    col('eventUtcTime', { type: 'timestamp' }, true),
    col('loginId', text(1, 255), true),
    col('eventCode', text(1, 128), true),
    col('reasonCode', text(0, 128)),
    col('acdId', text(0, 255)),
  ],
  queue: [
    ...windowColumns,
    col('queueValue', text(1, 128), true),
    col('queueName', text(0, 255)),
    col('isOutbound', { type: 'flag' }),
    ...counts('contactsReceived', 'abandonedShort', 'abandonedLong', 'handledShort', 'handledLong'),
    ...seconds('handleTime', 'workTime', 'holdTime', 'queueDelayTime'),
    col('svcLvlPct', { type: 'percent' }),
    ...counts('active', 'rightPartyContacts'),
    ...seconds('rightPartyHandleTime'),
    ...counts('wrongPartyContacts'),
    ...seconds('wrongPartyHandleTime'),
    ...counts('backlog', 'backlogNotExpired', 'backlogExpired'),
  ],
  agentQueue: [
    ...windowColumns,
    col('queueValue', text(1, 128), true),
    col('queueName', text(0, 255)),
    col('isOutbound', { type: 'flag' }),
    col('agentValue', text(1, 255), true),
    col('agentId', text(0, 255)),
    ...counts('handled'),
    ...seconds('handledTime', 'workTime', 'holdTime', 'rightPartyHandleTime', 'wrongPartyHandleTime'),
    ...counts('rightPartyContacts', 'wrongPartyContacts', 'active'),
  ],
  agentSystem: [
    ...windowColumns,
    col('agentValue', text(1, 255), true),
    col('agentId', text(0, 255)),
    ...seconds('loginTime', 'readyTime', 'notReadyTime'),
  ],
  activities: [
    col('agentValue', text(1, 255), true),
    col('agentId', text(0, 255)),
    col('userName', text(0, 320)),
    col('state', text(1, 128), true),
    col('startTime', { type: 'timestamp' }, true),
    col('duration', { type: 'millis' }, true),
    col('reason', text(0, 128)),
  ],
};

/** The column each kind of file must be sorted by. */
export const timeColumnByKind: Record<FileKind, string> = {
  states: 'eventUtcTime',
  queue: 'startDate',
  agentQueue: 'startDate',
  agentSystem: 'startDate',
  activities: 'startTime',
};

/** Human names, for messages and the dry-run summary. */
export const kindLabel: Record<FileKind, string> = {
  states: 'agent states',
  queue: 'queue intervals',
  agentQueue: 'agent-queue intervals',
  agentSystem: 'agent system intervals',
  activities: 'agent activities',
};
