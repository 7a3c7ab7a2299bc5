// `twinpath report <model> [--scenario FILE] [--entry ID] [--steps N] -o report.html|report.pdf`:
// the executive report as one self-contained HTML file, or as a PDF rendered from that HTML by
// headless Chromium (Debian's, never a downloaded one) through playwright-core.
import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { buildContext, type PlantContext } from '../analysis/context';
import { MAX_PLAN_STEPS } from '../analysis/remediation';
import { writeOutputFile } from '../io/node/files';
import { executiveReport } from '../report/html';
import { formatMoney, formatPercent } from '../report/format';
import { commandArgs, InputError, profileOption, readModel, UsageError, type Io } from './command';
import type { AttackerProfile } from '../model/schema';

/** The Chromium the PDF is printed with: CHROMIUM_PATH, else TWINPATH_CHROMIUM (tests), else Debian's. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? process.env.TWINPATH_CHROMIUM ?? '/usr/bin/chromium';
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-gpu', '--no-first-run'];

async function load(file: string, profile: AttackerProfile | undefined): Promise<PlantContext> {
  return buildContext(await readModel(file), undefined, { profile });
}

/** Pages of a PDF: its page objects (`/Type /Page`, not `/Pages`). */
export function pdfPageCount(pdf: Uint8Array): number {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/** Prints self-contained HTML to an A4 PDF; every request the page might make is refused. */
export async function htmlToPdf(html: string): Promise<Uint8Array> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new InputError([
      `twinpath report: Chromium is needed for PDF output and was not found at ${executablePath}.`,
      'Install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary; HTML output (-o report.html) needs no browser.',
    ]);
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await browser.close();
  }
}

export async function reportCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = commandArgs(
    argv,
    { scenario: { type: 'string' }, entry: { type: 'string' }, steps: { type: 'string' }, output: { type: 'string', short: 'o' }, profile: { type: 'string' } },
    1,
    'report takes one model file',
  );
  const output = values.output;
  if (!output) throw new UsageError('report needs -o report.html or -o report.pdf (-o - writes the HTML to stdout)');
  const ext = output === '-' ? '.html' : extname(output).toLowerCase();
  if (ext !== '.html' && ext !== '.htm' && ext !== '.pdf') throw new UsageError(`report writes .html or .pdf, got ${JSON.stringify(output)}`);
  let steps: number | undefined;
  if (values.steps !== undefined) {
    if (!/^\d+$/.test(values.steps) || Number(values.steps) > MAX_PLAN_STEPS) throw new UsageError(`--steps takes an integer in 0..${MAX_PLAN_STEPS}, got ${JSON.stringify(values.steps)}`);
    steps = Number(values.steps);
  }
  const profile = profileOption(values.profile);
  const ctx = await load(positionals[0]!, profile);
  if (values.entry !== undefined && !ctx.index.has(values.entry)) throw new InputError([`twinpath report: unknown asset ${JSON.stringify(values.entry)} (--entry)`]);
  const scenario = values.scenario !== undefined ? { name: basename(values.scenario).replace(/\.json$/i, ''), ctx: await load(values.scenario, profile) } : undefined;
  const { summary, html } = executiveReport(ctx, {
    ...(values.entry !== undefined ? { entry: values.entry } : {}),
    ...(steps !== undefined ? { steps } : {}),
    ...(scenario ? { scenario } : {}),
    generatedAt: new Date().toISOString().slice(0, 10),
  });
  const said: string[] = [];
  if (summary.story) said.push(`story: ${summary.story.headline}`);
  if (summary.beforeAfter) said.push(`plan: ${summary.beforeAfter.headline}`);
  if (summary.scenario) said.push(`scenario: ${formatMoney(summary.scenario.riskBefore)} → ${formatMoney(summary.scenario.riskAfter)} (${formatPercent(summary.scenario.cut)} cut)`);
  if (output === '-') {
    io.rawOut(html);
    return 0;
  }
  if (ext === '.pdf') {
    const pdf = await htmlToPdf(html);
    await writeOutputFile(output, pdf);
    io.err(`wrote ${output}: PDF, ${pdfPageCount(pdf)} page(s), ${Math.round(pdf.length / 1024)} KiB\n`);
  } else {
    await writeOutputFile(output, html);
    io.err(`wrote ${output}: self-contained HTML, ${Math.round(Buffer.byteLength(html) / 1024)} KiB\n`);
  }
  for (const s of said) io.err(`  ${s}\n`);
  return 0;
}
