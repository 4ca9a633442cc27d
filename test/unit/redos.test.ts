// Every regular expression the analysis, the renderer and the webview use, found by parsing their
// sources (so a new one is checked without a list to keep), must be safe from ReDoS: recheck
// decides each one, in its pure-JS backend so the test runs offline and the same everywhere.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { parse } from '@postmortem/eslint-typescript';
import { checkSync } from 'recheck';
import { ROOT } from '../paths';

process.env.RECHECK_SYNC_BACKEND = 'pure';
/**
 * The automaton checker decides a pattern; one it cannot model (look-arounds, back-references)
 * goes to the fuzzer, whose fixed seed makes the verdict the same on every run. No time limits
 * and no recall (re-running a candidate attack against the real engine, under a time limit): a
 * verdict must not depend on how busy the machine is, so the fuzzer's step counts decide alone.
 */
const PARAMS = { checker: 'auto', randomSeed: 1, timeout: null, attackTimeout: null, incubationTimeout: null, seedingTimeout: null, recallTimeout: null, recallLimit: 0 } as const;

/** Patterns recheck cannot decide ('unknown') that are linear all the same, each with the reason. */
const ALLOWED_UNKNOWN = new Map<string, string>([]);

interface Found {
  where: string;
  pattern: string;
  flags: string;
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(?:ts|js)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** A string literal or a template without substitutions: a pattern known before run time. */
function literal(node: unknown): string | undefined {
  const n = node as { type?: string; value?: unknown; expressions?: unknown[]; quasis?: { value: { cooked: string } }[] };
  if (n?.type === 'Literal' && typeof n.value === 'string') return n.value;
  if (n?.type === 'TemplateLiteral' && n.expressions?.length === 0) return n.quasis?.[0].value.cooked;
  return undefined;
}

/** Regex literals and `RegExp(...)`/`new RegExp(...)` calls with a literal pattern, by walking the tree. */
function regexps(file: string): Found[] {
  const found: Found[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown> & { type?: string; loc?: { start: { line: number } } };
    const where = `${relative(ROOT, file)}:${n.loc?.start.line}`;
    const regex = n.regex as { pattern: string; flags: string } | undefined;
    if (n.type === 'Literal' && regex) found.push({ where, ...regex });
    const callee = n.callee as { type?: string; name?: string } | undefined;
    if ((n.type === 'NewExpression' || n.type === 'CallExpression') && callee?.type === 'Identifier' && callee.name === 'RegExp') {
      const [source, flags] = n.arguments as unknown[];
      const pattern = literal(source);
      if (pattern !== undefined) found.push({ where, pattern, flags: literal(flags) ?? '' });
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'parent' && key !== 'loc' && key !== 'range') visit(value);
  };
  visit(parse(readFileSync(file, 'utf8'), { loc: true, jsx: false }));
  return found;
}

const all = [join(ROOT, 'server', 'src'), join(ROOT, 'media')].flatMap(sources).flatMap(regexps);

test('the sources hold the regular expressions the test looks for', () => {
  // A walk that found nothing would pass every check below.
  assert.ok(all.length > 50, `only ${all.length} regular expressions found`);
});

test('every regular expression in server/src and media is safe from super-linear backtracking', () => {
  const unsafe: string[] = [];
  const checked = new Map<string, string>();
  for (const { where, pattern, flags } of all) {
    const key = `/${pattern}/${flags}`;
    let status = checked.get(key);
    if (status === undefined) {
      const result = checkSync(pattern, flags, PARAMS);
      status = result.status === 'vulnerable' ? `vulnerable (${result.complexity.summary}), attack ${result.attack.pattern}` : result.status;
      checked.set(key, status);
    }
    if (status === 'safe' || (status === 'unknown' && ALLOWED_UNKNOWN.has(key))) continue;
    unsafe.push(`${where} ${key}: ${status}`);
  }
  assert.deepEqual(unsafe, []);
});
