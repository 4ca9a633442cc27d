import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../paths';

/** The sources whose import graph must have no circle: the server, the client and their shared contracts. */
const ROOTS = ['server/src', 'client/src', 'shared'].map((dir) => join(ROOT, dir)).filter((dir) => existsSync(dir));
/** `import … from '…'` and `export … from '…'` (type-only ones too: they tie modules as much), `import '…'`, `import('…')`, `require('…')`. */
const IMPORT = /^[ \t]*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|^[ \t]*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/gm;

/**
 * Circles known and left for later, each as its files in import order from the first. Remove an
 * entry once its circle is broken; the test fails on an entry that no longer is a circle.
 */
const ALLOWED: string[][] = [];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []));
}

/** The source file a relative import names, or undefined for a package, a built-in or data (JSON, CSS). */
function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = join(dirname(from), spec);
  return [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((f) => /\.tsx?$/.test(f) && existsSync(f) && statSync(f).isFile());
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of ROOTS.flatMap(sources)) {
    const targets = [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => resolve(file, m[1] ?? m[2] ?? m[3] ?? m[4]));
    graph.set(relative(ROOT, file), [...new Set(targets.filter((t) => t !== undefined).map((t) => relative(ROOT, t)))]);
  }
  return graph;
}

/** Every strongly connected group of more than one file (or a file importing itself), each as one circle through its files. */
function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v), onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) visit(w), low.set(v, Math.min(low.get(v)!, low.get(w)!));
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do (w = stack.pop()!), onStack.delete(w), group.push(w);
    while (w !== v);
    if (group.length > 1 || graph.get(v)?.includes(v)) found.push(circleThrough(graph, new Set(group)));
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

/** One circle inside a strongly connected group, from its first file (in sorted order) back to it: the shortest, found breadth first. */
function circleThrough(graph: Map<string, string[]>, group: Set<string>): string[] {
  const start = [...group].sort()[0];
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const w of graph.get(queue[i]) ?? []) {
      if (!group.has(w)) continue;
      if (w === start) {
        const path = [queue[i]];
        while (path[0] !== start) path.unshift(previous.get(path[0])!);
        return path;
      }
      if (!previous.has(w)) previous.set(w, queue[i]), queue.push(w);
    }
  }
  return [start];
}

test('no import circle in the server, the client or the shared contracts', () => {
  const graph = importGraph();
  assert.ok(graph.size > 50, `only ${graph.size} files found`);
  const found = circles(graph).map((c) => [...c, c[0]].join(' → '));
  const allowed = ALLOWED.map((c) => [...c, c[0]].join(' → '));
  assert.deepEqual(found.filter((c) => !allowed.includes(c)), [], 'import circles');
  assert.deepEqual(allowed.filter((c) => !found.includes(c)), [], 'allowed circles that are gone: remove them from ALLOWED');
});

test('the circle finder finds a circle, type-only imports included', () => {
  const graph = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts', 'd.ts']], ['d.ts', []], ['e.ts', ['e.ts']]]);
  assert.deepEqual(circles(graph), [['a.ts', 'b.ts', 'c.ts'], ['e.ts']]);
  const matches = [..."import type { A } from './a';\nimport {\n  b,\n} from '../b';\nimport './c';\nexport * from './d';\nawait import('./e');".matchAll(IMPORT)];
  assert.deepEqual(matches.map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]), ['./a', '../b', './c', './d', './e']);
});
