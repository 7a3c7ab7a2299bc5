// The CLI's usage texts: the overview (`twinpath help`) and one page per command (`twinpath
// <command> --help`, `twinpath help <command>`). Text only — no command code is loaded to print it.
import { closest } from './suggest';

/** One command's page: its synopsis lines, what it does, and examples. */
interface Page {
  readonly synopsis: readonly string[];
  readonly about: string;
  /** The overview's line, when the first sentence of `about` is too long for it. */
  readonly brief?: string;
  readonly options?: readonly (readonly [string, string])[];
  readonly examples?: readonly string[];
}

const MODEL = 'JSON, or YAML when the name ends in .yaml or .yml: the same schema';
const JSON_OPTION = ['--json', 'machine-readable output, keys as documented in README'] as const;
/** What --profile does, on the page of every command that derives attack paths. */
const PROFILE = ' --profile P analyses as an attacker profile — opportunistic, cybercriminal, hacktivist, insider or nation-state (docs/attack-rules.md, "Attacker profiles"): the header line says which, and --json adds "profile".';

const PAGES: Readonly<Record<string, Page>> = {
  validate: {
    synopsis: ['twinpath validate <model>'],
    about: `Check a plant model (${MODEL}). Exit 0 when valid; 1 with one error per line on stderr, each naming the path in the model (and the line and column in a YAML file).`,
    examples: ['twinpath validate models/reference-plant.json', 'twinpath validate plant.yaml'],
  },
  generate: {
    synopsis: ['twinpath generate --assets N [--seed S] [--connections M] [-o file.json|file.yaml]'],
    about: 'Write a realistic synthetic plant of exactly N assets (N ≥ 60; default 10 connections per asset). Deterministic: the same options give the same file. Shows progress on stderr when it is a terminal.',
    examples: ['twinpath generate --assets 100000 --seed 7 -o big.json', 'twinpath generate --assets 5000 --connections 20000 > plant.json'],
  },
  convert: {
    synopsis: ['twinpath convert <model> -o <out.json|out.yaml|->  [--to json|yaml]'],
    about: 'Convert a plant model between JSON and YAML. The input goes through the one parser first; the format of the output is its extension (or --to, needed with -o -).',
    examples: ['twinpath convert models/reference-plant.json -o plant.yaml', 'twinpath convert plant.yaml -o plant.json'],
  },
  graph: {
    synopsis: ['twinpath graph <model> [--profile P] [--json]', 'twinpath graph <model> --format graphology|gexf|graphml [--graph attack|plant] [--profile P] [-o FILE]'],
    about: 'The derived attack graph, every edge explained. With --format, the attack graph (default) or the plant graph (--graph plant: assets, connections, trust relations, media paths) for Gephi, yEd and Cytoscape desktop: graphology JSON, GEXF 1.3 or GraphML.',
    options: [
      JSON_OPTION, ['--format F', 'graphology (JSON), gexf or graphml'], ['--graph G', 'attack (default) or plant'], ['--profile P', 'the attack graph as an attacker profile (opportunistic, cybercriminal, hacktivist, insider, nation-state)'],
      ['-o FILE', 'where to write (default: stdout)'],
    ],
    examples: ['twinpath graph models/reference-plant.json --format gexf -o attack.gexf', 'twinpath graph models/reference-plant.json --format graphml --graph plant -o plant.graphml'],
  },
  paths: {
    synopsis: ['twinpath paths <model> [--from ID,…] [--to ID,…] [--k N] [--profile P] [--json]', 'twinpath paths --neo4j URI --plant ID --from ID,… --to ID,… [--json]'],
    about: `The most likely attack paths (default: every entry point × every crown jewel; k per pair with --k). With --neo4j, computed by Cypher on the server (no --profile there).${PROFILE}`,
  },
  blast: {
    synopsis: ['twinpath blast <model> --from ID[,ID…] [--profile P] [--json]', 'twinpath blast --neo4j URI --plant ID --from ID[,ID…] [--json]'],
    about: `Blast radius and business impact of a breach of the given assets.${PROFILE}`,
  },
  chokepoints: { synopsis: ['twinpath chokepoints <model> [--profile P] [--json]'], about: `Dominators, the minimum cut and the ranking of assets by risk removed if hardened.${PROFILE}` },
  risk: {
    synopsis: ['twinpath risk <model> [--profile P] [--json]'],
    about: `Risk per crown jewel and for the plant (likelihood × impact in money).${PROFILE}`,
    examples: ['twinpath risk models/reference-plant.json --profile opportunistic'],
  },
  remediate: {
    synopsis: ['twinpath remediate <model> [--budget N] [--steps N] [--rank risk|time] [--profile P] [--json] [--csv plan.csv]'],
    about: `The greedy remediation plan and its risk curve. --rank time takes, step by step, the action that buys the most expected days to compromise per cost (impact-weighted, along the quickest paths; docs/attack-rules.md "Time bought") instead of the most risk removed (--rank risk, the default). --csv writes the plan as CSV (RFC 4180, formula-safe) for ticketing tools; - writes it to stdout. Shows progress on stderr when it is a terminal.${PROFILE}`,
    examples: ['twinpath remediate models/reference-plant.json --budget 10000 --csv plan.csv'],
  },
  contain: { synopsis: ['twinpath contain <model> --from ID [--profile P] [--json]'], about: `The cheapest isolation of a compromised asset.${PROFILE}` },
  simulate: {
    synopsis: ['twinpath simulate <model> [--samples N] [--seed S] [--profile P] [--horizon T] [--json]'],
    brief: 'Monte Carlo compromise probabilities of the crown jewels; with --profile or --horizon, when they fall (time to compromise).',
    about:
      'Monte Carlo compromise probabilities of the crown jewels (default 10,000 samples, seed 1; the same seed gives the same figures). With --profile or --horizon, the timed run: per crown jewel, P(compromised within 1 day, 7 days, 30 days, the horizon, ever) with 95% intervals and the median and 10th/90th percentile time to compromise (docs/attack-rules.md, "Time to compromise"); on a 10,000-asset plant it takes 10 to 20 times as long as the untimed run. --horizon T is 12h, 30d, 2w, 1y or a number of days, at most 3650 days. --profile P is opportunistic, cybercriminal, hacktivist, insider or nation-state. Shows progress on stderr when it is a terminal.',
    examples: ['twinpath simulate models/reference-plant.json --profile cybercriminal --horizon 30d'],
  },
  diff: {
    synopsis: ['twinpath diff <base> <changed> [--fail-on-increase] [--profile P] [--samples N] [--seed S] [--json] [--sarif out.sarif]'],
    brief: 'Scenario diff of two models: risk delta, new and removed paths, jewels newly reachable, the change in median time to compromise.',
    about: 'Scenario diff of two models: risk delta, new and removed paths, jewels newly reachable, and the change in median time to compromise per crown jewel (a timed Monte Carlo run of each model: --samples N, default 2,000, 0 for none; --seed S, default 1). --profile P compares both as that attacker (opportunistic, cybercriminal, hacktivist, insider or nation-state), the gate included. --fail-on-increase exits 3 when plant risk rises (a CI gate). --sarif writes SARIF 2.1.0: each new path to a jewel, each jewel newly reachable and the risk increase, located at the change in the changed model file (JSON pointer, line and column), for code-review tools.',
    examples: ['twinpath diff before.json after.json --fail-on-increase --sarif twinpath.sarif'],
  },
  analyze: {
    synopsis: ['twinpath analyze <model> [--json] [--navigator layer.json] [--samples N] [--seed S] [--budget N] [--profile P]'],
    about: `All key results in one document. --navigator writes an ATT&CK Navigator layer (ICS domain, layer format 4.5): the techniques the attack paths use, coloured by the risk of the paths through them, with comments naming the paths.${PROFILE}`,
    examples: ['twinpath analyze models/reference-plant.json --navigator layer.json'],
  },
  findings: {
    synopsis: ['twinpath findings <model> [--json] [--csv findings.csv]'],
    about: 'IEC 62443 findings: conduits that skip the DMZ, dual-homed assets, remote access without MFA, SL-A below SL-T, safety systems sharing a zone with basic control. --csv writes them as CSV.',
  },
  inventory: {
    synopsis: ['twinpath inventory <model> [--profile P] [--json] [--csv inventory.csv]'],
    about: `The asset inventory: kind, zone, Purdue level, vendor/product/firmware, unpatched CVEs and KEV, controls, entry point or crown jewel, risk and attack paths through each asset. --csv writes it as CSV.${PROFILE}`,
  },
  report: {
    synopsis: ['twinpath report <model> [--scenario FILE] [--entry ID] [--steps N] [--profile P] -o report.html|report.pdf'],
    about: `Executive report: breach story (led by its time to compromise), impact, before/after (the plan's first N steps, and a what-if model); self-contained HTML, or a PDF via headless Chromium (-o - writes the HTML to stdout).${PROFILE}`,
  },
  import: {
    synopsis: [
      'twinpath import pcap FILE… [--merge model.json] [-o out.json] [--json] [--name NAME]',
      'twinpath import csv --assets A.csv [--connections C.csv] --mapping map.json [-o out.json]',
      'twinpath import graphology graph.json [-o out.json]',
    ],
    brief: 'Packet captures, CSV inventories or a graphology graph → a plant model.',
    about:
      'pcap: packet captures (pcap, pcapng) → a model of the observed network (hosts, flows, protocols, role guesses), or merged into model.json: connections seen marked observed, shadow flows added; --json prints the capture summary (needs -o); progress on stderr when it is a terminal. csv: asset inventory and connection list CSVs → a model; the mapping file names the columns (README); errors name the file, row, id and column. graphology: a graph written by `twinpath graph --format graphology --graph plant` (or shaped like it) back into a model.',
  },
  enrich: {
    synopsis: ['twinpath enrich <model.json> [-o out.json] [--kb FILE] [--min-confidence low|medium|high] [--no-refresh] [--json]'],
    about: 'Attach known CVEs from the bundled knowledge base (CISA ICS advisories, KEV) by vendor/product/firmware, saying how each matched; refresh kev/cvss of listed CVEs.',
  },
  neo4j: {
    synopsis: [
      'twinpath neo4j push <model> --uri URI [--user U] [--password P] [--database D]',
      'twinpath neo4j pull --plant ID --uri URI [-o model.json] [--user U …]',
      'twinpath neo4j list --uri URI [--user U …]',
      'twinpath neo4j delete --plant ID --uri URI [--user U …]',
    ],
    about: 'Plants kept in a Neo4j 5 database; the password from --password or NEO4J_PASSWORD. push writes the plant (replacing its previous version atomically; progress on stderr when it is a terminal), pull reads it back into a model file.',
  },
  help: { synopsis: ['twinpath help [command]', 'twinpath <command> --help'], about: 'This overview, or the page of one command.' },
};

/** Every command name, for "did you mean". */
export const COMMANDS: readonly string[] = Object.keys(PAGES);

export function isCommand(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(PAGES, name);
}

/** Words wrapped at `width` columns, each line after the first indented by `indent`. */
function wrap(text: string, width: number, indent: string): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      out.push(line);
      line = indent + word;
    } else line = line === '' ? `${out.length ? indent : ''}${word}` : `${line} ${word}`;
  }
  if (line !== '') out.push(line);
  return out.join('\n');
}

/** The page of one command. */
export function commandHelp(name: string): string {
  const p = PAGES[name];
  if (!p) throw new RangeError(`no help page for ${name}`);
  const parts = [`Usage:\n${p.synopsis.map((s) => `  ${s}`).join('\n')}`, wrap(p.about, 100, '')];
  if (p.options) parts.push(`Options:\n${p.options.map(([o, what]) => `  ${o.padEnd(14)}${what}`).join('\n')}`);
  if (p.examples) parts.push(`Examples:\n${p.examples.map((e) => `  ${e}`).join('\n')}`);
  return `${parts.join('\n\n')}\n`;
}

const GROUPS: readonly (readonly [string, readonly string[]])[] = [
  ['Models', ['validate', 'generate', 'convert']],
  ['Analysis (add --json for machine-readable output with the keys documented in README)', ['graph', 'paths', 'blast', 'chokepoints', 'risk', 'remediate', 'contain', 'simulate', 'diff', 'analyze', 'findings', 'inventory']],
  ['Reports', ['report']],
  ['Import and enrichment', ['import', 'enrich']],
  ['Neo4j', ['neo4j']],
];

/** `twinpath help`: every command's synopsis and the first sentence of what it does. */
export function overview(): string {
  const blocks = GROUPS.map(([title, names]) => {
    const lines = names.flatMap((n) => {
      const p = PAGES[n]!;
      const first = p.brief ?? p.about.split(/(?<=\.) /)[0]!;
      return [...p.synopsis.map((s) => `  ${s}`), `      ${wrap(first, 94, '      ')}`];
    });
    return `${title}:\n${lines.join('\n')}`;
  });
  return (
    'twinpath — attack-path analysis for industrial plant digital twins\n\n' +
    `${blocks.join('\n\n')}\n\n` +
    'Formats: models in JSON or YAML; graphs as graphology JSON, GEXF, GraphML; ATT&CK Navigator layers;\n' +
    'SARIF 2.1.0 from diff; CSV of the remediation plan, the inventory and the findings.\n\n' +
    '`twinpath <command> --help` shows the page of one command.\n' +
    'Exit codes: 0 success, 1 invalid model or unknown id, 2 usage error, 3 risk increased (diff),\n' +
    '4 Neo4j unreachable, credentials refused or no such database. Errors are one line on stderr;\n' +
    'TWINPATH_DEBUG=1 adds the stack trace of an unexpected one.\n'
  );
}

/** The command closest to a mistyped one, if any. */
export function closestCommand(name: string): string | undefined {
  return closest(name, COMMANDS);
}
