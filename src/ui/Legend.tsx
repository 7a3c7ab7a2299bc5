// The side panel's legend, shown while no asset is selected: node and edge styles, Purdue levels.
import { LEVEL_LABEL } from '../analysis/layout';

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
        <span className="line network" /> Network connection (arrow: who opens the session)
      </p>
      <p>
        <span className="line trust" /> Credentials or domain trust
      </p>
      <p>
        <span className="line media" /> Removable media or transient laptop
      </p>
      <h2>Purdue levels</h2>
      <ul className="levels">
        {Object.entries(LEVEL_LABEL)
          .sort((a, b) => Number(b[0]) - Number(a[0]))
          .map(([k, v]) => (
            <li key={k}>{v}</li>
          ))}
      </ul>
      <p className="muted">Select an asset to see its details. Open or drop another model file to analyze it.</p>
    </div>
  );
}
