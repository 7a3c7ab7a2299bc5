// The scenario diff in words, for the what-if panel and the asset panel's strip: a money change
// with its sign, why ±0, and what happened to an entry point × crown jewel pair. Plain functions.
import type { UnchangedReason } from '../../analysis/diff-why';
import type { Route, RouteChange, RouteChanges } from '../../analysis/route-changes';
import { formatLikelihood as pct, formatMoney } from '../../report/format';

/** "+€1,200", "−€3,495,892", "±€0" (below half a unit). */
export function signedMoney(delta: number): string {
  if (Math.abs(delta) < 0.5) return '±€0';
  return `${delta > 0 ? '+' : '−'}${formatMoney(Math.abs(delta))}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** A route by asset names: "Maintenance laptop → OT domain controller → MES". */
export function routeText(r: Route): string {
  return r.names.join(' → ');
}

export function reasonText(w: UnchangedReason): string {
  switch (w.kind) {
    case 'no-crown-jewels':
      return 'the plant names no crown jewel, so its risk is €0 either way: mark what must not fall (asset panel)';
    case 'no-entry-points':
      return 'the plant names no entry point, so nothing is reachable: mark where an attacker starts (asset panel)';
    case 'nothing-reachable':
      return 'no crown jewel is reachable from an entry point, before or after';
    case 'still-exploitable': {
      const score = [w.cvss !== null ? `CVSS ${w.cvss}` : 'no CVSS score', w.kev ? 'in CISA KEV' : ''].filter(Boolean).join(', ');
      const more = w.more ? `; ${plural(w.more, 'more unpatched CVE')}${w.moreKev ? ` (${w.moreKev} in KEV)` : ''}` : '';
      return `${w.assetName} is still exploitable via ${w.cve} (${score}) on the same asset${more}`;
    }
    case 'control-present':
      return `${w.assetName} already has ${w.control}`;
    case 'entry-reaches-no-jewel':
      return `${w.assetName} reaches no crown jewel`;
    case 'entry-outranked':
      return `every crown jewel ${w.assetName} reaches is reached more likely from another entry point`;
    case 'jewel-unreachable':
      return `no entry point reaches ${w.assetName}`;
    case 'jewel-without-impact':
      return `${w.assetName} has no impact set (€0): give it a downtime cost, a safety consequence or data`;
    case 'same-routes':
      return `${w.jewels === 1 ? '1 crown jewel keeps its' : `${w.jewels} crown jewels keep their`} most likely path — none of them used what changed${
        w.top ? ` (the one most at risk: ${w.top.jewelName}, ${pct(w.top.route.likelihood)} via ${routeText(w.top.route)})` : ''
      }`;
    case 'rerouted-same-likelihood':
      return `${w.jewelName} is re-routed at the same likelihood (${pct(w.after.likelihood)}): now ${routeText(w.after)}`;
    case 'likelihood-without-impact':
      return `${w.jewelName} moved from ${pct(w.before)} to ${pct(w.after)}, but its impact is €0`;
  }
}

/** "±€0: <reason>; <reason>." — the line shown for a change that moves no money. */
export function unchangedText(reasons: readonly UnchangedReason[]): string {
  return reasons.length ? `Why ±€0: ${reasons.map(reasonText).join('; ')}.` : 'Why ±€0: nothing on any crown jewel’s most likely path changed.';
}

/** One pair's change in a line: "Re-routed: Maintenance laptop → MES, 81.0% → 14.3%". */
export function changeText(c: RouteChange): string {
  const pair = `${c.entryName} → ${c.jewelName}`;
  switch (c.kind) {
    case 'new':
      return `New: ${pair}, ${pct(c.after!.likelihood)}${c.marking === 'marked' ? ' (newly marked)' : ''}`;
    case 'cut':
      return `Cut off: ${pair} (was ${pct(c.before!.likelihood)})${c.marking === 'unmarked' ? ' (unmarked)' : ''}`;
    case 're-routed':
      return `Re-routed: ${pair}, ${pct(c.before!.likelihood)} → ${pct(c.after!.likelihood)}`;
    case 'likelihood':
      return `Same route, ${c.after!.likelihood < c.before!.likelihood ? 'less' : 'more'} likely: ${pair}, ${pct(c.before!.likelihood)} → ${pct(c.after!.likelihood)}`;
    case 'alternatives':
      return `Lesser paths changed: ${pair} (its most likely path stays, ${pct(c.after!.likelihood)})`;
  }
}

/** "6 pairs re-routed, 2 new, 1 cut off" — the route changes counted, the significant first. */
export function countsText(r: RouteChanges): string {
  const c = r.counts;
  const parts = [
    c.new ? `${plural(c.new, 'pair')} newly reachable` : '',
    c['re-routed'] ? `${plural(c['re-routed'], 'pair')} re-routed` : '',
    c.likelihood ? `${plural(c.likelihood, 'pair')} ${c.likelihood === 1 ? 'changes' : 'change'} likelihood on the same route` : '',
    c.cut ? `${plural(c.cut, 'pair')} cut off` : '',
    c.alternatives ? `${plural(c.alternatives, 'pair')} with only lesser paths changed` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'No entry point × crown jewel pair changed its paths';
}
