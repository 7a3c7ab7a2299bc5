// The records around an asset, each editable as a what-if edit: its trust relations and media
// paths (remove, set the analyst's likelihood, require MFA or USB control where they land; add one:
// "this laptop is also plugged into PLC 3"), the conduits of its zones (close one, or put DPI on
// its firewall instead when it carries business-required connections). Costs are the documented
// remediation defaults (docs/attack-rules.md).
import { useState, type ReactNode } from 'react';
import { ACTION_COSTS } from '../../analysis/remediation';
import { conduitConnections, type ScenarioEdit } from '../../analysis/scenario';
import { MEDIA_KINDS, TRUST_KINDS, type Asset, type PlantModel } from '../../model/schema';
import { Choice } from './Choice';
import { newConduitId, newRecordId, parseLikelihood, resolveAsset, submitted } from './record-forms';
import './records.css';

export interface RecordListsProps {
  /** The plant, or on a large plant the records around the asset (session/plant-view.ts assetDetail). */
  readonly model: PlantModel;
  readonly asset: Asset;
  readonly onEdit: (e: ScenarioEdit) => void;
  readonly onSelectAsset: (id: string) => void;
  /** With records around the asset only: what each conduit carries (counted by the worker over the whole plant). */
  readonly conduitCounts?: Readonly<Record<string, { readonly carried: number; readonly required: number }>>;
  /** With records around the asset only: the asset a name or id typed means, anywhere in the plant. */
  readonly resolve?: (text: string) => string | undefined;
  /** Every zone of the plant (the outline's), when `model` holds only the records around the asset. */
  readonly zones?: PlantModel['zones'];
}

/** Up to this many zones, the new conduit's zone list is built with the panel; above, when it is opened. */
const EAGER_ZONE_OPTIONS = 500;

const TRUST_WORDS = { 'shared-credentials': 'Shared credentials', 'domain-trust': 'Domain trust', 'domain-membership': 'Domain membership' } as const;
const MEDIA_WORDS = { 'removable-media': 'Removable media', 'transient-laptop': 'Transient laptop' } as const;

/** The analyst's likelihood on a record: shown, set, or taken off. */
function LikelihoodSetter({ record, value, onEdit }: { record: string; value: number | undefined; onEdit: (e: ScenarioEdit) => void }) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const v = parseLikelihood(text);
  return (
    <form
      className="record-actions"
      onSubmit={submitted(() => v !== undefined && onEdit({ kind: 'set-likelihood', record, likelihood: v }))}
    >
      <label>
        likelihood{' '}
        <input value={text} onChange={(e) => setText(e.target.value)} placeholder="derived" aria-invalid={text.trim() !== '' && v === undefined} title="Your own likelihood in (0, 1]: it wins over every derived rule" data-testid={`likelihood-${record}`} />
      </label>
      <button type="submit" className="small-btn" disabled={v === undefined || v === value} data-testid={`set-likelihood-${record}`}>
        Set
      </button>
      {value !== undefined ? (
        <button type="button" className="small-btn" onClick={() => onEdit({ kind: 'set-likelihood', record, likelihood: null })} title="Take your likelihood off: the rules decide again">
          Derived
        </button>
      ) : null}
    </form>
  );
}

/** An asset field suggesting the plant's assets from the asset panel's one list (`asset-ids`, ids with names). */
function AssetInput({ value, onChange, label, testId }: { value: string; onChange: (v: string) => void; label: string; testId: string }) {
  return <input list="asset-ids" value={value} onChange={(e) => onChange(e.target.value)} placeholder="asset name or id" aria-label={label} data-testid={testId} />;
}

interface EdgeRecord {
  readonly id: string;
  readonly likelihood?: number;
  readonly description?: string;
}

/** A list of trust relations or media paths, each with its actions and likelihood, and the form that adds one. */
function RecordSection<R extends EdgeRecord>(props: {
  title: string;
  testId: string;
  records: readonly R[];
  onEdit: (e: ScenarioEdit) => void;
  head: (r: R) => ReactNode;
  actions: (r: R) => ReactNode;
  form: { label: string; ready: boolean; onAdd: () => void; fields: ReactNode };
}) {
  const { title, testId, records, onEdit, head, actions, form } = props;
  return (
    <>
      <h3>
        {title} ({records.length})
      </h3>
      <ul className="records" data-testid={`asset-${testId}`}>
        {records.map((r) => (
          <li key={r.id} data-testid={`${testId}-${r.id}`}>
            <div>
              {head(r)} <span className="muted">({r.id})</span>
            </div>
            {r.description ? <div className="muted">{r.description}</div> : null}
            <div className="record-actions">{actions(r)}</div>
            <LikelihoodSetter record={r.id} value={r.likelihood} onEdit={onEdit} />
          </li>
        ))}
      </ul>
      <form className="record-form" aria-label={form.label} onSubmit={submitted(form.onAdd, form.ready)}>
        {form.fields}
        <button type="submit" className="small-btn" disabled={!form.ready} data-testid={`${testId}-add`}>
          Add
        </button>
      </form>
    </>
  );
}

export function RecordLists({ model, asset, onEdit, onSelectAsset, conduitCounts, resolve, zones = model.zones }: RecordListsProps) {
  const a = asset;
  const name = (id: string) => model.assets.find((x) => x.id === id)?.name ?? id;
  const link = (id: string) => (
    <button type="button" className="link" onClick={() => onSelectAsset(id)}>
      {name(id)}
    </button>
  );
  const lacks = (id: string, control: 'mfa' | 'usb-control' | 'dpi-firewall') => !model.assets.find((x) => x.id === id)?.controls?.includes(control);
  const trust = (model.trust ?? []).filter((t) => t.from === a.id || t.to === a.id);
  const media = (model.media ?? []).filter((m) => m.carrier === a.id || m.from.includes(a.id) || m.to.includes(a.id));
  const conduits = (model.conduits ?? []).filter((c) => c.zones.includes(a.zone) || (a.extraZones ?? []).some((z) => c.zones.includes(z)));
  const zoneName = (id: string) => zones.find((z) => z.id === id)?.name ?? id;

  const [trustKind, setTrustKind] = useState<(typeof TRUST_KINDS)[number]>('shared-credentials');
  const [trustOther, setTrustOther] = useState('');
  const [trustOut, setTrustOut] = useState(true);
  const [trustBoth, setTrustBoth] = useState(false);
  const [mediaKind, setMediaKind] = useState<(typeof MEDIA_KINDS)[number]>(a.kind === 'laptop' ? 'transient-laptop' : 'removable-media');
  const [mediaTo, setMediaTo] = useState('');
  const trustTarget = resolve ? resolve(trustOther) : resolveAsset(model, trustOther);
  const mediaTarget = resolve ? resolve(mediaTo) : resolveAsset(model, mediaTo);
  // A new conduit from the asset's zone: the other zone, and the boundary device it passes (if any).
  const [conduitZone, setConduitZone] = useState('');
  const [conduitVia, setConduitVia] = useState('');
  // Many zones to choose from are listed once the list is opened (a 100k-asset plant has thousands:
  // building their options took a long task each time the panel showed).
  const [zoneList, setZoneList] = useState(zones.length <= EAGER_ZONE_OPTIONS);
  const otherZones = zoneList ? zones.filter((z) => z.id !== a.zone) : zones.filter((z) => z.id === conduitZone);
  const boundary = model.assets.filter((x) => x.kind === 'firewall' || x.kind === 'data-diode' || x.kind === 'remote-access-gateway' || x.kind === 'router');
  const addConduit = () => {
    const other = zones.find((z) => z.id === conduitZone);
    if (!other) return;
    onEdit({
      kind: 'add-conduit',
      conduit: {
        id: newConduitId(model, `cd-${a.zone}-${other.id}`),
        zones: [a.zone, other.id],
        ...(conduitVia ? { via: [conduitVia] } : {}),
      },
    });
    setConduitZone('');
    setConduitVia('');
  };

  return (
    <>
      <RecordSection
        title="Trust relations"
        testId="trust"
        records={trust}
        onEdit={onEdit}
        head={(t) => (
          <>
            {TRUST_WORDS[t.kind]}: {link(t.from)} {t.direction === 'both' ? '⇄' : '→'} {link(t.to)}
          </>
        )}
        actions={(t) => (
          <>
            <button type="button" className="small-btn" onClick={() => onEdit({ kind: 'remove-trust', trust: t.id, cost: ACTION_COSTS['remove-trust'] })} data-testid={`remove-trust-${t.id}`}>
              Remove
            </button>
            {/* MFA where the credentials land: both ends of a relation that works both ways. */}
            {(t.direction === 'both' ? [t.from, t.to] : [t.to]).filter((id) => lacks(id, 'mfa')).map((id) => (
              <button key={id} type="button" className="small-btn" onClick={() => onEdit({ kind: 'add-control', asset: id, control: 'mfa', cost: ACTION_COSTS.mfa })} title={`Credentials into ${name(id)} then need a second factor (× 0.2)`}>
                Require MFA on {name(id)}
              </button>
            ))}
          </>
        )}
        form={{
          label: 'Add a trust relation',
          ready: !!trustTarget && trustTarget !== a.id,
          onAdd: () => {
            const [from, to] = trustOut ? [a.id, trustTarget!] : [trustTarget!, a.id];
            onEdit({ kind: 'add-trust', trust: { id: newRecordId(model, `what-if-trust-${from}-${to}`), kind: trustKind, from, to, direction: trustBoth ? 'both' : 'one-way' } });
            setTrustOther('');
          },
          fields: (
            <>
              <span>Add</span>
              <Choice value={trustKind} options={TRUST_KINDS} onChange={setTrustKind} ariaLabel="Kind of trust relation" label={(k) => TRUST_WORDS[k].toLowerCase()} />
              <select value={trustOut ? 'out' : 'in'} onChange={(e) => setTrustOut(e.target.value === 'out')} aria-label="Direction">
                <option value="out">this asset’s credentials open</option>
                <option value="in">opened by credentials of</option>
              </select>
              <AssetInput value={trustOther} onChange={setTrustOther} label="Other asset of the trust relation" testId="trust-other" />
              <label>
                <input type="checkbox" checked={trustBoth} onChange={(e) => setTrustBoth(e.target.checked)} /> in both directions
              </label>
            </>
          ),
        }}
      />
      <RecordSection
        title="Media paths"
        testId="media"
        records={media}
        onEdit={onEdit}
        head={(m) => (
          <>
            {MEDIA_WORDS[m.kind]}
            {m.name ? ` “${m.name}”` : ''}: {m.from.map(name).join(', ')} → {m.to.map(name).join(', ')}
          </>
        )}
        actions={(m) => {
          const usb = m.kind === 'removable-media' ? m.to.filter((id) => lacks(id, 'usb-control')) : [];
          return (
            <>
              <button type="button" className="small-btn" onClick={() => onEdit({ kind: 'isolate-media', media: m.id, cost: ACTION_COSTS['isolate-media'] })} data-testid={`remove-media-${m.id}`}>
                Remove
              </button>
              {usb.length ? (
                <button
                  type="button"
                  className="small-btn"
                  title={`USB control on ${usb.map(name).join(', ')} (× 0.1 on removable media into each)`}
                  onClick={() => usb.forEach((id) => onEdit({ kind: 'add-control', asset: id, control: 'usb-control', cost: ACTION_COSTS['usb-control'] }))}
                >
                  USB control on {usb.length === 1 ? name(usb[0]!) : `${usb.length} targets`}
                </button>
              ) : null}
            </>
          );
        }}
        form={{
          label: 'Add a media path',
          ready: !!mediaTarget && mediaTarget !== a.id,
          onAdd: () => {
            const laptop = mediaKind === 'transient-laptop';
            onEdit({
              kind: 'add-media',
              media: { id: newRecordId(model, `what-if-media-${a.id}-${mediaTarget}`), kind: mediaKind, ...(laptop && a.kind === 'laptop' ? { carrier: a.id } : {}), from: [a.id], to: [mediaTarget!] },
            });
            setMediaTo('');
          },
          fields: (
            <>
              <span>Also plugged into</span>
              <AssetInput value={mediaTo} onChange={setMediaTo} label="Asset it is also plugged into" testId="media-to" />
              <span>as</span>
              <Choice value={mediaKind} options={MEDIA_KINDS} onChange={setMediaKind} ariaLabel="Kind of media path" label={(k) => MEDIA_WORDS[k].toLowerCase()} />
            </>
          ),
        }}
      />

      <>
        <h3>Conduits of its zone ({conduits.length})</h3>
        <form className="record-add" onSubmit={submitted(addConduit, conduitZone !== '')} data-testid="add-conduit">
          <span>Add a conduit to</span>
          <select
            value={conduitZone}
            onChange={(e) => setConduitZone(e.target.value)}
            onFocus={() => setZoneList(true)}
            onMouseDown={() => setZoneList(true)}
            aria-label="Zone the new conduit joins"
            data-testid="add-conduit-zone"
          >
            <option value="">zone…</option>
            {otherZones.map((z) => (
              <option key={z.id} value={z.id}>
                {z.name} (L{z.purdueLevel})
              </option>
            ))}
          </select>
          <select value={conduitVia} onChange={(e) => setConduitVia(e.target.value)} aria-label="Boundary device the conduit passes" data-testid="add-conduit-via">
            <option value="">no boundary device</option>
            {boundary.map((x) => (
              <option key={x.id} value={x.id}>
                via {x.name}
              </option>
            ))}
          </select>
          <button type="submit" className="small-btn" disabled={conduitZone === ''}>
            Add
          </button>
        </form>
      </>
      {conduits.length ? (
        <>
          <ul className="records" data-testid="asset-conduits">
            {conduits.map((c) => {
              const counted = conduitCounts?.[c.id];
              const list = counted ? undefined : conduitConnections(model, c.id);
              const carried = { length: counted ? counted.carried : list!.length };
              const required = counted ? counted.required : list!.filter((x) => x.required).length;
              const firewalls = (c.via ?? []).filter((id) => model.assets.find((x) => x.id === id)?.kind === 'firewall' && lacks(id, 'dpi-firewall'));
              return (
                <li key={c.id} data-testid={`conduit-${c.id}`}>
                  <div>
                    {c.name ?? `${zoneName(c.zones[0]!)} ↔ ${zoneName(c.zones[1]!)}`}{' '}
                    <span className="muted">
                      ({c.via?.length ? `via ${c.via.map(name).join(', ')}, ` : ''}
                      {carried.length} connection{carried.length === 1 ? '' : 's'})
                    </span>
                  </div>
                  {required ? (
                    <div className="required-note">
                      Carries {required === 1 ? 'a business-required connection: closing it would stop it' : `${required} business-required connections: closing it would stop them`}.
                      {firewalls.length ? ' Inspect its traffic instead:' : ''}
                    </div>
                  ) : null}
                  <div className="record-actions">
                    <button
                      type="button"
                      className="small-btn"
                      disabled={required > 0 || carried.length === 0}
                      title={required ? 'It carries business-required connections' : carried.length ? `Remove the conduit and its ${carried.length} connections` : 'It carries no connection'}
                      onClick={() => onEdit({ kind: 'remove-conduit', conduit: c.id, cost: ACTION_COSTS['remove-connection'] })}
                      data-testid={`close-conduit-${c.id}`}
                    >
                      Close
                    </button>
                    {firewalls.map((id) => (
                      <button key={id} type="button" className="small-btn" onClick={() => onEdit({ kind: 'add-control', asset: id, control: 'dpi-firewall', cost: ACTION_COSTS['dpi-firewall'] })} title="Commands through it × 0.3, exploits × 0.6">
                        DPI on {name(id)}
                      </button>
                    ))}
                  </div>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </>
  );
}
