// The load-error panel: why a plant (a file, an import, a Neo4j pull, a restore) did not load,
// every error with its path; the plant shown stays as it was.
import { formatError } from '../model/errors';
import type { LoadFailure } from './hooks/plant-loading';

export function LoadErrors({ failure, shownPlant, onDismiss }: { failure: LoadFailure; shownPlant: string | undefined; onDismiss: () => void }) {
  return (
    <section className="load-errors" role="alert" data-testid="load-errors">
      <div className="load-errors-head">
        <strong>Could not load {failure.source}</strong> — {failure.errors.length} problem{failure.errors.length === 1 ? '' : 's'}.
        {shownPlant !== undefined ? <> The plant shown ({shownPlant}) is unchanged.</> : null}
        <button type="button" className="link" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      <ul>
        {failure.errors.map((e, i) => (
          <li key={i}>
            <code>{formatError(e)}</code>
          </li>
        ))}
      </ul>
    </section>
  );
}
