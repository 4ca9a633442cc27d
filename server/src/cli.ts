#!/usr/bin/env node
import { writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { analyze } from './core/analyze';
import { localDate } from './core/calendar';
import { identify, isPostMortem } from './core/identify';
import { type FileMetrics, type FileResult, formatJson, formatMetricsText, formatSarif, formatText } from './cli/format';
import { renderPage } from './render/page';
import { ConfigFinder, type LoadedConfig, loadConfigFile } from './node/config-file';
import { type Target, expandPaths, readText } from './node/files';

const USAGE = `Usage:
  postmortem lint [--format text|json|sarif] [--config FILE] PATH...
  postmortem metrics [--format text|json] FILE...
  postmortem render [--today YYYY-MM-DD] [--config FILE] [-o OUT.html] FILE

PATH is a file, a folder (its post-mortems, recursively) or a glob.
render writes FILE's preview as one self-contained HTML page (to stdout without -o); action
items due before --today (default: today) are shown as past due.
Exit status: 0 no errors, 1 errors found, 2 usage error or unreadable file.`;

class UsageError extends Error {}

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
    throw new UsageError(`unknown command "${command}"`);
  } catch (e) {
    if (!(e instanceof UsageError) && !(e instanceof TypeError && 'code' in e)) throw e;
    io.err(`postmortem: ${e.message}\n${USAGE}`);
    return 2;
  }
}

function options(args: string[], formats: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', short: 'f', default: 'text' }, config: { type: 'string', short: 'c' } },
  });
  if (!formats.includes(values.format!)) throw new UsageError(`--format must be one of ${formats.join(', ')}`);
  if (!positionals.length) throw new UsageError('no files given');
  return { format: values.format!, config: values.config, paths: positionals };
}

/** Reads every target, reporting unreadable ones; calls `each` for every readable post-mortem. */
async function forEachFile(paths: string[], io: Io, each: (file: string, text: string, target: Target) => void): Promise<boolean> {
  let failed = false;
  const { targets, missing } = await expandPaths(paths, io.cwd);
  for (const arg of missing) {
    io.err(`postmortem: ${arg}: no such file, folder or matching files`);
    failed = true;
  }
  for (const target of targets) {
    const read = await readText(target.path);
    const file = relative(io.cwd, target.path) || target.path;
    if ('error' in read) {
      io.err(`postmortem: ${file}: ${read.error}`);
      failed = true;
      continue;
    }
    each(file, read.text, target);
  }
  return failed;
}

async function lint(args: string[], io: Io): Promise<number> {
  const opts = options(args, ['text', 'json', 'sarif']);
  const configFor = configLoader(opts.config, io);
  const results: FileResult[] = [];
  const failed = await forEachFile(opts.paths, io, (file, text, target) => {
    // A folder's other Markdown files (its README, say) are not post-mortems: skip them, unread past their start.
    if (target.discovered && !identify(text, target.path)) return;
    const analysis = analyze(text, { config: configFor(target.path).config });
    if (target.discovered && !isPostMortem(analysis.model, target.path)) return;
    results.push({ file, diagnostics: analysis.diagnostics });
  });
  const output = opts.format === 'json' ? formatJson(results) : opts.format === 'sarif' ? formatSarif(results, version) : formatText(results);
  if (output) io.out(output);
  if (failed) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

/** The configuration for each file: `--config`'s, else the nearest `.postmortemrc.json`; problems reported once. */
function configLoader(explicit: string | undefined, io: Io): (path: string) => LoadedConfig {
  const finder = new ConfigFinder();
  const fixed = explicit ? loadConfigFile(resolve(io.cwd, explicit)) : undefined;
  const reported = new Set<string>();
  return (path) => {
    const loaded = fixed ?? finder.forFile(path);
    for (const problem of loaded.problems) if (!reported.has(problem)) reported.add(problem), io.err(`postmortem: ${problem}`);
    return loaded;
  };
}

async function metrics(args: string[], io: Io): Promise<number> {
  const opts = options(args, ['text', 'json']);
  const results: FileMetrics[] = [];
  const failed = await forEachFile(opts.paths, io, (file, text, target) => {
    if (target.discovered && !identify(text, target.path)) return;
    const { model, metrics } = analyze(text);
    if (!target.discovered || isPostMortem(model, target.path)) results.push({ file, metrics });
  });
  if (results.length) io.out(opts.format === 'json' ? JSON.stringify(results, null, 2) : formatMetricsText(results));
  return failed ? 2 : 0;
}

async function render(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: 'string', short: 'o' }, today: { type: 'string' }, config: { type: 'string', short: 'c' } },
  });
  if (positionals.length !== 1) throw new UsageError(positionals.length ? 'render takes one file' : 'no file given');
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError('--today must be a date written YYYY-MM-DD');
  const path = resolve(io.cwd, positionals[0]);
  const read = await readText(path);
  if ('error' in read) {
    io.err(`postmortem: ${positionals[0]}: ${read.error}`);
    return 2;
  }
  // Loaded on demand: the stylesheet is text only in the bundle (esbuild.mjs), so running this
  // file from source (tsx) still serves every other command.
  const { default: css } = await import('../../media/preview.css');
  const html = renderPage(analyze(read.text, { config: configLoader(values.config, io)(path).config }), { css, today: values.today ?? localDate(new Date()) });
  if (!values.output) return io.out(html), 0;
  try {
    await writeFile(resolve(io.cwd, values.output), `${html}\n`);
  } catch (e) {
    io.err(`postmortem: ${values.output}: cannot write (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
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
