// Remediation steps as people read them: names only (assets, the two ends of a connection, the
// media path's name), with the model ids they stand for kept apart — for a tooltip, a ticket's
// reference column — and the plan as a CSV file for ticketing tools. Pure.
import type { RemediationAction, RemediationPlan } from '../analysis/remediation';
import type { ControlKind, PlantModel } from '../model/schema';
import { toCsv, type CsvValue } from './csv';

export interface StepText {
  /** The step in words, with names (never a model id). */
  readonly text: string;
  /** The model ids the step acts on: the asset, connection, trust relation or media path (for tooltips and tickets). */
  readonly refs: readonly string[];
}

/** Controls in words ("Add … to <asset>"). */
export const CONTROL_TEXT: Record<ControlKind, string> = {
  mfa: 'multi-factor authentication',
  allowlisting: 'application allow-listing',
  'dpi-firewall': 'a deep-packet-inspection firewall',
  edr: 'endpoint detection and response',
  'usb-control': 'USB port control',
  pam: 'privileged access management',
  'network-monitoring': 'network monitoring',
  'hardened-config': 'a hardened configuration',
  'signed-firmware': 'signed firmware',
  'key-switch-run': 'the key switch locked in RUN',
};

/** What the texts need of a model: only the records the actions name, found in one pass over each list. */
interface Lookup {
  readonly asset: (id: string) => string;
  readonly connection: (id: string) => { from: string; to: string; protocol: string } | undefined;
  readonly trust: (id: string) => { kind: string; from: string; to: string } | undefined;
  readonly media: (id: string) => { kind: string; name: string | undefined; from: readonly string[]; to: readonly string[] } | undefined;
}

function lookup(model: PlantModel, actions: readonly RemediationAction[]): Lookup {
  const want = { connection: new Set<string>(), trust: new Set<string>(), media: new Set<string>() };
  for (const a of actions) {
    if (a.kind === 'remove-connection' || a.kind === 'require-authentication') want.connection.add(a.connection);
    else if (a.kind === 'remove-trust') want.trust.add(a.trust);
    else if (a.kind === 'isolate-media') want.media.add(a.media);
  }
  const connections = new Map<string, { from: string; to: string; protocol: string }>();
  if (want.connection.size) for (const c of model.connections) if (want.connection.has(c.id)) connections.set(c.id, { from: c.from, to: c.to, protocol: c.protocol });
  const trust = new Map((model.trust ?? []).filter((t) => want.trust.has(t.id)).map((t) => [t.id, t]));
  const media = new Map((model.media ?? []).filter((m) => want.media.has(m.id)).map((m) => [m.id, { kind: m.kind, name: m.name, from: m.from, to: m.to }]));
  let names: Map<string, string> | undefined;
  return {
    asset: (id) => (names ??= new Map(model.assets.map((x) => [x.id, x.name]))).get(id) ?? 'an asset no longer in the plant',
    connection: (id) => connections.get(id),
    trust: (id) => trust.get(id),
    media: (id) => media.get(id),
  };
}

/** "A", "A and B", "A, B and C"; past three, the first two "and N more" (a sentence, not an inventory). */
export function nameList(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  if (names.length > 3) return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function stepText(a: RemediationAction, l: Lookup): StepText {
  switch (a.kind) {
    case 'patch-cve':
      return { text: `Patch ${a.cve} on ${l.asset(a.asset)}`, refs: [a.asset] };
    case 'add-control':
      return { text: `Add ${CONTROL_TEXT[a.control]} to ${l.asset(a.asset)}`, refs: [a.asset] };
    case 'remove-connection':
    case 'require-authentication': {
      const c = l.connection(a.connection);
      const what = c ? `the ${c.protocol} connection from ${l.asset(c.from)} to ${l.asset(c.to)}` : 'a connection no longer in the plant';
      return { text: a.kind === 'remove-connection' ? `Block ${what}` : `Require authentication on ${what}`, refs: [a.connection] };
    }
    case 'isolate-media': {
      const m = l.media(a.media);
      if (!m) return { text: 'Stop a media path no longer in the plant', refs: [a.media] };
      const carrier = m.kind === 'transient-laptop' ? 'transient laptop' : 'removable media';
      const route = `from ${nameList(m.from.map(l.asset))} to ${nameList(m.to.map(l.asset))}`;
      return { text: m.name ? `Stop the ${carrier} path “${m.name}” (${route})` : `Stop the ${carrier} path ${route}`, refs: [a.media] };
    }
    case 'remove-trust': {
      const t = l.trust(a.trust);
      if (!t) return { text: 'Remove a trust relation no longer in the plant', refs: [a.trust] };
      const text =
        t.kind === 'domain-membership'
          ? `Take ${l.asset(t.to)} out of the domain of ${l.asset(t.from)}`
          : t.kind === 'domain-trust'
            ? `Remove the domain trust from ${l.asset(t.from)} to ${l.asset(t.to)}`
            : `Separate the shared credentials of ${l.asset(t.from)} and ${l.asset(t.to)}`;
      return { text, refs: [a.trust] };
    }
    default:
      return assertNever(a);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected remediation action ${JSON.stringify(x)}`);
}

/** Each action in words, names only, with the ids it acts on. */
export function stepTexts(model: PlantModel, actions: readonly RemediationAction[]): StepText[] {
  const l = lookup(model, actions);
  return actions.map((a) => stepText(a, l));
}

export const PLAN_CSV_HEADER = ['step', 'action', 'kind', 'model ids', 'cost (EUR)', 'cumulative cost (EUR)', 'risk removed (EUR)', 'plant risk after (EUR)'] as const;

/** The plan as a CSV file: one record per step, in plan order (for a ticketing tool). */
export function planCsv(model: PlantModel, plan: Pick<RemediationPlan, 'steps'>): string {
  const texts = stepTexts(model, plan.steps.map((s) => s.action));
  const rows = plan.steps.map((s, i): CsvValue[] => [
    i + 1,
    texts[i]!.text,
    s.action.kind,
    texts[i]!.refs.join(' '),
    s.action.cost,
    s.cumulativeCost,
    Math.round(s.riskRemoved),
    Math.round(s.riskAfter),
  ]);
  return toCsv(PLAN_CSV_HEADER, rows);
}
