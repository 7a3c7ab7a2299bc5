import { describe, expect, it } from 'vitest';
import { addEdit, applyEdits, EMPTY_SCENARIO, redo, undo } from '../../../src/analysis/scenario';
import { tinyPlant } from '../../helpers/builders';

describe('what-if scenarios', () => {
  it('apply edits in order without touching the baseline', () => {
    const base = tinyPlant();
    const before = JSON.stringify(base);
    const r = applyEdits(base, [
      { kind: 'remove-connection', connection: 'c-3', cost: 0 },
      { kind: 'add-control', asset: 'hmi', control: 'mfa', cost: 0 },
      { kind: 'add-asset', asset: { id: 'cam', name: 'IP camera', kind: 'server', zone: 'z-ctl' } },
      { kind: 'add-connection', connection: { id: 'c-new', from: 'inet', to: 'hmi', protocol: 'rdp', direction: 'one-way' } },
      { kind: 'add-connection', connection: { id: 'c-cam', from: 'cam', to: 'plc', protocol: 'modbus-tcp', direction: 'one-way' } },
      { kind: 'move-asset', asset: 'hmi', zone: 'z-ctl' },
      { kind: 'patch-cve', asset: 'hmi', cve: 'CVE-2019-0708', cost: 0 },
    ]);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.model.connections.map((c) => c.id)).toEqual(['c-1', 'c-2', 'c-4', 'c-new', 'c-cam']);
    expect(r.model.assets.map((a) => a.id)).toContain('cam');
    expect(r.model.assets.find((a) => a.id === 'hmi')).toMatchObject({ zone: 'z-ctl', controls: ['mfa'], vulnerabilities: [{ cve: 'CVE-2019-0708', patched: true }] });
    expect(JSON.stringify(base)).toBe(before);
  });

  it('reports an edit that no longer applies, or a result the parser rejects', () => {
    expect(applyEdits(tinyPlant(), [{ kind: 'remove-connection', connection: 'nope', cost: 0 }])).toMatchObject({ kind: 'invalid', edit: 0 });
    const r = applyEdits(tinyPlant(), [{ kind: 'move-asset', asset: 'hmi', zone: 'z-missing' }]);
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') expect(r.errors[0]!.message).toBe('unknown zone "z-missing"');
  });

  it('undo and redo', () => {
    const a = { kind: 'add-control' as const, asset: 'hmi', control: 'mfa' as const, cost: 0 };
    const b = { kind: 'remove-connection' as const, connection: 'c-1', cost: 0 };
    let s = addEdit(addEdit(EMPTY_SCENARIO, a), b);
    s = undo(s);
    expect(s.edits).toEqual([a]);
    expect(s.undone).toEqual([b]);
    s = redo(s);
    expect(s.edits).toEqual([a, b]);
    s = addEdit(undo(s), a);
    expect(s.undone).toEqual([]);
    expect(undo(EMPTY_SCENARIO)).toBe(EMPTY_SCENARIO);
  });
});
