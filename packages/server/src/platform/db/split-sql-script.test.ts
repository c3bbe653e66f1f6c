import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSqlScript } from './split-sql-script.js';

describe('splitSqlScript', () => {
  it('splits a pg-boss style transaction block', () => {
    expect(
      splitSqlScript(`
    BEGIN;
    SET LOCAL lock_timeout = 30000;
    SELECT pg_advisory_xact_lock(('x' || encode(sha224((current_database() || '.pgboss.x')::bytea), 'hex'))::bit(64)::bigint);
    UPDATE pgboss.job SET state = 'failed' RETURNING id;
    COMMIT;
  `),
    ).toEqual([
      'BEGIN',
      'SET LOCAL lock_timeout = 30000',
      "SELECT pg_advisory_xact_lock(('x' || encode(sha224((current_database() || '.pgboss.x')::bytea), 'hex'))::bit(64)::bigint)",
      "UPDATE pgboss.job SET state = 'failed' RETURNING id",
      'COMMIT',
    ]);
  });

  it('keeps semicolons inside strings, identifiers, dollar quotes and comments', () => {
    expect(
      splitSqlScript(
        [
          "SELECT 'a;b', 'it''s;', E'x\\';y'",
          'SELECT "we;ird""id" FROM t',
          'CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql',
          'DO $body$ BEGIN PERFORM 1; PERFORM $$;$$; END $body$',
          'SELECT $1::int, a$b FROM t',
          'SELECT 1 /* a; /* nested; */ still; */ + 2',
        ].join(';\n') + ';',
      ),
    ).toEqual([
      "SELECT 'a;b', 'it''s;', E'x\\';y'",
      'SELECT "we;ird""id" FROM t',
      'CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql',
      'DO $body$ BEGIN PERFORM 1; PERFORM $$;$$; END $body$',
      'SELECT $1::int, a$b FROM t',
      'SELECT 1 /* a; /* nested; */ still; */ + 2',
    ]);
  });

  it('ends a line comment at the end of its line only', () => {
    expect(splitSqlScript('SELECT 1 -- c; d\n; SELECT 2 -- last; no newline')).toEqual(['SELECT 1 -- c; d', 'SELECT 2 -- last; no newline']);
  });

  it('drops empty and comment-only statements', () => {
    expect(splitSqlScript(' ; -- only a comment;\n ; /* block */ ; SELECT 1 ;;')).toEqual(['SELECT 1']);
    expect(splitSqlScript('')).toEqual([]);
  });

  it('keeps a statement without a final semicolon', () => {
    expect(splitSqlScript('SELECT 1; SELECT 2')).toEqual(['SELECT 1', 'SELECT 2']);
  });

  it('splits any list of simple statements back into that list', () => {
    const literal = fc.string().map((s) => `'${s.replace(/'/g, "''")}'`);
    const statement = fc.oneof(
      literal.map((l) => `SELECT ${l}`),
      fc.string().filter((s) => !s.includes('$q$')).map((s) => `SELECT $q$${s}$q$`),
      fc.nat().map((n) => `SELECT ${n}`),
    );
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 6 }), (statements) => {
        expect(splitSqlScript(statements.join(';\n'))).toEqual(statements);
      }),
    );
  });
});
