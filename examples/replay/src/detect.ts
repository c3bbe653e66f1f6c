import { columnsByKind, kindLabel, type ColumnSpec, type FileKind } from './columns.js';

/** A recognised CSV header: the kind of file and where each known column sits. */
export interface CsvFormat {
  kind: FileKind;
  /** Column name → 0-based index in each record. */
  index: ReadonlyMap<string, number>;
  /** The columns present, with their specs, in header order. */
  present: readonly (ColumnSpec & { at: number })[];
}

/** A header that cannot be used; `column` is 1-based (1 when the problem is the header as a whole). */
export class HeaderError extends Error {
  override readonly name = 'HeaderError';
  constructor(
    message: string,
    readonly column = 1,
  ) {
    super(message);
  }
}

const signatures: { kind: FileKind; test: (has: (c: string) => boolean) => boolean; hint: string }[] = [
  { kind: 'states', test: (h) => h('eventUtcTime') && h('loginId') && h('eventCode'), hint: 'eventUtcTime, loginId, eventCode' },
  { kind: 'agentQueue', test: (h) => h('startDate') && h('queueValue') && h('agentValue'), hint: 'startDate, queueValue, agentValue' },
  { kind: 'queue', test: (h) => h('startDate') && h('queueValue') && !h('agentValue'), hint: 'startDate, queueValue' },
  {
    kind: 'agentSystem',
    test: (h) => h('startDate') && h('agentValue') && !h('queueValue') && (h('loginTime') || h('readyTime') || h('notReadyTime')),
    hint: 'startDate, agentValue and loginTime, readyTime or notReadyTime',
  },
  { kind: 'activities', test: (h) => h('agentValue') && h('state') && h('startTime') && h('duration'), hint: 'agentValue, state, startTime, duration' },
];

/**
 * Recognises a file from its header row (names are trimmed, matched case-sensitively as on the
 * wire). Unknown columns are an error rather than ignored: a misspelt `handleTime` would otherwise
 * be sent as 0 without a word. Throws {@link HeaderError}.
 *
 * @example
 * detectFormat(['eventUtcTime', 'loginId', 'eventCode', 'reasonCode']).kind; // 'states'
 */
export function detectFormat(header: readonly string[]): CsvFormat {
  const names = header.map((h) => h.trim());
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === '') throw new HeaderError(`column ${i + 1} of the header has no name`, i + 1);
    if (index.has(name)) throw new HeaderError(`column "${name}" appears twice in the header (columns ${index.get(name)! + 1} and ${i + 1})`, i + 1);
    index.set(name, i);
  });
  const has = (c: string) => index.has(c);
  const matches = signatures.filter((s) => s.test(has));
  if (matches.length === 0) {
    const expected = signatures.map((s) => `${kindLabel[s.kind]} (${s.hint})`).join('; ');
    throw new HeaderError(`cannot tell what the file holds from its header (${names.join(', ')}); expected the columns of one of: ${expected}`);
  }
  if (matches.length > 1) throw new HeaderError(`the header fits several kinds of file (${matches.map((m) => kindLabel[m.kind]).join(', ')}); keep one kind per file`);
  const kind = matches[0]!.kind;
  const specs = columnsByKind[kind];
  const present: (ColumnSpec & { at: number })[] = [];
  for (const [name, at] of index) {
    const spec = specs.find((s) => s.name === name);
    if (!spec) {
      const near = specs.find((s) => s.name.toLowerCase() === name.toLowerCase());
      const hint = near ? `did you mean "${near.name}"?` : `known columns: ${specs.map((s) => s.name).join(', ')}`;
      throw new HeaderError(`unknown column "${name}" in a file of ${kindLabel[kind]}; ${hint}`, at + 1);
    }
    present.push({ ...spec, at });
  }
  const missing = specs.filter((s) => s.required && !index.has(s.name)).map((s) => s.name);
  if (missing.length > 0) throw new HeaderError(`a file of ${kindLabel[kind]} needs the column(s) ${missing.join(', ')}`);
  return { kind, index, present };
}
