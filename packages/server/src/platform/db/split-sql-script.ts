/**
 * Splits a PostgreSQL script into its statements at top-level `;`, the way the server's simple query
 * protocol would run them: semicolons inside quoted strings (`'...'`, `E'...'`), quoted identifiers,
 * dollar-quoted bodies (`$$...$$`, `$fn$...$fn$`) and comments (`--`, nested block comments) do not
 * split. Statements come back trimmed; empty and comment-only ones are dropped.
 *
 * @example
 * splitSqlScript("BEGIN; SELECT ';'; DO $$ BEGIN PERFORM 1; END $$; COMMIT;");
 * // ['BEGIN', "SELECT ';'", 'DO $$ BEGIN PERFORM 1; END $$', 'COMMIT']
 */
export function splitSqlScript(sql: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let hasCode = false;
  let i = 0;
  const push = (end: number) => {
    if (hasCode) statements.push(sql.slice(start, end).trim());
    start = end + 1;
    hasCode = false;
  };
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === ';') {
      push(i);
      i++;
    } else if (c === '-' && next === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol < 0 ? sql.length : eol + 1;
    } else if (c === '/' && next === '*') {
      i = skipBlockComment(sql, i);
    } else if (c === "'") {
      const escapes = i > 0 && /[eE]/.test(sql[i - 1] ?? '') && !/[\w$]/.test(sql[i - 2] ?? '');
      i = skipQuoted(sql, i, "'", escapes);
      hasCode = true;
    } else if (c === '"') {
      i = skipQuoted(sql, i, '"', false);
      hasCode = true;
    } else if (c === '$' && !/[\w$]/.test(sql[i - 1] ?? '')) {
      const tag = /^\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(sql.slice(i));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? sql.length : close + tag[0].length;
      } else {
        i++; // a parameter such as $1
      }
      hasCode = true;
    } else {
      if (!/\s/.test(c ?? '')) hasCode = true;
      i++;
    }
  }
  push(sql.length);
  return statements;
}

/** Index just past the quoted run that opens at `at`; a doubled quote (and `\x` when `escapes`) stays inside. */
function skipQuoted(sql: string, at: number, quote: string, escapes: boolean): number {
  let i = at + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (escapes && c === '\\') i += 2;
    else if (c === quote && sql[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i++;
  }
  return sql.length;
}

/** Index just past the block comment that opens at `at`; PostgreSQL block comments nest. */
function skipBlockComment(sql: string, at: number): number {
  let depth = 0;
  let i = at;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else {
      i++;
    }
  }
  return sql.length;
}
