// Adding an IEC 62443 conduit as a what-if edit: checked as an edit (the conduit record by the one
// parser, its zones and `via` assets resolved, its id new), applied without re-validating the
// plant, and usable by the edits that follow (a connection carried by it).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyEdits, describeEdit, type ScenarioEdit } from '../../../src/analysis/scenario';
import { formatError } from '../../../src/model/errors';
import type { Conduit, PlantModel } from '../../../src/model/schema';

const ref = JSON.parse(readFileSync('models/reference-plant.json', 'utf8')) as PlantModel;
const conduit: Conduit = { id: 'cd-corp-ops', name: 'Corporate to site operations (direct)', zones: ['z-corp', 'z-ops'], via: ['fw-ot-core'], protocols: ['rdp'] };
const errorsOf = (edits: ScenarioEdit[]) => {
  const r = applyEdits(ref, edits);
  return r.kind === 'invalid' ? r.errors.map(formatError) : [];
};

describe('add-conduit', () => {
  it('adds the conduit, which later edits can name; the baseline is untouched', () => {
    const r = applyEdits(ref, [
      { kind: 'add-conduit', conduit },
      { kind: 'add-connection', connection: { id: 'c-new', from: 'ws-quality', to: 'jump-ot', protocol: 'rdp', direction: 'one-way', conduit: 'cd-corp-ops' } },
    ]);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.model.conduits!.at(-1)).toEqual(conduit);
    expect(r.model.connections.at(-1)!.conduit).toBe('cd-corp-ops');
    expect(ref.conduits!.some((c) => c.id === 'cd-corp-ops')).toBe(false);
    expect(describeEdit({ kind: 'add-conduit', conduit }, ref)).toMatch(/^Add conduit Corporate to site operations \(direct\) \(.+ ↔ .+\) via /);
    const { name: _n, ...unnamed } = conduit;
    expect(describeEdit({ kind: 'add-conduit', conduit: unnamed }, ref)).toMatch(/^Add a conduit between .+ and .+ via /);
  });

  it('refuses a bad conduit with path-named errors, and changes nothing', () => {
    expect(errorsOf([{ kind: 'add-conduit', conduit: { ...conduit, zones: ['z-corp', 'z-nowhere'] } }])).toEqual(['edits[0](add-conduit).conduit(id=cd-corp-ops).zones[1]: unknown zone "z-nowhere"']);
    expect(errorsOf([{ kind: 'add-conduit', conduit: { ...conduit, zones: ['z-ops', 'z-ops'] } }])).toEqual(['edits[0](add-conduit).conduit(id=cd-corp-ops).zones: a conduit joins two different zones, got "z-ops" twice']);
    expect(errorsOf([{ kind: 'add-conduit', conduit: { ...conduit, via: ['no-such-fw'] } }])).toEqual(['edits[0](add-conduit).conduit(id=cd-corp-ops).via[0]: unknown asset "no-such-fw"']);
    expect(errorsOf([{ kind: 'add-conduit', conduit: { ...conduit, id: 'cd-dmz-ops' } }])).toEqual(['edits[0](add-conduit).conduit(id=cd-dmz-ops).id: duplicate id "cd-dmz-ops" (already a conduit of the plant)']);
    expect(errorsOf([{ kind: 'add-conduit', conduit: { ...conduit, protocols: ['carrier-pigeon' as never] } }])[0]).toMatch(/^edits\[0\]\(add-conduit\)\.conduit\(id=cd-corp-ops\)\.protocols\[0\]: unknown value "carrier-pigeon"/);
    expect(errorsOf([{ kind: 'add-conduit', conduit: JSON.parse('{"id":"cd-x","zones":["z-corp","z-ops"],"__proto__":{}}') as Conduit }])).toEqual([
      'edits[0](add-conduit).conduit(id=cd-x).__proto__: forbidden key "__proto__" (never allowed in a model)',
    ]);
  });
});
