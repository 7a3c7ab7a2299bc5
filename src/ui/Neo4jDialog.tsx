// Connect to Neo4j from the browser (neo4j-driver over WebSocket Bolt): list the plants there,
// open one (handed over as text: it goes through the same parser as a file, in the analysis
// worker), save the plant shown, or ask the server for a blast radius of a plant too large to load.
// The password stays in memory unless the user ticks "remember", which keeps it in this browser's
// localStorage.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Driver } from 'neo4j-driver';
import type { PlantModel } from '../model/schema';
import { serializeModelChunks } from '../model/serialize';
import { formatMoney } from '../report/format';
import { reachedRows } from '../analysis/blast';
import type { PushDownBlast } from '../io/neo4j/pushdown';
import type { Neo4jTarget, PlantListing, Progress } from '../io/neo4j/store';
import { Dialog } from './dialog';

const SETTINGS_KEY = 'twinpath.neo4j';

interface Settings {
  uri: string;
  user: string;
  database: string;
  password?: string;
}

function loadSettings(): Settings {
  const fallback: Settings = { uri: 'bolt://127.0.0.1:7687', user: 'neo4j', database: '' };
  try {
    const raw = localStorage.getItem(SETTINGS_KEY);
    if (!raw) return fallback;
    const s = JSON.parse(raw) as Partial<Settings>;
    return {
      uri: typeof s.uri === 'string' ? s.uri : fallback.uri,
      user: typeof s.user === 'string' ? s.user : fallback.user,
      database: typeof s.database === 'string' ? s.database : '',
      ...(typeof s.password === 'string' ? { password: s.password } : {}),
    };
  } catch {
    return fallback;
  }
}

function saveSettings(s: Settings, rememberPassword: boolean): void {
  try {
    const { password, ...rest } = s;
    localStorage.setItem(SETTINGS_KEY, JSON.stringify(rememberPassword && password ? { ...rest, password } : rest));
  } catch {
    /* no localStorage (private mode): settings are simply not kept */
  }
}

// The driver and the Cypher mapping load only when the dialog is used (serialize is in the main
// bundle anyway).
const store = () => import('../io/neo4j/store');
const pushdown = () => import('../io/neo4j/pushdown');

export interface Neo4jDialogProps {
  readonly model: PlantModel | undefined;
  /** Loads model text through the app's one way in (worker parse; the shown plant survives a failure). */
  readonly onOpen: (text: string, source: string) => Promise<void>;
  readonly onClose: () => void;
}

export function Neo4jDialog({ model, onOpen, onClose }: Neo4jDialogProps) {
  const [initial] = useState(loadSettings);
  const [uri, setUri] = useState(initial.uri);
  const [user, setUser] = useState(initial.user);
  const [password, setPassword] = useState(initial.password ?? '');
  const [database, setDatabase] = useState(initial.database);
  const [remember, setRemember] = useState(initial.password !== undefined);
  const [driver, setDriver] = useState<Driver>();
  const [plants, setPlants] = useState<PlantListing[]>();
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [blastPlant, setBlastPlant] = useState('');
  const [blastFrom, setBlastFrom] = useState('');
  const [blast, setBlast] = useState<PushDownBlast>();
  const driverRef = useRef<Driver>(undefined);

  const target = useCallback((): Neo4jTarget => ({ uri: uri.trim(), user: user.trim(), password, database: database.trim() || undefined }), [uri, user, password, database]);

  useEffect(
    () => () => {
      void driverRef.current?.close();
    },
    [],
  );

  const run = useCallback(async (what: string, f: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setStatus(what);
    try {
      await f();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setStatus(undefined);
    } finally {
      setBusy(false);
    }
  }, []);

  const refresh = useCallback(async (d: Driver) => {
    const { listPlants } = await store();
    setPlants(await listPlants(d, target()));
  }, [target]);

  const doConnect = () =>
    run(`Connecting to ${uri}…`, async () => {
      const { connect } = await store();
      await driverRef.current?.close();
      const d = await connect(target());
      driverRef.current = d;
      setDriver(d);
      saveSettings({ uri, user, database, password }, remember);
      await refresh(d);
      setStatus(`Connected to ${uri}${database ? ` (database ${database})` : ''}.`);
    });

  // The plant is handed over as text, not validated here: the analysis worker's load is its one
  // validation, and what it refuses is listed in the app's load-error panel.
  const doOpen = (id: string) =>
    run(`Reading plant ${id}…`, async () => {
      const { pullPlantDocument } = await store();
      const progress = (p: Progress) => setStatus(`Reading plant ${id}: ${p.phase} ${p.done.toLocaleString('en')} rows`);
      const pulled = (await pullPlantDocument(driver!, target(), id, progress)) as Record<string, unknown>;
      await onOpen([...serializeModelChunks(pulled as unknown as PlantModel)].join(''), `neo4j: ${id}`);
      const count = (key: string) => (Array.isArray(pulled[key]) ? (pulled[key] as unknown[]).length : 0);
      setStatus(`Opened ${id}: ${count('assets')} assets, ${count('connections')} connections.`);
      onClose();
    });

  const doSave = () =>
    run(`Saving ${model?.plant.id}…`, async () => {
      const { pushPlant } = await store();
      const progress = (p: Progress) => setStatus(`Saving: ${p.phase} ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')} rows`);
      const r = await pushPlant(driver!, target(), model!, progress);
      await refresh(driver!);
      setStatus(`Saved ${r.plant}: ${r.nodes.toLocaleString('en')} nodes, ${r.relationships.toLocaleString('en')} relationships in ${(r.ms / 1000).toFixed(1)} s${r.previousVersion ? ' (previous version replaced)' : ''}.`);
    });

  const doBlast = () =>
    run(`Blast radius of ${blastFrom} in ${blastPlant}, on the server…`, async () => {
      const { blastPushDown } = await pushdown();
      const from = blastFrom.split(',').map((s) => s.trim()).filter(Boolean);
      const r = await blastPushDown(driver!, target(), blastPlant, from);
      setBlast(r);
      setStatus(`Computed in Neo4j: ${r.stats.queries} queries, ${r.stats.rounds} rounds, ${r.stats.ms} ms.`);
    });

  return (
    <Dialog className="neo4j-dialog" label="Neo4j" testId="neo4j-dialog" onClose={busy ? undefined : onClose}>
      <header className="modal-head">
        <h2>Neo4j</h2>
        <button type="button" className="link" onClick={onClose} disabled={busy}>
          Close
        </button>
      </header>
      <form
        className="neo4j-connect"
        onSubmit={(e) => {
          e.preventDefault();
          void doConnect();
        }}
      >
        <label>
          URL <input value={uri} onChange={(e) => setUri(e.target.value)} data-testid="neo4j-uri" placeholder="bolt://host:7687" />
        </label>
        <label>
          User <input value={user} onChange={(e) => setUser(e.target.value)} data-testid="neo4j-user" autoComplete="username" />
        </label>
        <label>
          Password <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="neo4j-password" autoComplete="current-password" />
        </label>
        <label>
          Database <input value={database} onChange={(e) => setDatabase(e.target.value)} data-testid="neo4j-database" placeholder="(server default)" />
        </label>
        <label className="check">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} /> Remember the password in this browser
        </label>
        <button type="submit" disabled={busy || !uri.trim()} data-testid="neo4j-connect">
          {driver ? 'Reconnect' : 'Connect'}
        </button>
      </form>
      {status ? <p className="muted" data-testid="neo4j-status">{status}</p> : null}
      {error ? (
        <p className="error" role="alert" data-testid="neo4j-error">
          {error}
        </p>
      ) : null}
      {driver && plants ? (
        <>
          <h3>Plants in this database</h3>
          {plants.length ? (
            <table className="neo4j-plants" data-testid="neo4j-plants">
              <thead>
                <tr>
                  <th>Plant</th>
                  <th>Assets</th>
                  <th>Connections</th>
                  <th>Saved</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {plants.map((p) => (
                  <tr key={p.id}>
                    <td>
                      {p.name} <span className="muted">({p.id})</span>
                    </td>
                    <td>{p.assets.toLocaleString('en')}</td>
                    <td>{p.connections.toLocaleString('en')}</td>
                    <td>{new Date(p.pushedAt).toLocaleString()}</td>
                    <td>
                      <button type="button" disabled={busy} onClick={() => void doOpen(p.id)} data-testid={`neo4j-open-${p.id}`}>
                        Open
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">No plants yet.</p>
          )}
          <p>
            <button type="button" disabled={busy || !model} onClick={() => void doSave()} data-testid="neo4j-save">
              Save “{model?.plant.name ?? '—'}” to Neo4j
            </button>{' '}
            <span className="muted">Replaces the plant with id {model?.plant.id ?? '—'} in one step; a failed save leaves it as it was.</span>
          </p>
          <h3>Blast radius on the server</h3>
          <p className="muted">For plants too large to open here: Neo4j walks the attack graph stored with the plant.</p>
          <div className="neo4j-blast">
            <select value={blastPlant} onChange={(e) => setBlastPlant(e.target.value)} aria-label="Plant" data-testid="neo4j-blast-plant">
              <option value="">Plant…</option>
              {plants.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            <input value={blastFrom} onChange={(e) => setBlastFrom(e.target.value)} placeholder="entry asset id(s), comma-separated" aria-label="From" data-testid="neo4j-blast-from" />
            <button type="button" disabled={busy || !blastPlant || !blastFrom.trim()} onClick={() => void doBlast()} data-testid="neo4j-blast-run">
              Compute
            </button>
          </div>
          {blast ? (
            <div className="neo4j-blast-result" data-testid="neo4j-blast-result">
              <p>
                <strong>{blast.reached.count}</strong> assets reachable; crown jewels reached: {blast.impact.crownJewels.join(', ') || 'none'}; production lines stopped:{' '}
                {blast.impact.productionLinesStopped.map((l) => l.name).join(', ') || 'none'}; downtime {formatMoney(blast.impact.downtimeCostPerHour)}/h; worst safety consequence: {blast.impact.worstSafety}.
              </p>
              <ol className="neo4j-reached">
                {reachedRows(blast.reached, 50).map((x) => (
                  <li key={x.id}>
                    {x.id} — likelihood {x.likelihood.toFixed(3)}, {x.hops} hop{x.hops === 1 ? '' : 's'}
                  </li>
                ))}
              </ol>
              {blast.reached.count > 50 ? <p className="muted">and {blast.reached.count - 50} more</p> : null}
            </div>
          ) : null}
        </>
      ) : null}
    </Dialog>
  );
}
