#!/usr/bin/env node
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { version } from '../../package.json';
import { analyze } from './core/analyze';
import { isPostMortem } from './core/identify';
import { type FileMetrics, type FileResult, formatJson, formatMetricsText, formatSarif, formatText } from './cli/format';
import { ConfigFinder, type LoadedConfig, loadConfigFile } from './node/config-file';
import { type Target, expandPaths, readText } from './node/files';

const USAGE = `Usage:
  postmortem lint [--format text|json|sarif] [--config FILE] PATH...
  postmortem metrics [--format text|json] FILE...

PATH is a file, a folder (its post-mortems, recursively) or a glob.
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
  const finder = new ConfigFinder();
  const fixed = opts.config ? loadConfigFile(resolve(io.cwd, opts.config)) : undefined;
  const reported = new Set<string>();
  const configFor = (path: string): LoadedConfig => {
    const loaded = fixed ?? finder.forFile(path);
    for (const problem of loaded.problems) if (!reported.has(problem)) reported.add(problem), io.err(`postmortem: ${problem}`);
    return loaded;
  };
  const results: FileResult[] = [];
  const failed = await forEachFile(opts.paths, io, (file, text, target) => {
    const analysis = analyze(text, { config: configFor(target.path).config });
    // A folder's other Markdown files (its README, say) are not post-mortems: skip them.
    if (target.discovered && !isPostMortem(analysis.model, file)) return;
    results.push({ file, diagnostics: analysis.diagnostics });
  });
  const output = opts.format === 'json' ? formatJson(results) : opts.format === 'sarif' ? formatSarif(results, version) : formatText(results);
  if (output) io.out(output);
  if (failed) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

async function metrics(args: string[], io: Io): Promise<number> {
  const opts = options(args, ['text', 'json']);
  const results: FileMetrics[] = [];
  const failed = await forEachFile(opts.paths, io, (file, text, target) => {
    const { model, metrics } = analyze(text);
    if (!target.discovered || isPostMortem(model, file)) results.push({ file, metrics });
  });
  if (results.length) io.out(opts.format === 'json' ? JSON.stringify(results, null, 2) : formatMetricsText(results));
  return failed ? 2 : 0;
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
