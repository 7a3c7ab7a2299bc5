// Small pieces the import dialog's views share: a list of messages as code, a table's header row,
// and the line under a table cut at SHOW rows.
import { num } from './format';

/** Messages shown as they are (errors, warnings), one per item. */
export function CodeList({ items }: { items: readonly string[] }) {
  return (
    <ul>
      {items.map((x, i) => (
        <li key={i}>
          <code>{x}</code>
        </li>
      ))}
    </ul>
  );
}

/** A header row of column titles ('' for an untitled column). */
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) => (
          <th key={i}>{c}</th>
        ))}
      </tr>
    </thead>
  );
}

/** How many more rows there are than the table shows. */
export function More({ shown, total }: { shown: number; total: number }) {
  return total > shown ? <p className="muted">…and {num(total - shown)} more not listed.</p> : null;
}
