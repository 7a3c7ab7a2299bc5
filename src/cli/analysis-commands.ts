// The analysis commands of the CLI: load a model through the one parser, run the pure analysis,
// print JSON (stable keys, see README) or a readable table.
import { attackPaths } from '../analysis/attack-paths';
import { blastRadius } from '../analysis/blast';
import { chokepoints } from '../analysis/chokepoints';
import { contain } from '../analysis/containment';
import { AnalysisError, buildContext, type PlantContext } from '../analysis/context';
import { PROFILES, type AttackerProfile } from '../analysis/profiles';
import { DIFF_TTC_SAMPLES, ttcChange, type TtcChange } from '../analysis/ttc-change';
import { edgeTimes } from '../analysis/ttc';
import { diffScenarios, type ScenarioDiff } from '../analysis/diff';
import type { ExplainedPath } from '../analysis/explain';
import { MAX_K } from '../analysis/paths';
import { remediationPlan } from '../analysis/remediation';
import { PLAN_RANKS, type PlanRank } from '../analysis/remediation/plan';
import { analyzeAll, blastJson, chokepointsJson, graphJson } from '../session/results';
import { riskReport } from '../analysis/risk';
import { MAX_HORIZON_DAYS, MAX_SAMPLES, simulate, type SimulationResult } from '../analysis/simulate';
import { formatDays, formatLikelihood, formatSignedDays as signedDays, groupThousands } from '../report/format';
import { findings } from '../analysis/findings';
import { readTextFile } from '../io/node/read';
import { writeOutputFile } from '../io/node/files';
import { progressFor } from '../io/node/progress';
import { jsonText, lines, table, txt } from '../io/node/terminal';
import { isYamlName } from '../model/yaml-name';
import { planCsv } from '../report/plan';
import { inventoryPage, MAX_INVENTORY_PAGE } from '../session/inventory';
import { findingsCsv } from '../interchange/findings-csv';
import { navigatorLayer } from '../interchange/navigator';
import { commandArgs, InputError, profileOption, readModel, UsageError, type Io } from './command';
import { artifactUri, TWINPATH_VERSION } from './version';

export type { TtcChange };

export const EXIT_RISK_INCREASED = 3;

export { InputError, UsageError, type Io };

type Values = Record<string, string | boolean | undefined>;

/** An analysis command's arguments: its options plus --json, and `positionals` model files. */
function args(argv: readonly string[], options: Record<string, { type: 'string' | 'boolean'; short?: string }>, positionals: number, what: string) {
  const r = commandArgs(argv, { json: { type: 'boolean' }, ...options }, positionals, `${what} takes ${positionals === 1 ? 'one model file' : `${positionals} model files`}`);
  return { values: r.values as Values, files: r.positionals };
}

/** The option of every command that derives attack paths: the attacker it analyses as. */
const PROFILE = { profile: { type: 'string' } } as const;

/** The plant context of a model file, its attack graph derived for `profile` (undefined: no profile). */
async function load(file: string, profile?: AttackerProfile): Promise<PlantContext> {
  return buildContext(await readModel(file), undefined, { profile });
}

/** With --profile, the human output's header line names the attacker ("Risk as a cybercriminal:"). */
function header(io: Io, profile: AttackerProfile | undefined, what: string): void {
  if (profile !== undefined) io.out(`${what} as ${PROFILES[profile].article}:\n`);
}

/** With --profile, the JSON document leads with `"profile": "<id>"`; without, it is as it was. */
function profiled<T extends object>(profile: AttackerProfile | undefined, doc: T): T | ({ profile: AttackerProfile } & T) {
  return profile === undefined ? doc : { profile, ...doc };
}

/** Units `--horizon` reads, in days (a year is 365 days). */
const HORIZON_UNITS: Readonly<Record<string, number>> = { h: 1 / 24, d: 1, w: 7, y: 365 };

/** `--horizon`: `12h`, `30d`, `2w`, `1y` or plain days → days in (0, MAX_HORIZON_DAYS]; undefined when absent. */
export function horizonOption(raw: string | boolean | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const text = typeof raw === 'string' ? raw.trim() : '';
  const what = `--horizon takes a time of at most ${MAX_HORIZON_DAYS} days (10 years): 12h, 30d, 2w, 1y or a number of days`;
  if (/^-/.test(text)) throw new UsageError(`${what}; got ${JSON.stringify(raw)} (negative)`);
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*([hdwy]?)$/i.exec(text);
  if (!m) throw new UsageError(`${what}; got ${JSON.stringify(raw)}`);
  const days = Number(m[1]) * HORIZON_UNITS[(m[2] || 'd').toLowerCase()]!;
  if (!(days > 0)) throw new UsageError(`${what}; got ${JSON.stringify(raw)} (it must be longer than 0)`);
  if (days > MAX_HORIZON_DAYS) throw new UsageError(`${what}; got ${JSON.stringify(raw)} (${groupThousands(days)} days)`);
  return days;
}

/** remediate --rank: what the greedy plan maximises per cost (default: risk removed). */
function rankOption(raw: string | boolean | undefined): PlanRank {
  if (raw === undefined) return 'risk';
  if (typeof raw === 'string' && (PLAN_RANKS as readonly string[]).includes(raw)) return raw as PlanRank;
  throw new UsageError(`--rank takes one of ${PLAN_RANKS.join(', ')} (risk removed or time bought per cost); got ${JSON.stringify(typeof raw === 'string' ? raw : '')}`);
}

function intOption(values: Values, name: string, fallback: number, min: number, max: number): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new UsageError(`--${name} takes an integer in ${min}..${max}, got ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}

function numberOption(values: Values, name: string): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--${name} takes a non-negative number, got ${JSON.stringify(raw)}`);
  return n;
}

function ids(raw: string | boolean | undefined): string[] | undefined {
  if (typeof raw !== 'string') return undefined;
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}

const money = groupThousands;
const pct = formatLikelihood;

function printPaths(io: Io, paths: readonly ExplainedPath[]): void {
  if (paths.length === 0) io.out('No attack path.\n');
  for (const p of paths) {
    io.out(`${pct(p.likelihood)}  ${p.from} → ${p.to}  (${p.edges.length} steps)\n`);
    for (const e of p.edges) io.out(`    ${e.fromName} → ${e.toName}: ${e.techniqueName} (${e.technique}), ${e.likelihood.toFixed(3)}, ${e.rule}, ${e.provenance}\n`);
  }
}

/**
 * JSON with every number finite: JSON.stringify would print NaN and ±Infinity as null, which a
 * script reading the output takes for "no value". The schema bounds every money field, so this
 * never fires on a valid model; if it does, the command fails instead of printing a wrong number.
 */
export function finiteJson(x: unknown): string {
  return jsonText(x, function (this: unknown, key: string, v: unknown) {
    if (typeof v === 'number' && !Number.isFinite(v)) throw new InputError(`twinpath: refusing to print ${String(v)} for "${key}" (a figure overflowed); no output written`);
    return v;
  });
}

/** Why the diff's risk figures cannot be compared (a non-finite number), or undefined when they can. */
export function riskFiguresUndecidable(d: ScenarioDiff): string | undefined {
  const figures: [string, number][] = [['base plant risk', d.risk.base], ['changed plant risk', d.risk.changed], ['risk delta', d.risk.delta]];
  for (const j of d.jewels) figures.push([`risk of ${j.asset}`, j.baseRisk], [`changed risk of ${j.asset}`, j.changedRisk]);
  const bad = figures.find(([, x]) => !Number.isFinite(x));
  return bad ? `${bad[0]} is ${String(bad[1])}` : undefined;
}

export async function runAnalysisCommand(command: string, argv: readonly string[], io: Io): Promise<number | undefined> {
  // JSON goes out byte for byte; human text through io.out/err (one line per plain string, or txt`…`).
  const json = (x: unknown) => io.rawOut(`${finiteJson(x)}\n`);
  switch (command) {
    case 'graph': {
      const { values, files } = args(argv, { format: { type: 'string' }, graph: { type: 'string' }, output: { type: 'string', short: 'o' }, ...PROFILE }, 1, 'graph');
      const profile = profileOption(values.profile);
      if (values.format !== undefined || values.graph !== undefined || values.output !== undefined) return await graphFile(io, files[0]!, values, profile);
      const g = graphJson(await load(files[0]!, profile));
      if (values.json) json(profiled(profile, g));
      else {
        header(io, profile, 'Attack graph');
        io.out(table([['from', 'to', 'likelihood', 'technique', 'rule', 'provenance'], ...g.edges.map((e) => [e.from, e.to, e.likelihood.toFixed(3), e.technique, e.rule, e.provenance])]));
      }
      return 0;
    }
    case 'paths': {
      const { values, files } = args(argv, { from: { type: 'string' }, to: { type: 'string' }, k: { type: 'string' }, ...PROFILE }, 1, 'paths');
      const profile = profileOption(values.profile);
      const ctx = await load(files[0]!, profile);
      const from = ids(values.from);
      const to = ids(values.to);
      const paths = attackPaths(ctx, { ...(from ? { from } : {}), ...(to ? { to } : {}), k: intOption(values, 'k', 1, 1, MAX_K) });
      if (values.json) json(profiled(profile, { paths }));
      else {
        header(io, profile, 'Attack paths');
        printPaths(io, paths);
      }
      return 0;
    }
    case 'blast': {
      const { values, files } = args(argv, { from: { type: 'string' }, ...PROFILE }, 1, 'blast');
      const from = ids(values.from);
      if (!from?.length) throw new UsageError('blast needs --from ID[,ID…]');
      const profile = profileOption(values.profile);
      const r = blastRadius(await load(files[0]!, profile), from);
      if (values.json) json(profiled(profile, blastJson(r)));
      else {
        header(io, profile, 'Blast radius');
        io.out(`From ${from.join(', ')}: ${r.reached.count} assets reachable.\n`);
        io.out(`Crown jewels reached: ${r.impact.crownJewels.join(', ') || 'none'}\n`);
        io.out(`Production lines stopped: ${r.impact.productionLinesStopped.map((l) => l.name).join('; ') || 'none'}\n`);
        io.out(`Downtime cost per hour: ${money(r.impact.downtimeCostPerHour)}; worst safety consequence: ${r.impact.worstSafety}\n`);
        const { ids, likelihood, hops } = r.reached;
        io.out(table([['asset', 'likelihood', 'hops'], ...ids.map((id, i) => [id, likelihood[i]!.toFixed(4), hops[i]!])]));
      }
      return 0;
    }
    case 'chokepoints': {
      const { values, files } = args(argv, { ...PROFILE }, 1, 'chokepoints');
      const profile = profileOption(values.profile);
      const c = chokepoints(await load(files[0]!, profile));
      if (values.json) json(profiled(profile, chokepointsJson(c)));
      else {
        header(io, profile, 'Chokepoints');
        for (const d of c.dominators) io.out(`${d.jewel}: ${d.reachable ? d.assets.join(', ') || '(no single asset lies on every path)' : 'not reachable'}\n`);
        const m = c.minCut;
        if (m.kind === 'cut') io.out(`Minimum cut (cost ${money(m.cost)}): ${m.assets.join(', ')} — cuts every path to ${m.protects.join(', ')}\n`);
        else if (m.kind === 'partial-cut') {
          io.out(`Cannot be protected: ${m.cannotProtect.join(', ')} (${m.reason}: ${m.direct.map((d) => `${d.entry} → ${d.jewel}`).join(', ')})\n`);
          if (m.protects.length) io.out(`Minimum cut protecting the rest (cost ${money(m.cost)}): ${m.assets.join(', ')} — cuts every path to ${m.protects.join(', ')}\n`);
          else io.out('No other crown jewel is reachable.\n');
        } else io.out(`Nothing to cut: ${m.reason}\n`);
        io.out(table([['asset', 'risk removed if hardened'], ...c.ranking.map((r) => [r.id, money(r.riskRemoved)])]));
      }
      return 0;
    }
    case 'risk': {
      const { values, files } = args(argv, { ...PROFILE }, 1, 'risk');
      const profile = profileOption(values.profile);
      const r = riskReport(await load(files[0]!, profile));
      if (values.json) json(profiled(profile, r));
      else {
        header(io, profile, 'Risk');
        io.out(table([['crown jewel', 'likelihood', 'impact', 'risk', 'via'], ...r.jewels.map((j) => [j.asset, j.likelihood.toFixed(4), money(j.impact.money), money(j.risk), j.via || '-'])]));
        io.out(txt`Plant risk: ${money(r.total)}\n${r.formula}\n`);
      }
      return 0;
    }
    case 'remediate': {
      const { values, files } = args(argv, { budget: { type: 'string' }, steps: { type: 'string' }, csv: { type: 'string' }, rank: { type: 'string' }, ...PROFILE }, 1, 'remediate');
      const profile = profileOption(values.profile);
      const rank = rankOption(values.rank);
      const ctx = await load(files[0]!, profile);
      const budget = numberOption(values, 'budget');
      const progress = progressFor(io);
      progress.phase('planning remediation');
      const plan = remediationPlan(ctx.model, {
        context: ctx, // planned against the attack graph of the profile
        ...(budget !== undefined ? { budget } : {}),
        maxSteps: intOption(values, 'steps', 10, 1, 50),
        onProgress: (step, of) => progress.update(step, of, 'steps'),
        ...(rank === 'time' ? { rank } : {}),
      });
      progress.done();
      if (typeof values.csv === 'string') {
        await writeText(io, values.csv, planCsv(ctx.model, plan));
        if (values.csv === '-') return 0;
      }
      if (values.json) json(profiled(profile, { rank, ...plan }));
      else if (rank === 'time') {
        if (profile === undefined) io.out('Remediation plan by time bought:\n');
        else header(io, profile, 'Remediation plan by time bought');
        io.out(table([['#', 'action', 'cost', 'days bought', 'risk removed', 'cumulative cost'], ...plan.steps.map((s, i) => [i + 1, s.description, money(s.action.cost), formatDays(s.daysBought ?? 0), money(s.riskRemoved), money(s.cumulativeCost)])]));
        io.out(`Expected time to compromise (impact-weighted, quickest paths) ${formatDays(plan.baselineDays ?? 0)} → ${formatDays(plan.finalDays ?? 0)}; risk ${money(plan.baselineRisk)} → ${money(plan.finalRisk)}\n`);
        io.out(lines(plan.notes));
      } else {
        header(io, profile, 'Remediation plan');
        io.out(table([['#', 'action', 'cost', 'risk removed', 'risk after', 'cumulative cost'], ...plan.steps.map((s, i) => [i + 1, s.description, money(s.action.cost), money(s.riskRemoved), money(s.riskAfter), money(s.cumulativeCost)])]));
        io.out(`Risk ${money(plan.baselineRisk)} → ${money(plan.finalRisk)}\n`);
        io.out(lines(plan.notes));
      }
      return 0;
    }
    case 'contain': {
      const { values, files } = args(argv, { from: { type: 'string' }, ...PROFILE }, 1, 'contain');
      if (typeof values.from !== 'string') throw new UsageError('contain needs --from ID');
      const profile = profileOption(values.profile);
      const c = contain(await load(files[0]!, profile), values.from);
      if (values.json) json(profiled(profile, c));
      else {
        header(io, profile, 'Containment');
        if (c.kind === 'contained') {
          io.out(`Isolate (cost ${money(c.cost)}) to keep ${c.jewelsAtRisk.join(', ')} out of reach of ${c.from}:\n`);
          for (const [k, list] of Object.entries(c.isolate)) if (list.length) io.out(`  ${k}: ${list.join(', ')}\n`);
        } else io.out(c.kind === 'nothing-at-risk' ? `No crown jewel is reachable from ${c.from}.\n` : `Impossible: ${c.reason}\n`);
      }
      return 0;
    }
    case 'simulate': {
      const { values, files } = args(argv, { samples: { type: 'string' }, seed: { type: 'string' }, horizon: { type: 'string' }, ...PROFILE }, 1, 'simulate');
      const profile = profileOption(values.profile);
      const horizon = horizonOption(values.horizon);
      const samples = intOption(values, 'samples', 10_000, 1, MAX_SAMPLES);
      const seed = intOption(values, 'seed', 1, 0, 2 ** 32 - 1);
      const ctx = await load(files[0]!, profile);
      // Timed only when asked (--profile or --horizon): on a 10,000-asset plant the timed run takes
      // 10 to 20 times as long as the untimed one (29 s against 1.3 s at 10,000 samples, no profile), so
      // plain `simulate` stays as it was.
      const timed = profile !== undefined || horizon !== undefined;
      const progress = progressFor(io);
      progress.phase('simulating');
      const r = simulate(ctx.attack, ctx.ids, ctx.entries, ctx.jewels, samples, seed, (done) => progress.update(done, samples, 'samples'),
        timed ? { times: edgeTimes(ctx), profile: profile ?? null, ...(horizon !== undefined ? { horizonDays: horizon } : {}) } : undefined);
      progress.done();
      if (!timed) {
        if (values.json) json(r);
        else io.out(table([['crown jewel', 'P(compromise)', '95% CI'], ...r.jewels.map((j) => [j.asset, j.probability.toFixed(4), `${j.ci95[0].toFixed(4)}–${j.ci95[1].toFixed(4)}`])]));
      } else if (values.json) json({ profile: profile ?? null, horizonDays: horizon ?? null, ...r });
      else printTimed(io, r, profile);
      return 0;
    }
    case 'diff': {
      const { values, files } = args(argv, { 'fail-on-increase': { type: 'boolean' }, sarif: { type: 'string' }, samples: { type: 'string' }, seed: { type: 'string' }, ...PROFILE }, 2, 'diff');
      const profile = profileOption(values.profile);
      const ttcSamples = intOption(values, 'samples', DIFF_TTC_SAMPLES, 0, MAX_SAMPLES); // 0: no timed runs
      const ttcSeed = intOption(values, 'seed', 1, 0, 2 ** 32 - 1);
      const base = await load(files[0]!, profile);
      const changed = await load(files[1]!, profile);
      const d = diffScenarios(base, changed);
      if (typeof values.sarif === 'string') {
        const text = await readTextFile(files[1]!, { what: 'changed model' });
        const { diffSarif } = await import('../interchange/sarif');
        const log = diffSarif(base, changed, d, {
          changedFile: { uri: artifactUri(files[1]!), text, yaml: isYamlName(files[1]!) },
          baseUri: artifactUri(files[0]!),
          failOnIncrease: values['fail-on-increase'] === true,
          toolVersion: TWINPATH_VERSION,
        });
        await writeText(io, values.sarif, `${finiteJson(log)}\n`);
      }
      // The gate fails closed: a comparison it cannot decide is a failure, never a pass.
      const undecidable = riskFiguresUndecidable(d);
      if (undecidable && values['fail-on-increase']) {
        io.err(`twinpath diff: cannot compare plant risk (${undecidable}); failing the gate\n`);
        return EXIT_RISK_INCREASED;
      }
      // With --sarif -, stdout holds the SARIF log alone (and no time is spent on the timed runs).
      const ttc = values.sarif === '-' || ttcSamples === 0 ? undefined : ttcChange(base, changed, ttcSamples, ttcSeed);
      if (values.json && values.sarif !== '-') json({ ...profiled(profile, d), ...(ttc ? { timeToCompromise: ttc } : {}) });
      else if (values.sarif !== '-') {
        header(io, profile, 'Plant change');
        io.out(`Plant risk ${money(d.risk.base)} → ${money(d.risk.changed)} (${d.risk.delta >= 0 ? '+' : ''}${money(d.risk.delta)})\n`);
        if (d.newlyReachable.length) io.out(`Newly reachable crown jewels: ${d.newlyReachable.join(', ')}\n`);
        if (d.noLongerReachable.length) io.out(`No longer reachable: ${d.noLongerReachable.join(', ')}\n`);
        io.out(`${d.newPaths.length} new path(s), ${d.removedPaths.length} removed path(s)\n`);
        for (const p of d.newPaths.slice(0, 10)) io.out(`  + ${pct(p.likelihood)} ${p.nodes.join(' → ')}\n`);
        for (const p of d.removedPaths.slice(0, 10)) io.out(`  - ${pct(p.likelihood)} ${p.nodes.join(' → ')}\n`);
        if (ttc) printTtcChange(io, ttc);
      }
      if (!values['fail-on-increase']) return 0;
      if (d.risk.delta > 1e-9 * Math.max(1, d.risk.base)) {
        io.err(`twinpath diff: plant risk rose by ${money(d.risk.delta)}\n`);
        return EXIT_RISK_INCREASED;
      }
      return 0;
    }
    case 'analyze': {
      const { values, files } = args(argv, { samples: { type: 'string' }, seed: { type: 'string' }, budget: { type: 'string' }, navigator: { type: 'string' }, profile: { type: 'string' } }, 1, 'analyze');
      const profile = profileOption(values.profile);
      const ctx = await load(files[0]!, profile);
      if (typeof values.navigator === 'string') {
        await writeText(io, values.navigator, `${finiteJson(navigatorLayer(ctx))}\n`);
        if (values.navigator === '-') return 0;
      }
      const budget = numberOption(values, 'budget');
      const doc = analyzeAll(ctx, { samples: intOption(values, 'samples', 10_000, 1, MAX_SAMPLES), seed: intOption(values, 'seed', 1, 0, 2 ** 32 - 1), ...(budget !== undefined ? { budget } : {}) });
      if (values.json) json(profiled(profile, doc));
      else {
        header(io, profile, 'Analysis');
        io.out(`${doc.plant.name}: ${doc.plant.assets} assets, ${doc.plant.connections} connections, ${doc.plant.attackEdges} attack edges\n`);
        io.out(txt`Plant risk: ${money(doc.risk.total)}\n\nMost likely paths:\n`);
        printPaths(io, doc.paths.slice(0, 5));
        io.out(txt`\nRemediation plan:\n`);
        for (const s of doc.remediation.steps) io.out(`  ${s.description} (cost ${money(s.action.cost)}, removes ${money(s.riskRemoved)})\n`);
      }
      return 0;
    }
    case 'findings': {
      const { values, files } = args(argv, { csv: { type: 'string' } }, 1, 'findings');
      const list = findings(await readModel(files[0]!));
      if (typeof values.csv === 'string') {
        await writeText(io, values.csv, findingsCsv(list));
        if (values.csv === '-') return 0;
      }
      if (values.json) json({ findings: list });
      else if (!list.length) io.out('No findings.\n');
      else for (const f of list) io.out(`${f.severity.toUpperCase()}  ${f.title}: ${f.detail}\n`);
      return 0;
    }
    case 'inventory': {
      const { values, files } = args(argv, { csv: { type: 'string' }, ...PROFILE }, 1, 'inventory');
      const profile = profileOption(values.profile);
      const ctx = await load(files[0]!, profile);
      if (typeof values.csv === 'string') {
        await writeText(io, values.csv, inventoryPage(ctx, { limit: 0, csv: true }).csv!);
        if (values.csv === '-') return 0;
      }
      // The inventory answers in pages (the app's virtual list): read them all, riskiest first.
      const first = inventoryPage(ctx, { limit: MAX_INVENTORY_PAGE });
      const rows = [...first.rows];
      while (rows.length < first.matched) rows.push(...inventoryPage(ctx, { offset: rows.length, limit: MAX_INVENTORY_PAGE }).rows);
      if (values.json) json(profiled(profile, { total: first.total, plantRisk: first.plantRisk, rows }));
      else {
        header(io, profile, 'Inventory');
        io.out(
          table([
            ['asset', 'kind', 'zone', 'level', 'unpatched', 'KEV', 'role', 'risk through', 'paths'],
            ...rows.map((r) => [r.id, r.kind, r.zone, r.level, r.unpatched, r.kev, r.entry ? 'entry' : r.jewel ? 'jewel' : '', money(r.risk), r.paths]),
          ]),
        );
      }
      return 0;
    }
    default:
      return undefined;
  }
}

/** Probability with its 95 % interval, in percent: "41.2% (39.0–43.4%)". */
function withInterval(p: number, ci: readonly [number, number]): string {
  return `${(p * 100).toFixed(1)}% (${(ci[0] * 100).toFixed(1)}–${(ci[1] * 100).toFixed(1)}%)`;
}

const days = (d: number | null | undefined) => (d === null || d === undefined ? '—' : formatDays(d));

/** The timed run as a table: per crown jewel, P(within each horizon / ever) and the median and 10th–90th percentile times. */
function printTimed(io: Io, r: SimulationResult, profile: AttackerProfile | undefined): void {
  const horizons = r.timed?.horizonsDays ?? [];
  io.out(`Time to compromise ${profile !== undefined ? `as ${PROFILES[profile].article}` : 'with no attacker profile'} (${groupThousands(r.samples)} samples, seed ${r.seed}; 95% intervals):\n`);
  io.out(
    table([
      ['crown jewel', ...horizons.map((h) => `within ${formatDays(h)}`), 'ever', 'median', '10th–90th pct'],
      ...r.jewels.map((j) => {
        const t = j.time!;
        return [j.asset, ...t.within.map((w) => withInterval(w.probability, w.ci95)), withInterval(j.probability, j.ci95), days(t.medianDays), `${days(t.p10Days)} – ${days(t.p90Days)}`];
      }),
    ]),
  );
  io.out('Shares of all attempts; the median and percentiles are the times by which that share of attempts has reached the jewel (— : fewer attempts ever do).\n');
}


function printTtcChange(io: Io, t: { samples: number; seed: number; jewels: readonly TtcChange[] }): void {
  io.out(`Median time to compromise (timed Monte Carlo, ${groupThousands(t.samples)} samples, seed ${t.seed}):\n`);
  io.out(
    table([
      ['crown jewel', 'before', 'after', 'change', 'P(ever) before → after'],
      ...t.jewels.map((j) => [
        j.asset, days(j.baseMedianDays), days(j.changedMedianDays), j.medianChangeDays !== undefined ? signedDays(j.medianChangeDays) : '—',
        `${pct(j.baseProbability)} → ${pct(j.changedProbability)}`,
      ]),
    ]),
  );
  io.out('— : fewer than half the attempts ever reach the jewel. Medians are read to ±3 % and vary with the samples: a change of a few percent may be noise (more --samples, less noise).\n');
}

/** An exported file: written to `path`, or to stdout for `-`; said on stderr when written to a file. */
async function writeText(io: Io, path: string, text: string): Promise<void> {
  if (path === '-') {
    io.rawOut(text);
    return;
  }
  await writeOutputFile(path, text);
  io.err(txt`wrote ${path}\n`);
}

const GRAPH_FORMATS = ['graphology', 'gexf', 'graphml'] as const;

/** `graph --format graphology|gexf|graphml [--graph attack|plant] [-o FILE]`: the graph for other tools. */
async function graphFile(io: Io, file: string, values: Values, profile: AttackerProfile | undefined): Promise<number> {
  const format = values.format ?? 'graphology';
  if (typeof format !== 'string' || !(GRAPH_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format takes graphology, gexf or graphml, got ${JSON.stringify(format)}`);
  }
  const which = values.graph ?? 'attack';
  if (which !== 'attack' && which !== 'plant') throw new UsageError(`--graph takes attack or plant, got ${JSON.stringify(which)}`);
  if (values.json) throw new UsageError('graph: --json prints the attack graph document; --format writes a graph file instead (not both)');
  const output = typeof values.output === 'string' ? values.output : '-';
  const model = await readModel(file);
  // graphology and the XML writers load here, for this command only.
  const [{ attackGraph, graphologyJson, plantGraph }, { writeGexf }, { writeGraphml }] = await Promise.all([
    import('../interchange/graphs'),
    import('../interchange/gexf'),
    import('../interchange/graphml'),
  ]);
  // graphology JSON of the plant keeps every record (importGraphology reads it back); the XML formats hold scalars.
  const g = which === 'plant' ? plantGraph(model, { records: format === 'graphology' }) : attackGraph(buildContext(model, undefined, { profile }));
  const text = format === 'gexf' ? writeGexf(g) : format === 'graphml' ? writeGraphml(g) : `${jsonText(graphologyJson(g), undefined, 0)}\n`;
  await writeText(io, output, text);
  return 0;
}

export { AnalysisError };
