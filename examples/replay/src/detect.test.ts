import { describe, expect, it } from 'vitest';
import { detectFormat, HeaderError } from './detect.js';

const kind = (header: string) => detectFormat(header.split(',')).kind;
const problem = (header: string) => {
  try {
    detectFormat(header.split(','));
  } catch (e) {
    return e instanceof HeaderError ? `${e.column}: ${e.message}` : `not a HeaderError: ${String(e)}`;
  }
  return 'no error';
};

describe('detectFormat', () => {
  it('recognises each kind of file from its header, whatever the column order', () => {
    expect(kind('eventUtcTime,loginId,eventCode')).toBe('states');
    expect(kind('loginId,eventCode,reasonCode,acdId,eventUtcTime')).toBe('states');
    expect(kind('startDate,queueValue')).toBe('queue');
    expect(kind('startDate,endDate,queueValue,queueName,contactsReceived,svcLvlPct')).toBe('queue');
    expect(kind('startDate,queueValue,agentValue,handled,handledTime')).toBe('agentQueue');
    expect(kind('startDate,agentValue,loginTime')).toBe('agentSystem');
    expect(kind('startDate,agentValue,readyTime,notReadyTime')).toBe('agentSystem');
    expect(kind('agentValue,state,startTime,duration')).toBe('activities');
    expect(kind(' agentValue , userName,state,startTime,duration,reason')).toBe('activities');
  });

  it('maps each column to its index and spec', () => {
    const f = detectFormat(['queueValue', 'startDate', 'svcLvlPct']);
    expect([...f.index]).toEqual([
      ['queueValue', 0],
      ['startDate', 1],
      ['svcLvlPct', 2],
    ]);
    expect(f.present.find((c) => c.name === 'svcLvlPct')).toEqual({ name: 'svcLvlPct', required: false, spec: { type: 'percent' }, at: 2 });
  });

  it('explains a header it cannot use, naming the column', () => {
    expect(problem('startDate,agentValue')).toMatch(/^1: cannot tell what the file holds from its header \(startDate, agentValue\); expected the columns of one of: agent states \(eventUtcTime, loginId, eventCode\);/);
    expect(problem('startDate,queueValue,handeTime')).toBe('3: unknown column "handeTime" in a file of queue intervals; known columns: startDate, endDate, queueValue, queueName, isOutbound, contactsReceived, abandonedShort, abandonedLong, handledShort, handledLong, handleTime, workTime, holdTime, queueDelayTime, svcLvlPct, active, rightPartyContacts, rightPartyHandleTime, wrongPartyContacts, wrongPartyHandleTime, backlog, backlogNotExpired, backlogExpired');
    expect(problem('eventUtcTime,loginId,eventcode,EventCode')).toBe('1: cannot tell what the file holds from its header (eventUtcTime, loginId, eventcode, EventCode); expected the columns of one of: agent states (eventUtcTime, loginId, eventCode); agent-queue intervals (startDate, queueValue, agentValue); queue intervals (startDate, queueValue); agent system intervals (startDate, agentValue and loginTime, readyTime or notReadyTime); agent activities (agentValue, state, startTime, duration)');
    expect(problem('eventUtcTime,loginId,eventCode,ReasonCode')).toBe('4: unknown column "ReasonCode" in a file of agent states; did you mean "reasonCode"?');
    expect(problem('eventUtcTime,loginId,eventCode,loginId')).toBe('4: column "loginId" appears twice in the header (columns 2 and 4)');
    expect(problem('eventUtcTime,,loginId,eventCode')).toBe('2: column 2 of the header has no name');
    expect(problem('eventUtcTime,loginId,eventCode,agentValue,state,startTime,duration')).toBe('1: the header fits several kinds of file (agent states, agent activities); keep one kind per file');
  });
});
