#!/usr/bin/env node
import { writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { analyze } from './core/analyze';
import type { TeamTemplate } from './core/team-template';
import { isIsoDate, localDate } from './core/iso-date';
import { identify, isPostMortem } from './core/identify';
import { type FileMetrics, type FileResult, formatJson, formatMetricsText, formatSarif, metricsForJson, formatText, reported } from './cli/format';
import { printable } from './cli/printable';
import { formatReportJson, formatReportMarkdown, formatReportText } from './cli/report-format';
import { type Analysis } from './core/analyze';
import { type PostMortemSummary, buildReport, summarizePostMortem } from './core/report';
import { renderPage } from './render/page';
import { buildInsights } from './core/insights';
import { type WorkspaceSummary, summarizeForWorkspace } from './core/workspace';
import { renderInsightsPage } from './render/insights';
import { ConfigFinder, type LoadedConfig, loadConfigText, readConfigText } from './node/config-file';
import { TemplateFinder } from './node/template-file';
import { type Limit, MB, type Target, expandPaths, readText } from './node/files';

const USAGE = `Usage:
  postmortem lint [--format text|json|sarif] [--today YYYY-MM-DD] [--config FILE] [--max-size MB] PATH...
  postmortem metrics [--format text|json] [--max-size MB] FILE...
  postmortem render [--today YYYY-MM-DD] [--config FILE] [--max-size MB] [--remote-images] [-o OUT.html] FILE
  postmortem report [--format text|json|markdown|html] [--since YYYY-MM-DD] [--until YYYY-MM-DD]
                    [--today YYYY-MM-DD] [--config FILE] [--max-size MB] PATH...

PATH is a file, a folder (its post-mortems, recursively; links inside it are not followed) or a glob.
Only regular files up to --max-size MB (default 20) are read.
lint reports open action items due before --today (default: today) as overdue.
render writes FILE's preview as one self-contained HTML page (to stdout without -o); action
items due before --today (default: today) are shown as past due; remote images are shown as
links unless --remote-images.
report sums up the post-mortems' incidents (dated from --since to --until, inclusive), MTTD,
MTTR and action items; open items due before --today (default: today) are overdue.
Exit status: 0 no errors, 1 errors found (lint), 2 usage error or unreadable file.`;

/** Files larger than this are refused unless --max-size says otherwise: the analysis needs about 55 times a file's size in memory. */
const DEFAULT_MAX_MB = 20;

class UsageError extends Error {}
/** A problem that ends the command with exit 2, without the usage: a --config file that cannot be read. */
class Refused extends Error {}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
}

/** Runs the CLI and returns its exit status; the I/O is passed in so tests can run it in-process. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === '--version' || command === '-v') return io.out(version), 0;
    if (!command || command === '--help' || command === '-h' || command === 'help') return io.out(USAGE), 0;
    if (command === 'lint') return await lint(rest, io);
    if (command === 'metrics') return await metrics(rest, io);
    if (command === 'render') return await render(rest, io);
    if (command === 'report') return await reportCommand(rest, io);
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    if (e instanceof Refused) return report(io, e.message), 2;
    if (!(e instanceof UsageError) && !(e instanceof TypeError && 'code' in e)) throw e;
    io.err(`postmortem: ${printable(e.message)}\n${USAGE}`);
    return 2;
  }
}

/** One line on stderr; names and text from the user are escaped so that they cannot forge another. */
function report(io: Io, message: string): void {
  io.err(`postmortem: ${printable(message)}`);
}

/** Options every command takes. */
const COMMON = { config: { type: 'string', short: 'c' }, 'max-size': { type: 'string' } } as const;

function options(args: string[], formats: string[], extra: { today?: boolean } = {}) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', short: 'f', default: 'text' }, ...COMMON, ...(extra.today ? { today: { type: 'string' } } : {}) },
  });
  if (!formats.includes(values.format!)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
  const today = todayOption(values.today as string | undefined);
  if (!positionals.length) throw new UsageError('no files given');
  return { format: values.format!, config: values.config, limit: sizeLimit(values['max-size']), paths: positionals, today };
}

/** `--today`, checked, or the local date: the day overdue items and past-due dates are measured from. */
function todayOption(option: string | undefined): string {
  if (option !== undefined && !isIsoDate(option)) throw new UsageError('--today must be a real date written YYYY-MM-DD, like 2026-05-01');
  return option ?? localDate(new Date());
}

function sizeLimit(option: string | undefined): Limit {
  const mb = option === undefined ? DEFAULT_MAX_MB : /^\d+(?:\.\d+)?$/.test(option) ? Number(option) : 0;
  if (!(mb > 0)) throw new UsageError(`--max-size must be a number of megabytes above 0, like ${DEFAULT_MAX_MB}`);
  return { bytes: mb * MB, advice: 'raise it with --max-size' };
}

/** Reads every target, reporting unreadable ones; calls `each` for every readable post-mortem. */
async function forEachFile(paths: string[], limit: Limit, io: Io, each: (file: string, text: string, target: Target) => void): Promise<boolean> {
  let failed = false;
  const { targets, missing } = await expandPaths(paths, io.cwd);
  for (const arg of missing) {
    report(io, `${arg}: no such file, folder or matching files`);
    failed = true;
  }
  for (const target of targets) {
    const read = readText(target.path, limit);
    const file = relative(io.cwd, target.path) || target.path;
    if ('error' in read) {
      report(io, `${file}: ${read.error}`);
      failed = true;
      continue;
    }
    each(file, read.text, target);
  }
  return failed;
}

/**
 * Analyses every post-mortem the paths name, as lint reads them: a file named is analysed; in a
 * folder or glob, only the post-mortems, not the team's template. Returns whether a path failed.
 */
async function forEachPostMortem(opts: { paths: string[]; limit: Limit; config?: string; today: string; check?: boolean }, io: Io, each: (file: string, analysis: Analysis) => void): Promise<boolean> {
  const configFor = configLoader(opts.config, io);
  const templateFor = templateLoader(io);
  return forEachFile(opts.paths, opts.limit, io, (file, text, target) => {
    // A folder's other Markdown files (its README, say) are not post-mortems: skip them, unread past their start.
    if (target.discovered && !identify(text, target.path)) return;
    const config = configFor(target.path);
    // The team's template is the reference of the post-mortems around it, not one of them.
    if (target.discovered && templateFor.isTemplate(target.path, config)) return;
    const analysis = analyze(text, { config: config.config, fix: { today: opts.today }, template: templateFor(target.path, text, config), ...(opts.check === false ? { check: false } : {}) });
    if (target.discovered && !isPostMortem(analysis.model, target.path)) return;
    each(file, analysis);
  });
}

async function lint(args: string[], io: Io): Promise<number> {
  const opts = options(args, ['text', 'json', 'sarif'], { today: true });
  const results: FileResult[] = [];
  let errors = false;
  const failed = await forEachPostMortem(opts, io, (file, analysis) => {
    // Only what is reported outlives the file's analysis; text is printed at once and not kept at all.
    const result = { file, diagnostics: analysis.diagnostics.map(reported) };
    errors ||= result.diagnostics.some((d) => d.severity === 'error');
    if (opts.format !== 'text') results.push(result);
    else if (result.diagnostics.length) io.out(formatText([result]));
  });
  if (opts.format !== 'text') io.out(opts.format === 'json' ? formatJson(results) : formatSarif(results, version));
  return failed ? 2 : errors ? 1 : 0;
}

/**
 * The configuration for each file: `--config`'s, else the nearest `.postmortemrc.json`; problems
 * reported once. A `--config` file that cannot be read ends the command: the user asked for it.
 */
function configLoader(explicit: string | undefined, io: Io): (path: string) => LoadedConfig {
  const finder = new ConfigFinder();
  const fixed = explicit === undefined ? undefined : explicitConfig(explicit, io.cwd);
  const reported = new Set<string>();
  return (path) => {
    const loaded = fixed ?? finder.forFile(path);
    for (const problem of loaded.problems) if (!reported.has(problem)) reported.add(problem), report(io, problem);
    return loaded;
  };
}

/** The team's template for each file (see TemplateFinder), a configured one that cannot be read reported once. */
function templateLoader(io: Io): ((path: string, text: string, config?: LoadedConfig) => TeamTemplate | undefined) & { isTemplate: (path: string, config?: LoadedConfig) => boolean } {
  const finder = new TemplateFinder();
  const reported = new Set<string>();
  const load = (path: string, text: string, config?: LoadedConfig) => {
    const found = finder.forFile(path, text, config);
    for (const problem of found.problems) if (!reported.has(problem)) reported.add(problem), report(io, problem);
    return found.template;
  };
  return Object.assign(load, { isTemplate: (path: string, config?: LoadedConfig) => finder.isTemplate(path, config) });
}

function explicitConfig(explicit: string, cwd: string): LoadedConfig {
  const path = resolve(cwd, explicit);
  const read = readConfigText(path);
  if ('error' in read) throw new Refused(`${explicit}: cannot be read (${read.error}); give --config a readable configuration file`);
  return loadConfigText(path, read.text);
}

async function metrics(args: string[], io: Io): Promise<number> {
  const opts = options(args, ['text', 'json']);
  const results: FileMetrics[] = [];
  const configs = new ConfigFinder();
  const templateFor = templateLoader(io);
  const failed = await forEachFile(opts.paths, opts.limit, io, (file, text, target) => {
    if (target.discovered && !identify(text, target.path)) return;
    const config = configs.forFile(target.path);
    if (target.discovered && templateFor.isTemplate(target.path, config)) return;
    // Completeness is measured against the team's template, when there is one.
    const { model, metrics } = analyze(text, { template: templateFor(target.path, text, config) });
    if (!target.discovered || isPostMortem(model, target.path)) results.push({ file, metrics });
  });
  // JSON is always an array, `[]` when there is nothing to report, so that a pipeline can parse it.
  if (opts.format === 'json') io.out(JSON.stringify(results.map((r) => ({ ...r, metrics: metricsForJson(r.metrics) })), null, 2));
  else if (results.length) io.out(formatMetricsText(results));
  return failed ? 2 : 0;
}

const REPORT_FORMATS = ['text', 'json', 'markdown', 'html'];

async function reportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', short: 'f', default: 'text' }, since: { type: 'string' }, until: { type: 'string' }, today: { type: 'string' }, ...COMMON },
  });
  const format = values.format!;
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
  const since = dateOption('--since', values.since);
  const until = dateOption('--until', values.until);
  if (since !== undefined && until !== undefined && since > until) throw new UsageError(`--since (${since}) is after --until (${until}): give the earlier date first`);
  const today = todayOption(values.today);
  const limit = sizeLimit(values['max-size']);
  if (!positionals.length) throw new UsageError('no files given');
  // Each analysis is summed up at once and dropped: a thousand post-mortems hold only their summaries.
  const summaries: PostMortemSummary[] = [];
  // The HTML page is the editor's Insights page (render/insights.ts), from the summaries its index keeps.
  const entries: { uri: string; summary: WorkspaceSummary }[] = [];
  // The report reads and measures: the rules' diagnostics are not part of it.
  const failed = await forEachPostMortem({ paths: positionals, limit, config: values.config, today, check: false }, io, (file, analysis) => {
    if (format === 'html') entries.push({ uri: file, summary: summarizeForWorkspace(file, analysis, today) });
    else summaries.push(summarizePostMortem(file, analysis, today));
  });
  const period = { ...(since === undefined ? {} : { since }), ...(until === undefined ? {} : { until }) };
  if (format === 'html') return io.out(renderInsightsPage(buildInsights(entries, today, period), { kind: 'files' }, 'Post-mortem report')), failed ? 2 : 0;
  const workspace = buildReport(summaries, today, period);
  io.out(format === 'json' ? formatReportJson(workspace) : format === 'markdown' ? formatReportMarkdown(workspace) : formatReportText(workspace));
  return failed ? 2 : 0;
}

function dateOption(name: string, option: string | undefined): string | undefined {
  if (option !== undefined && !isIsoDate(option)) throw new UsageError(`${name} must be a real date written YYYY-MM-DD, like 2026-05-01`);
  return option;
}

async function render(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' }, today: { type: 'string' }, 'remote-images': { type: 'boolean' }, ...COMMON },
  });
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'render takes one file' : 'no file given');
  const today = todayOption(values.today);
  const limit = sizeLimit(values['max-size']);
  const configFor = configLoader(values.config, io);
  const path = resolve(io.cwd, positionals[0]);
  const read = readText(path, limit);
  if ('error' in read) {
    report(io, `${positionals[0]}: ${read.error}`);
    return 2;
  }
  // Loaded on demand: the stylesheet is text only in the bundle (esbuild.mjs), so running this
  // file from source (tsx) still serves every other command.
  const { default: css } = await import('../../media/preview.css');
  const config = configFor(path);
  const html = renderPage(analyze(read.text, { config: config.config, fix: { today }, template: templateLoader(io)(path, read.text, config) }), {
    css,
    today,
    remoteImages: values['remote-images'] ?? false,
  });
  if (!values.output) return io.out(html), 0;
  try {
    await writeFile(resolve(io.cwd, values.output), `${html}\n`);
  } catch (e) {
    report(io, `${values.output}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return 2;
  }
  return 0;
}


if (require.main === module) {
  main(process.argv.slice(2), { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`), cwd: process.cwd() }).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`postmortem: internal error: ${(e as Error).stack ?? e}\n`);
      process.exitCode = 2;
    },
  );
}
