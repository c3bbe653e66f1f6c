// `POST forecasts/import` (spec §5.6): a forecast made elsewhere becomes the skill's next ACTIVE run,
// method IMPORTED, paradigm as declared (default WCE). Rows come as JSON or as a CSV file
// `intervalStart,contacts,ahtSeconds`; every row error is reported (CSV with its line) and nothing is
// stored unless all rows pass.
import { parse } from 'csv-parse/sync';
import type { ErrorDetail } from '../../../platform/http/app-error.js';
import type { SkillSetup } from '../setup/tenant-setup.js';
import type { NewRun } from './forecast-store.js';
import { daysBetween } from './series.js';
import { localDateOf } from './skill-history.js';

export interface ImportRow {
  intervalStart: string;
  contacts: number;
  ahtSeconds: number | null;
}

const UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;
const COLUMNS = ['intervalStart', 'contacts', 'ahtSeconds'];

/**
 * Rows of a forecast CSV; an empty `ahtSeconds` cell is `null`. Errors name the line (header = 1).
 *
 * @example
 * parseForecastCsv('intervalStart,contacts,ahtSeconds\n2026-03-02T09:00:00Z,40,300');
 */
export function parseForecastCsv(text: string): { rows: ImportRow[]; errors: ErrorDetail[] } {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (e) {
    return { rows: [], errors: [{ path: 'body', message: e instanceof Error ? e.message : String(e) }] };
  }
  const header = records[0] ?? [];
  if (header.join(',') !== COLUMNS.join(',')) return { rows: [], errors: [{ path: 'line 1', message: `header must be ${COLUMNS.join(',')}` }] };
  const errors: ErrorDetail[] = [];
  const rows: ImportRow[] = [];
  records.slice(1).forEach((r, i) => {
    const line = `line ${i + 2}`;
    if (r.length !== 3) {
      errors.push({ path: line, message: `has ${r.length} cells, 3 expected` });
      return;
    }
    const [intervalStart, contacts, aht] = r as [string, string, string];
    const c = Number(contacts);
    const a = aht === '' ? null : Number(aht);
    if (contacts === '' || !Number.isFinite(c)) errors.push({ path: `${line}.contacts`, message: 'must be a number' });
    if (a !== null && !Number.isFinite(a)) errors.push({ path: `${line}.ahtSeconds`, message: 'must be a number or empty' });
    rows.push({ intervalStart, contacts: c, ahtSeconds: a });
  });
  return { rows, errors };
}

/**
 * Checks rows against the tenant interval and builds the run to store; `errors` name the row
 * (`rows[i]` for JSON, `line n` when `lineOffset` is given for CSV).
 *
 * @example
 * planImport(skill, 900_000, rows, 'WCE');
 */
export function planImport(
  skill: SkillSetup,
  intervalMs: number,
  rows: readonly ImportRow[],
  paradigm: 'WCE' | 'TTI',
  label: (i: number) => string = (i) => `rows[${i}]`,
): { run: NewRun | null; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const seen = new Map<number, number>();
  const intervals: NewRun['intervals'][number][] = [];
  rows.forEach((r, i) => {
    const at = UTC.test(r.intervalStart) ? Date.parse(r.intervalStart) : Number.NaN;
    if (!Number.isFinite(at)) errors.push({ path: `${label(i)}.intervalStart`, message: 'must be a UTC ISO-8601 instant ending in Z' });
    else if (at % intervalMs !== 0) errors.push({ path: `${label(i)}.intervalStart`, message: `must be aligned to a ${intervalMs / 60_000}-minute UTC boundary` });
    else if (seen.has(at)) errors.push({ path: `${label(i)}.intervalStart`, message: `repeats ${label(seen.get(at) ?? 0)}` });
    if (!(r.contacts >= 0)) errors.push({ path: `${label(i)}.contacts`, message: 'must be ≥ 0' });
    if (r.ahtSeconds !== null && !(r.ahtSeconds > 0)) errors.push({ path: `${label(i)}.ahtSeconds`, message: 'must be > 0 or null' });
    if (Number.isFinite(at)) seen.set(at, i);
    intervals.push({ start: at, contacts: r.contacts, ahtSeconds: r.ahtSeconds });
  });
  if (rows.length === 0) errors.push({ path: 'rows', message: 'must hold at least one row' });
  if (errors.length > 0) return { run: null, errors };
  intervals.sort((a, b) => a.start - b.start);
  const horizonFrom = localDateOf(intervals[0]?.start ?? 0, skill.timeZone);
  const horizonTo = localDateOf(intervals.at(-1)?.start ?? 0, skill.timeZone);
  return {
    errors,
    run: {
      skillId: skill.id,
      method: 'IMPORTED',
      requestedMethod: 'IMPORTED',
      params: { rows: intervals.length },
      paradigm,
      historyFrom: null,
      historyTo: null,
      horizonFrom,
      horizonDays: daysBetween(horizonFrom, horizonTo) + 1,
      backtest: [],
      status: 'ACTIVE',
      error: null,
      intervals,
    },
  };
}
