/** What to answer to a request's `Range` header for an object of a given size. */
export type RangeAnswer =
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

/**
 * Reads a single `bytes=` range (`a-b`, `a-`, `-n`) against an object of `size` bytes, with RFC 9110
 * rules: an end past the object is clamped, a range that starts past it (or an empty suffix) is
 * unsatisfiable, and a header we do not serve (malformed, another unit, several ranges) is ignored
 * in favour of the full object.
 *
 * @example
 * parseRangeHeader('bytes=0-99', 1000);  // { kind: 'partial', start: 0, end: 99 }
 * parseRangeHeader('bytes=-100', 1000);  // { kind: 'partial', start: 900, end: 999 }
 * parseRangeHeader('bytes=2000-', 1000); // { kind: 'unsatisfiable' }
 */
export function parseRangeHeader(header: string | undefined, size: number): RangeAnswer {
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header ?? '');
  if (!match) return { kind: 'full' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}

/**
 * A `Content-Disposition: attachment` value naming `fileName`: a plain ASCII `filename` for old
 * clients and the exact name as RFC 8187 `filename*`.
 *
 * @example
 * attachmentDisposition('agents 2024.csv'); // attachment; filename="agents 2024.csv"; filename*=UTF-8''agents%202024.csv
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const exact = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}
