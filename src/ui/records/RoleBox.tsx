// The asset's role in the analysis: an entry point (with its attacker profile) or a crown jewel
// (with its impact: safety, production lines, downtime cost per hour, data), marked, changed and
// unmarked as what-if edits.
import { useState } from 'react';
import { impactText, type ScenarioEdit } from '../../analysis/scenario';
import { ATTACKER_PROFILES, DATA_LOSS_LEVELS, SAFETY_LEVELS, type CrownJewel, type EntryPoint, type PlantModel } from '../../model/schema';
import { Choice } from './Choice';
import { downtimeValue, submitted } from './record-forms';
import './records.css';

type Profile = NonNullable<EntryPoint['profile']>;
type Impact = CrownJewel['impact'];

export interface RoleBoxProps {
  readonly model: PlantModel;
  readonly assetId: string;
  readonly onEdit: (e: ScenarioEdit) => void;
}

function ImpactForm({ model, initial, submitLabel, onSubmit, onCancel }: { model: PlantModel; initial: Impact; submitLabel: string; onSubmit: (i: Impact) => void; onCancel?: () => void }) {
  const [safety, setSafety] = useState(initial.safety ?? 'none');
  const [dataLoss, setDataLoss] = useState(initial.dataLoss ?? 'none');
  const [downtime, setDowntime] = useState(initial.downtimeCostPerHour === undefined ? '' : String(initial.downtimeCostPerHour));
  const [lines, setLines] = useState<readonly string[]>(initial.productionLines ?? []);
  const cost = downtimeValue(downtime);
  return (
    <form
      className="impact-form"
      aria-label="Crown jewel impact"
      data-testid="jewel-impact-form"
      onSubmit={submitted(() => {
        const { description } = initial;
        onSubmit({
          ...(safety !== 'none' ? { safety } : {}),
          ...(lines.length ? { productionLines: [...lines] } : {}),
          ...(cost !== undefined ? { downtimeCostPerHour: cost } : {}),
          ...(dataLoss !== 'none' ? { dataLoss } : {}),
          ...(description ? { description } : {}),
        });
      }, !Number.isNaN(cost))}
    >
      <label htmlFor="impact-safety">Safety</label>
      <Choice id="impact-safety" value={safety} options={SAFETY_LEVELS} onChange={setSafety} testId="jewel-safety" />
      <label htmlFor="impact-downtime">Downtime €/h</label>
      <input id="impact-downtime" inputMode="decimal" value={downtime} onChange={(e) => setDowntime(e.target.value)} aria-invalid={Number.isNaN(cost)} placeholder="none" data-testid="jewel-downtime" />
      {model.productionLines?.length ? (
        <>
          <span>Lines stopped</span>
          <span className="lines">
            {model.productionLines.map((l) => (
              <label key={l.id}>
                <input type="checkbox" checked={lines.includes(l.id)} onChange={(e) => setLines(e.target.checked ? [...lines, l.id] : lines.filter((x) => x !== l.id))} /> {l.name}
              </label>
            ))}
          </span>
        </>
      ) : null}
      <label htmlFor="impact-data">Data exposed</label>
      <Choice id="impact-data" value={dataLoss} options={DATA_LOSS_LEVELS} onChange={setDataLoss} testId="jewel-data" />
      <span />
      <span className="record-actions">
        <button type="submit" className="small-btn" disabled={Number.isNaN(cost)} data-testid="jewel-submit">
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="small-btn" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </span>
    </form>
  );
}

export function RoleBox({ model, assetId, onEdit }: RoleBoxProps) {
  const entry = model.entryPoints.find((e) => e.asset === assetId);
  const jewel = model.crownJewels.find((j) => j.asset === assetId);
  const [profile, setProfile] = useState<Profile>(entry?.profile ?? 'cybercriminal');
  const [impactOpen, setImpactOpen] = useState(false);
  return (
    <section className="role-box" aria-label="Role in the analysis" data-testid="role-box">
      <div className="role-line">
        {entry ? (
          <>
            <span className="role-tag entry">Entry point</span>
            <label>
              profile{' '}
              <Choice
                value={entry.profile ?? ''}
                options={ATTACKER_PROFILES}
                onChange={(p) => onEdit({ kind: 'mark-entry', entry: { ...entry, profile: p } })}
                testId="entry-profile"
                {...(entry.profile ? {} : { unset: 'not set' })}
              />
            </label>
            <button type="button" className="small-btn" onClick={() => onEdit({ kind: 'unmark-entry', asset: assetId })} data-testid="unmark-entry">
              Unmark
            </button>
          </>
        ) : (
          <>
            <button type="button" className="small-btn" onClick={() => onEdit({ kind: 'mark-entry', entry: { asset: assetId, profile } })} data-testid="mark-entry">
              Mark as entry point
            </button>
            <label>
              attacker{' '}
              <Choice value={profile} options={ATTACKER_PROFILES} onChange={setProfile} ariaLabel="Attacker profile" testId="mark-entry-profile" />
            </label>
          </>
        )}
      </div>
      <div className="role-line">
        {jewel ? (
          <>
            <span className="role-tag jewel">Crown jewel</span> <span className="muted">{impactText(jewel, model)}</span>
            <button type="button" className="small-btn" onClick={() => setImpactOpen((o) => !o)} aria-expanded={impactOpen} data-testid="edit-impact">
              Edit impact
            </button>
            <button type="button" className="small-btn" onClick={() => onEdit({ kind: 'unmark-jewel', asset: assetId })} data-testid="unmark-jewel">
              Unmark
            </button>
          </>
        ) : (
          <button type="button" className="small-btn" onClick={() => setImpactOpen((o) => !o)} aria-expanded={impactOpen} data-testid="mark-jewel">
            Mark as crown jewel…
          </button>
        )}
      </div>
      {impactOpen ? (
        <ImpactForm
          model={model}
          initial={jewel?.impact ?? {}}
          submitLabel={jewel ? 'Save impact' : 'Mark as crown jewel'}
          onCancel={() => setImpactOpen(false)}
          onSubmit={(impact) => {
            onEdit({ kind: 'mark-jewel', jewel: { asset: assetId, impact } });
            setImpactOpen(false);
          }}
        />
      ) : null}
    </section>
  );
}
