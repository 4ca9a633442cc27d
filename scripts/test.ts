/**
 * `npm test`: the preflight (installing what the suites need on first run), then every step in
 * order, stopping at the first that fails; then a summary of what ran, what was skipped and why.
 * `npm run test:vscode` is not a step: it downloads VS Code, and its suite runs inside code-server
 * in the end-to-end tests anyway.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PreflightError, SKIPPABLE, SKIP_VARIABLE, type Suite, preflight, skipped } from './preflight';

const ROOT = join(__dirname, '..');

interface Step {
  script: string;
  /** Not run when POSTMORTEM_SKIP names this suite. */
  suite?: Suite;
}

// The one place the steps of `npm test` are listed, in order.
const STEPS: Step[] = [
  { script: 'build' },
  { script: 'typecheck' },
  { script: 'lint' },
  { script: 'test:unit' },
  { script: 'test:lsp' },
  { script: 'test:browser', suite: 'browser' },
  { script: 'test:e2e', suite: 'e2e' },
];

const say = (line: string) => process.stderr.write(`${line}\n`);
const seconds = (ms: number) => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`);

function main(): number {
  const started = Date.now();
  const code = preflight('test');
  if (code !== 0) return code;
  let skip: Set<Suite>;
  try {
    skip = skipped();
  } catch (error) {
    if (error instanceof PreflightError) return say(error.message), 2;
    throw error;
  }
  const lines: string[] = [];
  let failed: string | undefined;
  for (const step of STEPS) {
    if (failed) {
      lines.push(`  not run  ${step.script} (${failed} failed first)`);
      continue;
    }
    if (step.suite && skip.has(step.suite)) {
      lines.push(`  skipped  ${step.script}: ${SKIPPABLE[step.suite]}, because ${SKIP_VARIABLE}=${process.env[SKIP_VARIABLE]}`);
      continue;
    }
    const t0 = Date.now();
    const { status, signal } = spawnSync('npm', ['run', step.script], { cwd: ROOT, stdio: 'inherit' });
    const took = seconds(Date.now() - t0);
    if (status === 0) {
      const within = step.script === 'test:lsp' && skip.has('neovim') ? `; skipped in it: ${SKIPPABLE.neovim}, because ${SKIP_VARIABLE}=${process.env[SKIP_VARIABLE]}` : '';
      lines.push(`  ran      ${step.script} (${took})${within}`);
    } else {
      lines.push(`  FAILED   ${step.script} (${signal ?? `exit ${status}`}, after ${took})`);
      failed = step.script;
    }
  }
  say(`\nnpm test ${failed ? `failed in ${failed}` : 'passed'} in ${seconds(Date.now() - started)}:`);
  for (const line of lines) say(line);
  if (!failed && skip.size === 0) say('  Every suite ran; none was skipped.');
  return failed ? 1 : 0;
}

process.exitCode = main();
