// The selected asset: properties, its role (entry point, crown jewel), vulnerabilities (KEV
// flagged), controls, connections, trust relations, media paths and conduits, and its incoming and
// outgoing attack edges with their explanations; what-if edits start here, with the diff kept in
// view at the top. Edits carry the documented remediation costs (docs/attack-rules.md). The records
// come from the plant drawn asset by asset when the graph holds it, else from the analysis worker:
// the records around this asset only (a large plant stays in the worker).
import { useEffect, useState, type ReactNode } from 'react';
import type { PathStep } from '../analysis/explain';
import { ACTION_COSTS } from '../analysis/remediation';
import { connectionAuthenticated } from '../analysis/rules';
import type { ScenarioEdit } from '../analysis/scenario';
import type { AnalysisClient, ShownPlant } from '../client/analysis-client';
import { PROTOCOLS, type Connection, type ControlKind, type PlantModel, type Protocol } from '../model/schema';
import type { AssetEdges } from '../session/plant-queries';
import type { AssetDetail } from '../session/plant-view';
import { observationOf } from './GraphView';
import { newRecordId } from './records/record-forms';
import { RecordLists } from './records/RecordLists';
import { RoleBox } from './records/RoleBox';

const OFFERED_CONTROLS: readonly ControlKind[] = ['mfa', 'allowlisting', 'edr', 'usb-control', 'key-switch-run', 'dpi-firewall'];
/** The documented cost of adding a control (0 for those remediation does not price). */
const controlCost = (c: ControlKind): number => (c in ACTION_COSTS ? ACTION_COSTS[c as keyof typeof ACTION_COSTS] : 0);

export interface AssetPanelProps {
  readonly client: AnalysisClient;
  /** The plant shown (outline, asset directory). */
  readonly plant: ShownPlant;
  /** The whole plant when the graph holds it (drawn asset by asset); else the worker is asked for the records around the asset. */
  readonly pictured: PlantModel | undefined;
  readonly plantKey: number;
  readonly assetId: string;
  readonly onEdit: (e: ScenarioEdit) => void;
  readonly onSelectAsset: (id: string) => void;
  /** The scenario's diff in brief, kept in view above the asset while it is edited. */
  readonly diffStrip?: ReactNode;
}

export function AssetPanel({ client, plant, pictured, plantKey, assetId, onEdit, onSelectAsset, diffStrip }: AssetPanelProps) {
  const [edges, setEdges] = useState<AssetEdges>();
  const [detail, setDetail] = useState<{ readonly key: number; readonly detail: AssetDetail | undefined }>();
  const [linkTo, setLinkTo] = useState('');
  const [linkProtocol, setLinkProtocol] = useState<Protocol>('https');
  const [linkBoth, setLinkBoth] = useState(false);
  const [whyRequired, setWhyRequired] = useState<string>();
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    let live = true;
    void client.run((api) => api.assetEdgesTop(assetId)).then((r) => live && setEdges(r), () => live && setEdges(undefined));
    return () => {
      live = false;
    };
  }, [client, assetId, plantKey]);
  useEffect(() => {
    if (pictured) return;
    let live = true;
    void client.run((api) => api.assetDetail(assetId)).then((d) => live && setDetail({ key: plantKey, detail: d }), () => undefined);
    return () => {
      live = false;
    };
  }, [client, assetId, plantKey, pictured]);
  const around = !pictured && detail?.key === plantKey ? detail.detail : undefined;
  const model = pictured ?? around?.model;
  const a = model?.assets.find((x) => x.id === assetId);
  if (!model || !a) return null;
  const zone = model.zones.find((z) => z.id === a.zone)!;
  const conns = model.connections.filter((c) => c.from === a.id || c.to === a.id);
  const connectionCount = around ? around.connections : conns.length;
  const observing = plant.outline.traffic !== undefined;
  const name = (id: string) => model.assets.find((x) => x.id === id)?.name ?? plant.directory.name(id) ?? id;
  const resolve = around ? (text: string) => plant.directory.resolve(text) : undefined;
  const controls = OFFERED_CONTROLS.filter((c) => !a.controls?.includes(c) && (c !== 'dpi-firewall' || a.kind === 'firewall') && (c !== 'key-switch-run' || ['plc', 'sis', 'rtu'].includes(a.kind)));
  return (
    <div className="asset-panel" data-testid="asset-panel">
      {diffStrip}
      <h2>{a.name}</h2>
      <dl>
        <dt>Id</dt>
        <dd>
          <code>{a.id}</code>
        </dd>
        <dt>Kind</dt>
        <dd>{a.kind}</dd>
        <dt>Zone</dt>
        <dd>
          {zone.name} (L{zone.purdueLevel}
          {zone.slTarget !== undefined ? `, SL-T ${zone.slTarget}` : ''}
          {zone.slAchieved !== undefined ? `, SL-A ${zone.slAchieved}` : ''})
        </dd>
        {a.vendor ? (
          <>
            <dt>Product</dt>
            <dd>
              {a.vendor} {a.product} {a.firmware ? `(${a.firmware})` : ''}
            </dd>
          </>
        ) : null}
        <dt>Controls</dt>
        <dd>{a.controls?.join(', ') || 'none'}</dd>
        <dt>Patchable</dt>
        <dd>{a.patchable === false ? 'No (next shutdown)' : 'Yes'}</dd>
      </dl>
      <RoleBox model={model} assetId={a.id} onEdit={onEdit} />
      {controls.length ? (
        <div className="row wrap">
          {controls.map((c) => (
            <button key={c} type="button" className="small-btn" data-testid={`add-${c}`} onClick={() => onEdit({ kind: 'add-control', asset: a.id, control: c, cost: controlCost(c) })}>
              + {c}
            </button>
          ))}
        </div>
      ) : null}
      {a.vulnerabilities?.length ? (
        <>
          <h3>Vulnerabilities</h3>
          <ul className="vulns">
            {a.vulnerabilities.map((v) => (
              <li key={v.cve}>
                <code>{v.cve}</code> {v.cvss !== undefined ? <span className="cvss">CVSS {v.cvss}</span> : null}{' '}
                {v.kev ? <span className="kev" title="Listed in CISA Known Exploited Vulnerabilities">KEV</span> : null}{' '}
                {v.patched ? (
                  <span className="good">patched</span>
                ) : (
                  <button type="button" className="small-btn" onClick={() => onEdit({ kind: 'patch-cve', asset: a.id, cve: v.cve, cost: ACTION_COSTS['patch-cve'] })}>
                    Mark patched
                  </button>
                )}
                {v.description ? <div className="muted">{v.description}</div> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <details className="edit-box" onToggle={(e) => setEditing((e.target as HTMLDetailsElement).open)}>
        <summary>Change the architecture (what-if)</summary>
        <label className="field">
          Move to zone{' '}
          <select
            value={a.zone}
            data-testid="move-zone"
            onChange={(e) => e.target.value !== a.zone && onEdit({ kind: 'move-asset', asset: a.id, zone: e.target.value })}
          >
            {/* Built when the box opens: a 100k-asset plant has thousands of zones. */}
            {(editing ? plant.outline.zones : plant.outline.zones.filter((z) => z.id === a.zone)).map((z) => (
              <option key={z.id} value={z.id}>
                {z.name} (L{z.purdueLevel})
              </option>
            ))}
          </select>
        </label>
        <form
          className="field"
          onSubmit={(e) => {
            e.preventDefault();
            const to = resolve ? resolve(linkTo) : model.assets.find((x) => x.id === linkTo || x.name === linkTo)?.id;
            if (!to || to === a.id) return;
            const add = (id: string) => onEdit({ kind: 'add-connection', connection: { id, from: a.id, to, protocol: linkProtocol, direction: linkBoth ? 'both' : 'one-way' } });
            // Around the asset only, the id space is the worker's to check.
            if (!resolve) add(newRecordId(model, `what-if-${a.id}-${to}`));
            else void client.run((api) => api.freeRecordId(`what-if-${a.id}-${to}`)).then(add, () => undefined);
            setLinkTo('');
          }}
        >
          Connect to{' '}
          <input list="asset-ids" value={linkTo} onChange={(e) => setLinkTo(e.target.value)} placeholder="asset id" aria-label="Connect to asset" data-testid="link-to" />
          <datalist id="asset-ids">
            {plant.directory.list(2000).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </datalist>
          <select value={linkProtocol} onChange={(e) => setLinkProtocol(e.target.value as Protocol)} aria-label="Protocol" data-testid="link-protocol">
            {PROTOCOLS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <label>
            <input type="checkbox" checked={linkBoth} onChange={(e) => setLinkBoth(e.target.checked)} /> both ways
          </label>
          <button type="submit" className="small-btn" data-testid="link-add">
            Add
          </button>
        </form>
      </details>
      <h3>Connections ({connectionCount.toLocaleString('en')})</h3>
      <table className="mini" data-testid="asset-connections">
        <tbody>
          {conns.slice(0, 40).map((c) => [
            <tr key={c.id}>
              <td>
                <button type="button" className="link" onClick={() => onSelectAsset(c.from === a.id ? c.to : c.from)}>
                  {c.from === a.id ? `→ ${name(c.to)}` : `← ${name(c.from)}`}
                </button>{' '}
                <span className="muted">
                  {c.protocol}
                  {c.direction === 'both' ? ' ⇄' : ''}
                </span>
                <ObservationBadge seen={observationOf(c, observing)} />
              </td>
              <td className="nowrap">
                <button
                  type="button"
                  className="small-btn"
                  data-testid={`cut-${c.id}`}
                  disabled={c.required}
                  title={c.required ? 'Required by the business: it cannot be cut' : 'Remove this connection in the scenario'}
                  onClick={() => onEdit({ kind: 'remove-connection', connection: c.id, cost: ACTION_COSTS['remove-connection'] })}
                >
                  Cut
                </button>
                {c.required ? (
                  <button
                    type="button"
                    className="link why-link"
                    aria-expanded={whyRequired === c.id}
                    aria-label={`Why ${c.id} cannot be cut, and what to do instead`}
                    onClick={() => setWhyRequired(whyRequired === c.id ? undefined : c.id)}
                    data-testid={`why-required-${c.id}`}
                  >
                    why?
                  </button>
                ) : null}
                {!connectionAuthenticated(c) ? (
                  <button type="button" className="small-btn" title="Require authentication on this connection" onClick={() => onEdit({ kind: 'require-authentication', connection: c.id, cost: ACTION_COSTS['require-authentication'] })}>
                    Auth
                  </button>
                ) : null}
              </td>
            </tr>,
            whyRequired === c.id ? (
              <tr key={`${c.id} why`}>
                <td colSpan={2}>
                  <RequiredNote model={model} connection={c} onEdit={onEdit} />
                </td>
              </tr>
            ) : null,
          ])}
        </tbody>
      </table>
      <RecordLists model={model} asset={a} onEdit={onEdit} onSelectAsset={onSelectAsset} {...(around ? { conduitCounts: around.conduits, resolve, zones: plant.outline.zones } : {})} />
      {edges ? (
        <>
          <h3>Attack edges in ({edges.incomingCount})</h3>
          <EdgeList steps={edges.incoming} />
          <h3>Attack edges out ({edges.outgoingCount})</h3>
          <EdgeList steps={edges.outgoing} />
        </>
      ) : null}
    </div>
  );
}

/** Why a business-required connection cannot be cut, and what restricts it instead. */
function RequiredNote({ model, connection: c, onEdit }: { model: PlantModel; connection: Connection; onEdit: (e: ScenarioEdit) => void }) {
  const via = c.via ? model.assets.find((x) => x.id === c.via) : undefined;
  const dpi = via && via.kind === 'firewall' && !via.controls?.includes('dpi-firewall') ? via : undefined;
  const name = (id: string) => model.assets.find((x) => x.id === id)?.name ?? id;
  return (
    <div className="required-note" data-testid="required-note">
      {c.description ? `${c.description}: ` : ''}marked <strong>required</strong> by the business — production needs it, so cutting it is not an option (remediation never proposes it
      either). Restrict it instead:
      <div className="record-actions">
        {!connectionAuthenticated(c) ? (
          <button type="button" className="small-btn" onClick={() => onEdit({ kind: 'require-authentication', connection: c.id, cost: ACTION_COSTS['require-authentication'] })} data-testid="required-auth">
            Require authentication
          </button>
        ) : null}
        {dpi ? (
          <button type="button" className="small-btn" onClick={() => onEdit({ kind: 'add-control', asset: dpi.id, control: 'dpi-firewall', cost: ACTION_COSTS['dpi-firewall'] })} data-testid="required-dpi">
            DPI on {dpi.name}
          </button>
        ) : null}
        {connectionAuthenticated(c) && !dpi ? (
          <span className="muted">
            Its sessions authenticate already{via ? ` and ${via.name} inspects them` : ' and it passes no firewall'}: harden {name(c.to)} itself (controls, patches).
          </span>
        ) : null}
      </div>
    </div>
  );
}

const OBSERVATION_TEXT = { observed: ['seen', 'Seen in captured traffic'], shadow: ['seen, not modeled', 'Seen in captured traffic but not in the model (a shadow path)'], unseen: ['never seen', 'Modeled, but never seen in the captured traffic'] } as const;

function ObservationBadge({ seen }: { seen: ReturnType<typeof observationOf> }) {
  if (!seen) return null;
  const [text, title] = OBSERVATION_TEXT[seen];
  return (
    <span className={`obs-badge ${seen}`} title={title} data-testid={`conn-${seen}`}>
      {text}
    </span>
  );
}

function EdgeList({ steps }: { steps: readonly PathStep[] }) {
  return (
    <ul className="edges" data-testid="attack-edges">
      {steps.map((e, i) => (
        <li key={i}>
          <div>
            {e.fromName} → {e.toName}: <strong>{e.likelihood.toFixed(3)}</strong> {e.techniqueName} <span className="muted">({e.technique}, {e.rule}, {e.provenance})</span>
          </div>
          <div className="why">{e.why}</div>
        </li>
      ))}
    </ul>
  );
}
