// The side panel's legend, shown while no asset is selected: what the marks on the graph mean,
// the Purdue bands, and the graph's keys.
import { LEVEL_LABEL } from '../analysis/layout';
import { GRAPH_KEYS } from './graph/controller';

export function Legend() {
  return (
    <div className="legend">
      <h2>Legend</h2>
      <p>
        <span className="swatch entry" /> Entry point (where an attacker starts)
      </p>
      <p>
        <span className="swatch jewel" /> Crown jewel (must not fall)
      </p>
      <p>
        <span className="pg-rank">1</span> Harden first: rank in the minimum cut (1 removes the most risk)
      </p>
      <p>
        <span className="line network" /> Network connection (arrow: who opens the session)
      </p>
      <p>
        <span className="line trust" /> Credentials or domain trust
      </p>
      <p>
        <span className="line media" /> Removable media or transient laptop
      </p>
      <h2>Purdue levels</h2>
      <p className="muted">Drawn as bands, labelled at the graph&apos;s left; the industrial DMZ amber.</p>
      <ul className="levels">
        {Object.entries(LEVEL_LABEL)
          .sort((a, b) => Number(b[0]) - Number(a[0]))
          .map(([k, v]) => (
            <li key={k}>{v}</li>
          ))}
      </ul>
      <h2>Graph keys</h2>
      <p className="muted">Click the graph or Tab into it: {GRAPH_KEYS} The mouse wheel zooms about the pointer.</p>
      <p className="muted">Select an asset to see its details. Open or drop another model file to analyze it.</p>
    </div>
  );
}
