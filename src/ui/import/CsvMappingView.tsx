// One CSV file: its first rows, and a column chosen for each model field (required ones starred).
import type { CsvTable } from '../../import/csv';

export function CsvMappingView<F extends string>({
  title, table, fields, required, columns, onChange, testId,
}: {
  title: string;
  table: CsvTable;
  fields: readonly F[];
  required: readonly string[];
  columns: Partial<Record<F, string>>;
  onChange: (c: Partial<Record<F, string>>) => void;
  testId: string;
}) {
  return (
    <div className="csv-view" data-testid={`csv-${testId}`}>
      <h3>{title}</h3>
      <div className="import-scroll short">
        <table className="import-table" data-testid={`csv-${testId}-preview`}>
          <thead>
            <tr>
              <th>Row</th>
              {table.header.map((h, i) => (
                <th key={i}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.records.map((r) => (
              <tr key={r.row}>
                <td className="muted">{r.row}</td>
                {table.header.map((_, i) => (
                  <td key={i}>{r.fields[i] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="csv-mapping">
        {fields.map((f) => {
          const value = columns[f] ?? '';
          const missing = value !== '' && !table.header.includes(value);
          return (
            <label key={f} className={required.includes(f) ? 'required' : undefined}>
              <span>
                {f}
                {required.includes(f) ? ' *' : ''}
              </span>
              <select value={value} data-testid={`map-${testId}-${f}`} onChange={(e) => onChange({ ...columns, [f]: e.target.value })}>
                <option value="">— not mapped —</option>
                {missing ? <option value={value}>{value} (not in this file)</option> : null}
                {table.header.map((h, i) => (
                  <option key={i} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
      </div>
    </div>
  );
}
