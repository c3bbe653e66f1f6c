import { memo, type ReactNode } from 'react';

export interface Column<T> {
  /** Header text. */
  header: string;
  cell(row: T): ReactNode;
  className?: string;
}

interface DataTableProps<T> {
  /** Tests find the table as `<name>-table` and its rows as `<name>-row`. */
  name: string;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey(row: T): string;
  rowClass?(row: T): string | undefined;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  caption?: string;
}

/** The one list table of the console: sticky header, horizontal scroll on narrow screens. */
export function DataTable<T>({ name, columns, rows, rowKey, rowClass, empty, caption }: DataTableProps<T>) {
  return (
    <div className="table-wrap">
      <table className="data" data-testid={`${name}-table`}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="empty" data-testid={`${name}-empty`}>
                {empty}
              </td>
            </tr>
          ) : null}
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClass?.(row)} data-testid={`${name}-row`} data-id={rowKey(row)}>
              {columns.map((column) => (
                <td key={column.header} className={column.className}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Loading and error states of a query, in one place. */
export const QueryState = memo(function QueryState({ isLoading, error }: { isLoading: boolean; error: unknown }) {
  if (isLoading) return <p className="muted" role="status">Loading…</p>;
  if (error) {
    return (
      <p className="banner error" role="alert">
        {error instanceof Error ? error.message : 'The request failed.'}
      </p>
    );
  }
  return null;
});
