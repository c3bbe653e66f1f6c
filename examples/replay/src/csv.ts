import { createReadStream } from 'node:fs';

/** One CSV record and the 1-based line on which it starts (a quoted field may span lines). */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** Malformed CSV, with the 1-based line and character column of the offending character. */
export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    readonly line: number,
    readonly column: number,
    reason: string,
  ) {
    super(`${line}:${column}: ${reason}`);
  }
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

type State = 'fieldStart' | 'unquoted' | 'quoted' | 'afterQuote';

/**
 * An incremental RFC 4180 parser: feed it chunks of any size with `push`, then call `end`. Fields may
 * be quoted, with `""` for a quote inside; records end with CRLF, LF or a lone CR. Lines that are
 * entirely empty are skipped (a trailing newline, blank lines between records), since no useful
 * record is a single unquoted empty field. Strictness where RFC 4180 is strict: a quote inside an
 * unquoted field, text after a closing quote and an unterminated quote are errors, because a
 * lenient guess there silently shifts columns.
 *
 * @example
 * const p = new CsvParser();
 * p.push('a,"b ""x"""\r\n1,');
 * p.end(); // → [{ fields: ['a', 'b "x"'], line: 1 }, { fields: ['1', ''], line: 2 }]
 */
export class CsvParser {
  #state: State = 'fieldStart';
  #field = '';
  #fields: string[] = [];
  /** Whether the current record has consumed any character (distinguishes "a,\n" from "\n"). */
  #inRecord = false;
  #line = 1;
  #column = 0;
  #recordLine = 1;
  #quoteLine = 1;
  #quoteColumn = 0;
  /** A CR was just seen: an LF right after it belongs to the same line break. */
  #afterCr = false;
  #out: CsvRecord[] = [];

  /** Parses a chunk and returns the records completed by it. */
  push(chunk: string): CsvRecord[] {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (this.#afterCr) {
        this.#afterCr = false;
        if (c === LF) {
          if (this.#state === 'quoted') this.#field += '\n';
          i++;
          continue;
        }
      }
      if (c === CR || c === LF) {
        this.#afterCr = c === CR;
        if (this.#state === 'quoted') {
          this.#field += chunk[i];
        } else {
          this.#endRecord();
        }
        this.#line++;
        this.#column = 0;
        i++;
        continue;
      }
      this.#column++;
      switch (this.#state) {
        case 'fieldStart':
          this.#startRecordIfNeeded();
          if (c === QUOTE) {
            this.#state = 'quoted';
            this.#quoteLine = this.#line;
            this.#quoteColumn = this.#column;
          } else if (c === COMMA) {
            this.#fields.push('');
          } else {
            this.#state = 'unquoted';
            this.#field += chunk[i];
          }
          i++;
          break;
        case 'unquoted': {
          // Copy the run of ordinary characters in one slice: most fields are unquoted.
          let j = i;
          while (j < n) {
            const d = chunk.charCodeAt(j);
            if (d === COMMA || d === QUOTE || d === CR || d === LF) break;
            j++;
          }
          this.#field += chunk.slice(i, j);
          this.#column += j - i - 1;
          i = j;
          if (i >= n) break;
          const d = chunk.charCodeAt(i);
          if (d === COMMA) {
            this.#column++;
            this.#pushField();
            i++;
          } else if (d === QUOTE) {
            throw new CsvSyntaxError(this.#line, this.#column + 1, 'a quote inside an unquoted field (quote the whole field and double the quote)');
          }
          break;
        }
        case 'quoted': {
          const j = chunk.indexOf('"', i);
          const stop = j < 0 ? n : j;
          // Copy up to the next quote or line break; line breaks go through the counting path above.
          let k = i;
          while (k < stop) {
            const d = chunk.charCodeAt(k);
            if (d === CR || d === LF) break;
            k++;
          }
          this.#field += chunk.slice(i, k);
          this.#column += k - i - 1;
          i = k;
          if (i < n && chunk.charCodeAt(i) === QUOTE) {
            this.#column++;
            this.#state = 'afterQuote';
            i++;
          }
          break;
        }
        case 'afterQuote':
          if (c === QUOTE) {
            this.#field += '"';
            this.#state = 'quoted';
          } else if (c === COMMA) {
            this.#pushField();
          } else {
            throw new CsvSyntaxError(this.#line, this.#column, 'text after a closing quote');
          }
          i++;
          break;
      }
    }
    return this.#out.splice(0);
  }

  /** Ends the input and returns the last record, if any; throws on an unterminated quote. */
  end(): CsvRecord[] {
    if (this.#state === 'quoted') throw new CsvSyntaxError(this.#quoteLine, this.#quoteColumn, 'a quoted field is never closed');
    this.#endRecord();
    return this.#out.splice(0);
  }

  #startRecordIfNeeded(): void {
    if (!this.#inRecord) {
      this.#inRecord = true;
      this.#recordLine = this.#line;
    }
  }

  #pushField(): void {
    this.#fields.push(this.#field);
    this.#field = '';
    this.#state = 'fieldStart';
  }

  #endRecord(): void {
    if (this.#inRecord) {
      this.#fields.push(this.#field);
      this.#out.push({ fields: this.#fields, line: this.#recordLine });
    }
    this.#fields = [];
    this.#field = '';
    this.#state = 'fieldStart';
    this.#inRecord = false;
  }
}

/** A chunk of records read from a file, and how far into the file the reader is. */
export interface CsvChunk {
  records: CsvRecord[];
  bytesRead: number;
}

/**
 * Streams a CSV file in constant memory, yielding the records of each chunk read. A UTF-8 byte
 * order mark is dropped (spreadsheet exports add one). `bytesRead` feeds the progress bar.
 *
 * @example
 * for await (const { records } of readCsvChunks('states.csv')) for (const r of records) console.log(r.line, r.fields);
 */
export async function* readCsvChunks(path: string, highWaterMark = 1 << 16): AsyncGenerator<CsvChunk> {
  const parser = new CsvParser();
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark });
  let first = true;
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
    first = false;
    const records = parser.push(text);
    if (records.length > 0) yield { records, bytesRead: stream.bytesRead };
  }
  yield { records: parser.end(), bytesRead: stream.bytesRead };
}
