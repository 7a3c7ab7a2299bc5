// Business impact of losing assets: crown-jewel impact in money, production lines stopped
// (respecting redundancy groups), downtime cost, worst safety consequence, data exposed.
import type { CrownJewel, PlantModel } from '../model/schema';

/** Documented valuation constants (currency units, e.g. EUR). */
export const IMPACT_CONSTANTS = {
  /** Hours of outage assumed when no production line gives restoreHours. */
  defaultRestoreHours: 24,
  /** Value put on the worst safety consequence (for ranking, not a statement about lives). */
  safety: { none: 0, injury: 1_000_000, fatality: 10_000_000 },
  /** Value of data exposed. */
  dataLoss: { none: 0, operational: 50_000, confidential: 500_000, 'intellectual-property': 2_000_000 },
} as const;

export type SafetyLevel = keyof typeof IMPACT_CONSTANTS.safety;
const SAFETY_ORDER: readonly SafetyLevel[] = ['none', 'injury', 'fatality'];

export interface JewelImpact {
  /** Jewel's own downtime cost plus its production lines' (per hour). */
  readonly downtimeCostPerHour: number;
  /** Longest restore time of its lines, or the default. */
  readonly restoreHours: number;
  readonly safety: SafetyLevel;
  readonly dataLoss: keyof typeof IMPACT_CONSTANTS.dataLoss;
  /** downtimeCostPerHour × restoreHours + safety value + data value. */
  readonly money: number;
}

/** Cost per hour of a stopped line: its downtime cost, else its revenue. */
export function lineCostPerHour(line: { downtimeCostPerHour?: number | undefined; revenuePerHour?: number | undefined }): number {
  return line.downtimeCostPerHour ?? line.revenuePerHour ?? 0;
}

export function jewelImpact(model: PlantModel, jewel: CrownJewel): JewelImpact {
  const lines = (model.productionLines ?? []).filter((l) => jewel.impact.productionLines?.includes(l.id));
  const downtimeCostPerHour = (jewel.impact.downtimeCostPerHour ?? 0) + lines.reduce((s, l) => s + lineCostPerHour(l), 0);
  const restoreHours = lines.length ? Math.max(...lines.map((l) => l.restoreHours ?? IMPACT_CONSTANTS.defaultRestoreHours)) : IMPACT_CONSTANTS.defaultRestoreHours;
  const safety = jewel.impact.safety ?? 'none';
  const dataLoss = jewel.impact.dataLoss ?? 'none';
  return {
    downtimeCostPerHour, restoreHours, safety, dataLoss,
    money: downtimeCostPerHour * restoreHours + IMPACT_CONSTANTS.safety[safety] + IMPACT_CONSTANTS.dataLoss[dataLoss],
  };
}

export interface LostAssetsImpact {
  readonly crownJewels: readonly string[];
  readonly productionLinesStopped: readonly { id: string; name: string; costPerHour: number; restoreHours: number; lostGroup: string }[];
  /** Stopped lines' cost per hour plus the lost jewels' own downtime cost per hour. */
  readonly downtimeCostPerHour: number;
  readonly worstSafety: SafetyLevel;
  readonly dataExposed: readonly { asset: string; dataLoss: string }[];
}

/** Impact of losing the given assets: a line stops when every member of any one group is lost. */
export function impactOfLoss(model: Pick<PlantModel, 'crownJewels' | 'productionLines'>, isLost: (assetId: string) => boolean): LostAssetsImpact {
  const lost = { has: isLost };
  const productionLinesStopped = [];
  let downtimeCostPerHour = 0;
  for (const line of model.productionLines ?? []) {
    const group = line.groups.find((g) => g.assets.every((a) => lost.has(a)));
    if (!group) continue;
    const costPerHour = lineCostPerHour(line);
    downtimeCostPerHour += costPerHour;
    productionLinesStopped.push({ id: line.id, name: line.name, costPerHour, restoreHours: line.restoreHours ?? IMPACT_CONSTANTS.defaultRestoreHours, lostGroup: group.name });
  }
  let worst = 0;
  const crownJewels: string[] = [];
  const dataExposed: { asset: string; dataLoss: string }[] = [];
  for (const j of model.crownJewels) {
    if (!lost.has(j.asset)) continue;
    crownJewels.push(j.asset);
    downtimeCostPerHour += j.impact.downtimeCostPerHour ?? 0;
    worst = Math.max(worst, SAFETY_ORDER.indexOf(j.impact.safety ?? 'none'));
    if (j.impact.dataLoss && j.impact.dataLoss !== 'none') dataExposed.push({ asset: j.asset, dataLoss: j.impact.dataLoss });
  }
  return { crownJewels, productionLinesStopped, downtimeCostPerHour, worstSafety: SAFETY_ORDER[worst]!, dataExposed };
}
