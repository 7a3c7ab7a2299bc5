// What each model record (connection, trust relation, media path) lets an attacker do: the most
// likely attack edge it gives, per direction, with its ATT&CK for ICS technique and likelihood —
// what the graph shows on an edge's tooltip.
import { EDGE_KINDS, type EdgeKind } from '../model/compact';
import { techniqueOf } from './attack-graph';
import type { PlantContext } from './context';
import { TECHNIQUES } from './techniques';

export interface RecordAttack {
  readonly kind: EdgeKind;
  /** Index of the record in model.connections / trust / media. */
  readonly ref: number;
  /** The attacker holds `from` and takes `to`. */
  readonly from: string;
  readonly to: string;
  readonly technique: string;
  readonly techniqueName: string;
  readonly likelihood: number;
}

/** The most likely attack edge of each record, per ordered pair of assets, in attack-graph order. */
export function recordAttacks(ctx: PlantContext): RecordAttack[] {
  const { attack: ag, graph: g } = ctx;
  const best = new Map<string, number>();
  for (let e = 0; e < ag.edgeCount; e++) {
    const arc = ag.origin[e]!;
    const key = `${g.edgeKind[arc]}:${g.edgeRef[arc]}:${ag.edgeSource[e]}:${ag.edgeTarget[e]}`;
    const held = best.get(key);
    if (held === undefined || ag.likelihood[e]! > ag.likelihood[held]!) best.set(key, e);
  }
  return [...best.values()].map((e) => {
    const arc = ag.origin[e]!;
    const technique = techniqueOf(ag, e);
    return {
      kind: EDGE_KINDS[g.edgeKind[arc]!]!,
      ref: g.edgeRef[arc]!,
      from: ctx.ids[ag.edgeSource[e]!]!,
      to: ctx.ids[ag.edgeTarget[e]!]!,
      technique,
      techniqueName: TECHNIQUES[technique].name,
      likelihood: ag.likelihood[e]!,
    };
  });
}
