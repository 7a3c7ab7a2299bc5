// The IEC 62443 findings tab: select a finding to show its assets.
import type { Finding } from '../../analysis/findings';

export interface FindingsTabProps {
  readonly found: readonly Finding[];
  readonly selected: number | undefined;
  readonly onSelect: (index: number | undefined) => void;
}

export function FindingsTab({ found, selected: findingIndex, onSelect: setFindingIndex }: FindingsTabProps) {
  return (
      <div className="tab-body" data-testid="findings-panel">
        <p className="muted">{found.length} finding(s). Select one to show its assets.</p>
        <ul className="path-list">
          {found.map((f, i) => (
            <li key={`${f.kind}:${f.title}`}>
              <button type="button" className={findingIndex === i ? 'path-item active' : 'path-item'} data-testid="finding" onClick={() => setFindingIndex(findingIndex === i ? undefined : i)}>
                <span className={`sev ${f.severity}`}>{f.severity}</span> {f.title}
              </button>
              {findingIndex === i ? <div className="why finding-detail">{f.detail}</div> : null}
            </li>
          ))}
        </ul>
      </div>
  );
}
