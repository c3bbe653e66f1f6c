import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvParser, CsvSyntaxError, readCsvChunks, type CsvRecord } from './csv.js';

const parse = (text: string, chunkSizes: number[] = [text.length]): CsvRecord[] => {
  const p = new CsvParser();
  const out: CsvRecord[] = [];
  let i = 0;
  for (let k = 0; i < text.length; k++) {
    const size = Math.max(1, chunkSizes[k % chunkSizes.length]!);
    out.push(...p.push(text.slice(i, i + size)));
    i += size;
  }
  out.push(...p.end());
  return out;
};
const fields = (text: string) => parse(text).map((r) => r.fields);

/** The simplest correct RFC 4180 writer: quote a field when it needs it (or is empty), double quotes. */
const writeCsv = (records: string[][], eol: string) =>
  records.map((r) => r.map((f) => (f === '' || /[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',')).join(eol) + eol;

describe('CsvParser', () => {
  it('reads unquoted, quoted and escaped-quote fields', () => {
    expect(fields('a,b,c\n1,"two, 2","say ""hi"""\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'two, 2', 'say "hi"'],
    ]);
  });

  it('treats CRLF, LF and a lone CR as record ends, and keeps line breaks inside quotes as written', () => {
    expect(fields('a,b\r\n1,2\n3,4\r5,6')).toEqual([['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6']]);
    expect(fields('x,"line 1\r\nline 2\nline 3"\r\n')).toEqual([['x', 'line 1\r\nline 2\nline 3']]);
  });

  it('numbers records by the line they start on, counting line breaks inside quotes', () => {
    expect(parse('h\r\n"a\r\nb"\r\n\r\nc\n').map((r) => [r.line, r.fields])).toEqual([
      [1, ['h']],
      [2, ['a\r\nb']],
      [5, ['c']],
    ]);
  });

  it('skips empty lines but keeps empty fields, a trailing comma, a quoted empty record and a last line without newline', () => {
    expect(fields('\n\na,,b,\n\n""\nlast')).toEqual([['a', '', 'b', ''], [''], ['last']]);
  });

  it('gives the same records whatever the chunking, including a CRLF split across chunks', () => {
    const text = 'a,"b ""q"" \r\nc"\r\n1,2\r\n';
    const whole = parse(text);
    for (let size = 1; size <= text.length; size++) expect(parse(text, [size])).toEqual(whole);
  });

  it('refuses a quote inside an unquoted field, text after a closing quote and an unclosed quote, with line and column', () => {
    const error = (text: string) => {
      try {
        parse(text);
      } catch (e) {
        return e instanceof CsvSyntaxError ? e.message : `not a CsvSyntaxError: ${String(e)}`;
      }
      return 'no error';
    };
    expect(error('a,b\nab"c,d\n')).toBe('2:3: a quote inside an unquoted field (quote the whole field and double the quote)');
    expect(error('a,b\n"ab"c,d\n')).toBe('2:5: text after a closing quote');
    expect(error('a,b\nx,"open\n\n')).toBe('2:3: a quoted field is never closed');
  });

  it('round-trips any records through a simple writer, in any chunking (property)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\r', '\n', 'é', '😀', '9') });
    const records = fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { maxLength: 8 });
    fc.assert(
      fc.property(records, fc.constantFrom('\r\n', '\n'), fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 4 }), (recs, eol, sizes) => {
        expect(parse(writeCsv(recs, eol), sizes).map((r) => r.fields)).toEqual(recs);
      }),
      { numRuns: 500 },
    );
  });
});

describe('readCsvChunks', () => {
  it('streams a file, dropping a byte order mark and decoding characters split across reads', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'replay-csv-'));
    try {
      const file = join(dir, 'f.csv');
      await writeFile(file, '\uFEFFname,note\r\nRenée,"a, ""b"""\r\nZoë,😀\r\n');
      const records: CsvRecord[] = [];
      let bytes = 0;
      for await (const c of readCsvChunks(file, 3)) {
        records.push(...c.records);
        bytes = c.bytesRead;
      }
      expect(records).toEqual([
        { fields: ['name', 'note'], line: 1 },
        { fields: ['Renée', 'a, "b"'], line: 2 },
        { fields: ['Zoë', '😀'], line: 3 },
      ]);
      expect(bytes).toBe(Buffer.byteLength('\uFEFFname,note\r\nRenée,"a, ""b"""\r\nZoë,😀\r\n'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
