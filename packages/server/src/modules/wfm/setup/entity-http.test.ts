import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/http/app-error.js';
import { assertVersion, decodeCursor, encodeCursor, expectedVersion, page, pageInMemory } from './entity-http.js';
import { buildIssues, type IssueInputs } from './issues.js';

describe('If-Match', () => {
  it('reads strong, weak and bare versions; * and absence mean any', () => {
    expect(expectedVersion({ 'if-match': '"3"' })).toBe(3);
    expect(expectedVersion({ 'if-match': 'W/"12"' })).toBe(12);
    expect(expectedVersion({ 'if-match': '7' })).toBe(7);
    expect(expectedVersion({ 'if-match': '*' })).toBeUndefined();
    expect(expectedVersion({})).toBeUndefined();
    expect(expectedVersion({ 'if-match': '"abc"' })).toBe(-1);
  });

  it('refuses a stale version with 412 naming the current one', () => {
    expect(() => assertVersion(4, 4)).not.toThrow();
    expect(() => assertVersion(4, undefined)).not.toThrow();
    try {
      assertVersion(4, 3);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(412);
      expect((e as AppError).details).toEqual([{ path: 'If-Match', message: 'must be "4", the current version' }]);
    }
  });
});

describe('cursor pages', () => {
  it('round-trips a key and refuses a forged cursor', () => {
    expect(decodeCursor(encodeCursor('00000000-0000-4000-8000-000000000001'))).toBe('00000000-0000-4000-8000-000000000001');
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(() => decodeCursor('%%%')).toThrow(AppError);
  });

  it('cuts a page from limit + 1 rows', () => {
    expect(page(['a', 'b', 'c'], 2, (r) => r)).toEqual({ items: ['a', 'b'], nextCursor: encodeCursor('b') });
    expect(page(['a', 'b'], 2, (r) => r)).toEqual({ items: ['a', 'b'], nextCursor: null });
  });

  it('pages an in-memory list in key order', () => {
    const rows = ['d', 'a', 'c', 'b'];
    const first = pageInMemory(rows, { limit: 3, includeArchived: false }, (r) => r);
    expect(first).toEqual({ items: ['a', 'b', 'c'], nextCursor: encodeCursor('c') });
    expect(pageInMemory(rows, { limit: 3, cursor: first.nextCursor ?? '', includeArchived: false }, (r) => r)).toEqual({ items: ['d'], nextCursor: null });
  });
});

describe('setup issues', () => {
  const none: IssueInputs = { employeesWithoutLogins: [], proficienciesOverTen: [], skillsWithoutQueues: [], paradigmMismatches: [], unmapped: { logins: 0, events: 0, queues: 0 } };

  it('lists nothing for a complete setup', () => {
    expect(buildIssues(none)).toEqual([]);
  });

  it('lists entity issues, then tenant-wide counts', () => {
    const issues = buildIssues({
      ...none,
      employeesWithoutLogins: [{ id: 'e1', name: 'Ann' }],
      paradigmMismatches: [{ skillId: 's1', skillName: 'Sales', paradigm: 'WCE', queueValue: '8057', rows: 4 }],
      unmapped: { logins: 2, events: 0, queues: 1 },
    });
    expect(issues.map((i) => [i.code, i.entity?.id ?? null, i.count])).toEqual([
      ['EMPLOYEE_WITHOUT_LOGINS', 'e1', null],
      ['PARADIGM_MISMATCH', 's1', 4],
      ['UNMAPPED_LOGINS', null, 2],
      ['UNMAPPED_QUEUES', null, 1],
    ]);
    expect(issues[1]?.message).toBe("queue '8057' of WCE skill 'Sales' has 4 TTI report row(s), which the skill ignores");
  });
});
