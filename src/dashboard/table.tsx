/** @jsxImportSource hono/jsx */
// A dashboard table of items, one row each, or a muted line saying there are none.
import type { Child } from 'hono/jsx';

export interface RowsProps<T> {
  items: readonly T[];
  /** What shows instead of an empty table, e.g. "No payments yet." */
  empty: string;
  /** Column headings; a table without them has no head. */
  head?: readonly string[];
  row: (item: T) => Child;
}

export function Rows<T>({ items, empty, head, row }: RowsProps<T>) {
  if (items.length === 0) return <p class="muted">{empty}</p>;
  return (
    <table>
      {head ? (
        <thead>
          <tr>
            {head.map((title) => (
              <th>{title}</th>
            ))}
          </tr>
        </thead>
      ) : null}
      <tbody>{items.map((item) => row(item))}</tbody>
    </table>
  );
}
