import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPattern, checkPublishSubject, isValidSubject, subjectIsSubset, subjectMatches } from './subject-match.js';

const token = fc.stringMatching(/^[a-zA-Z0-9_-]{1,6}$/);
const subject = fc.array(token, { minLength: 1, maxLength: 6 });

describe('subjectMatches', () => {
  it.each([
    ['floorplan.t1.wfm', 'floorplan.t1.wfm', true],
    ['floorplan.t1.wfm', 'floorplan.t1.wfmx', false],
    ['floorplan.t1.wfm', 'floorplan.t1', false],
    ['floorplan.t1', 'floorplan.t1.wfm', false],
    ['floorplan.*.wfm', 'floorplan.t1.wfm', true],
    ['floorplan.*.wfm', 'floorplan.t1.acd', false],
    ['floorplan.*', 'floorplan.t1.wfm', false],
    ['floorplan.*.*', 'floorplan.t1.wfm', true],
    ['floorplan.>', 'floorplan.t1', true],
    ['floorplan.>', 'floorplan.t1.wfm.acd.agentState', true],
    ['floorplan.>', 'floorplan', false],
    ['floorplan.t1.>', 'floorplan.t2.wfm', false],
    ['floorplan.*.wfm.>', 'floorplan.t1.wfm.acd.agentState', true],
    ['floorplan.*.wfm.>', 'floorplan.t1.wfm', false],
    ['>', 'a', true],
    ['*', 'a', true],
    ['*', 'a.b', false],
    ['floorplan.>.wfm', 'floorplan.t1.wfm', false],
    ['floorplan.t*', 'floorplan.t1', false],
  ])('%s against %s is %s', (pattern, subj, expected) => {
    expect(subjectMatches(pattern, subj)).toBe(expected);
  });

  it('matches a literal subject against itself only', () => {
    fc.assert(
      fc.property(subject, subject, (a, b) => {
        expect(subjectMatches(a.join('.'), b.join('.'))).toBe(a.join('.') === b.join('.'));
      }),
    );
  });

  it('still matches when any tokens become `*`', () => {
    fc.assert(
      fc.property(subject, fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (tokens, stars) => {
        const pattern = tokens.map((t, i) => (stars[i] ? '*' : t)).join('.');
        expect(subjectMatches(pattern, tokens.join('.'))).toBe(true);
      }),
    );
  });

  it('never matches a `*`-only pattern of another length', () => {
    fc.assert(
      fc.property(subject, fc.integer({ min: 1, max: 7 }), (tokens, n) => {
        const pattern = Array.from({ length: n }, () => '*').join('.');
        expect(subjectMatches(pattern, tokens.join('.'))).toBe(n === tokens.length);
      }),
    );
  });

  it('matches `prefix.>` exactly when the subject extends the prefix by one or more tokens', () => {
    fc.assert(
      fc.property(subject, subject, (prefix, tokens) => {
        const expected =
          tokens.length > prefix.length && prefix.every((t, i) => tokens[i] === t);
        expect(subjectMatches(`${prefix.join('.')}.>`, tokens.join('.'))).toBe(expected);
      }),
    );
  });

  it('matches `prefix.>` for every extension of the prefix', () => {
    fc.assert(
      fc.property(subject, subject, (prefix, rest) => {
        expect(subjectMatches(`${prefix.join('.')}.>`, [...prefix, ...rest].join('.'))).toBe(true);
      }),
    );
  });
});

describe('subjectIsSubset', () => {
  it.each([
    ['floorplan.t1.wfm', 'floorplan.t1.wfm', true],
    ['floorplan.t1.*', 'floorplan.>', true],
    ['floorplan.*.wfm.rta', 'floorplan.>', true],
    ['floorplan.*.wfm.rta', 'floorplan.t1.>', false],
    ['floorplan.t1.>', 'floorplan.*.>', true],
    ['floorplan.>', 'floorplan.t1.>', false],
    ['floorplan.>', 'floorplan.*', false],
    ['floorplan.*', 'floorplan.>', true],
    ['floorplan.*', 'floorplan.t1', false],
    ['floorplan', 'floorplan.>', false],
    ['>', '>', true],
  ])('%s within %s is %s', (pattern, of, expected) => {
    expect(subjectIsSubset(pattern, of)).toBe(expected);
  });

  // Patterns over the tokens x and y; `z` stands for every other token. Subjects up to one token
  // longer than the longest pattern cover every way `>` can match.
  const patternOf = fc
    .tuple(fc.array(fc.constantFrom('x', 'y', '*'), { minLength: 0, maxLength: 3 }), fc.boolean())
    .filter(([tokens, gt]) => tokens.length > 0 || gt)
    .map(([tokens, gt]) => [...tokens, ...(gt ? ['>'] : [])].join('.'));
  const subjects = (maxLength: number): string[] => {
    const out: string[] = [];
    const grow = (prefix: string[]) => {
      if (prefix.length > 0) out.push(prefix.join('.'));
      if (prefix.length < maxLength) for (const t of ['x', 'y', 'z']) grow([...prefix, t]);
    };
    grow([]);
    return out;
  };
  const everySubject = subjects(5);

  it('agrees with subjectMatches: a subset matches only subjects its superset matches', () => {
    fc.assert(
      fc.property(patternOf, patternOf, (a, b) => {
        const implied = everySubject.every((s) => !subjectMatches(a, s) || subjectMatches(b, s));
        expect(subjectIsSubset(a, b)).toBe(implied);
      }),
      { numRuns: 300 },
    );
  });
});

describe('isValidSubject', () => {
  it.each([
    ['floorplan.t1.wfm', {}, true],
    ['floorplan..wfm', {}, false],
    ['', {}, false],
    ['floorplan.t1.', {}, false],
    ['floorplan.t 1', {}, false],
    ['floorplan.*', {}, false],
    ['floorplan.>', {}, false],
    ['floorplan.*', { wildcards: true }, true],
    ['floorplan.>', { wildcards: true }, true],
    ['floorplan.>.x', { wildcards: true }, false],
    ['floorplan.a*', { wildcards: true }, false],
  ])('%s with %o is %s', (s, options, expected) => {
    expect(isValidSubject(s, options)).toBe(expected);
  });

  it('accepts every subject built from plain tokens', () => {
    fc.assert(fc.property(subject, (tokens) => isValidSubject(tokens.join('.'))));
  });
});

describe('checkPublishSubject and checkPattern', () => {
  it('accepts a concrete subject under a root and rejects the rest with a clear message', () => {
    expect(() => checkPublishSubject('floorplan.t1.wfm', ['floorplan.>'])).not.toThrow();
    expect(() => checkPublishSubject('floorplan.*.wfm', ['floorplan.>'])).toThrow('invalid bus subject "floorplan.*.wfm"');
    expect(() => checkPublishSubject('acd.t1', ['floorplan.>'])).toThrow('bus subject "acd.t1" is outside floorplan.>');
  });

  it('accepts wildcard patterns and rejects malformed ones', () => {
    expect(() => checkPattern('floorplan.*.wfm.>', ['floorplan.>'])).not.toThrow();
    expect(() => checkPattern('>', ['floorplan.>'])).not.toThrow();
    expect(() => checkPattern('floorplan.>.wfm', ['floorplan.>'])).toThrow('invalid bus subscription pattern "floorplan.>.wfm"');
    expect(() => checkPattern('acd.>', ['floorplan.>'])).toThrow('bus subscription pattern "acd.>" is outside floorplan.>');
    // JetStream refuses a filter that only overlaps the stream's subjects.
    expect(() => checkPattern('floorplan.*.wfm', ['floorplan.t1.>'])).toThrow('is outside floorplan.t1.>');
  });
});
