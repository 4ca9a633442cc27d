import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../paths';

const CORE = join(ROOT, 'server', 'src', 'core');
const IMPORT = /^[ \t]*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/gm;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

test('the core imports nothing from VS Code, the LSP libraries or Node itself (no fs, no I/O)', () => {
  const forbidden: string[] = [];
  for (const file of sources(CORE)) {
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3];
      const builtin = spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]);
      if (builtin || spec === 'vscode' || spec.startsWith('vscode-language')) forbidden.push(`${relative(ROOT, file)}: ${spec}`);
      if (spec.startsWith('.') && !join(file, '..', spec).startsWith(CORE) && !spec.endsWith('.json')) forbidden.push(`${relative(ROOT, file)}: ${spec} (outside the core)`);
    }
  }
  assert.deepEqual(forbidden, []);
});
