// A capture merged into the plant shown: flows seen but not modeled (shadow paths) and connections
// modeled but never seen, before the merged plant is loaded.
import { useMemo } from 'react';
import { LABELS } from '../../import/pcap/protocols';
import type { MergeReport } from '../../session/import-session';
import type { PlantModel } from '../../model/schema';
import { num, SHOW } from './format';
import { More } from './parts';

export function MergeView({ merge, plant, busy, onLoad }: { merge: MergeReport; plant: PlantModel | undefined; busy: boolean; onLoad: () => void }) {
  const names = useMemo(() => new Map(plant?.assets.map((a) => [a.id, a.name]) ?? []), [plant]);
  const name = (id: string) => names.get(id) ?? id;
  return (
    <div className="merge-view" data-testid="merge-result">
      <h3>Observed against modeled</h3>
      <p>
        {num(merge.hostsMatched)} capture host(s) matched modeled assets by address; {num(merge.newAssets.length)} new asset(s) added (tagged “observed, not modeled”);{' '}
        {num(merge.matched)} modeled connection(s) seen and marked observed.
      </p>
      <div className="merge-lists">
        <div>
          <h4>
            Seen, not modeled (<span data-testid="merge-shadow-count">{num(merge.shadow.total)}</span>)
          </h4>
          <p className="muted">Shadow paths: added as connections (magenta in the graph) so the analysis counts them.</p>
          <ul className="import-list" data-testid="merge-shadow">
            {merge.shadow.items.slice(0, SHOW).map((x) => (
              <li key={x.connection}>
                {name(x.from)} → {name(x.to)} <span className="muted">{LABELS[x.flow.protocol]}{x.flow.port !== undefined ? ` ${x.flow.transport}/${x.flow.port}` : ''}, {num(x.flow.packets)} packets</span>
              </li>
            ))}
          </ul>
          <More shown={Math.min(SHOW, merge.shadow.items.length)} total={merge.shadow.total} />
        </div>
        <div>
          <h4>
            Modeled, never seen (<span data-testid="merge-unseen-count">{num(merge.unseen.total)}</span>)
          </h4>
          <p className="muted">
            {num(merge.unseenCovered)} of them join two assets the capture saw{merge.unseenCovered === 0 && merge.hostsMatched === 0 ? ' (no modeled asset has an address the capture saw)' : ''}. Dashed in the graph.
          </p>
          <ul className="import-list" data-testid="merge-unseen">
            {merge.unseen.items.slice(0, SHOW).map((x) => (
              <li key={x.connection} className={x.covered ? 'covered' : undefined}>
                {name(x.from)} → {name(x.to)} <span className="muted">{x.protocol}{x.port !== undefined ? `/${x.port}` : ''}{x.covered ? ' — both ends seen' : ''}</span>
              </li>
            ))}
          </ul>
          <More shown={Math.min(SHOW, merge.unseen.items.length)} total={merge.unseen.total} />
        </div>
      </div>
      {merge.warnings.length ? (
        <details>
          <summary>{merge.warnings.length} merge warning(s)</summary>
          <ul>
            {merge.warnings.slice(0, 100).map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </details>
      ) : null}
      <div className="import-actions">
        <button type="button" disabled={busy} onClick={onLoad} data-testid="merge-load">
          Load the merged plant ({num(merge.assets)} assets, {num(merge.connections)} connections)
        </button>
      </div>
    </div>
  );
}
