import { stringify, type Stringifier } from 'csv-stringify';

/**
 * A CSV stream (records as arrays or objects) fed from batches produced on demand: each batch is read only when the client has
 * taken the previous rows (back-pressure), so a large export never sits in memory. A failing batch
 * ends the stream with the error.
 * @example reply.send(csvStream(['a', 'b'], async function* () { yield [{ a: 1, b: 2 }]; }));
 */
export function csvStream(columns: readonly string[], batches: () => AsyncIterable<readonly unknown[]>): Stringifier {
  const csv = stringify({ header: true, columns: [...columns] });
  void (async () => {
    try {
      for await (const records of batches()) {
        for (const record of records) {
          if (!csv.write(record)) await new Promise((r) => csv.once('drain', r));
        }
      }
      csv.end();
    } catch (error) {
      csv.destroy(error as Error);
    }
  })();
  return csv;
}
