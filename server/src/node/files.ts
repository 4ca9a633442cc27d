import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

export interface Target {
  path: string;
  /** Found by walking a folder, not named: linted only when it is a post-mortem. */
  discovered: boolean;
}

const MARKDOWN = '**/*.{md,markdown}';
const IGNORE = ['**/node_modules/**', '**/.git/**'];

/** Expands files, folders (their Markdown files, recursively) and globs, in a stable order. */
export async function expandPaths(args: string[], cwd = process.cwd()): Promise<{ targets: Target[]; missing: string[] }> {
  const targets = new Map<string, Target>();
  const missing: string[] = [];
  for (const arg of args) {
    const info = await stat(resolve(cwd, arg)).catch(() => undefined);
    if (info?.isDirectory()) {
      const found = await glob(MARKDOWN, { cwd: resolve(cwd, arg), ignore: IGNORE, absolute: true });
      for (const path of found.sort()) if (!targets.has(path)) targets.set(path, { path, discovered: true });
    } else if (info) {
      const path = resolve(cwd, arg);
      targets.set(path, { path, discovered: false });
    } else if (isDynamicPattern(arg)) {
      const found = await glob(arg, { cwd, ignore: IGNORE, absolute: true });
      if (!found.length) missing.push(arg);
      for (const path of found.sort()) targets.set(path, { path, discovered: false });
    } else {
      missing.push(arg);
    }
  }
  return { targets: [...targets.values()], missing };
}

/** Reads a text file; a file with NUL bytes or invalid UTF-8 is refused with the reason. */
export async function readText(path: string): Promise<{ text: string } | { error: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { error: err.code === 'EISDIR' ? 'is a folder' : err.code === 'ENOENT' ? 'no such file' : err.message };
  }
  if (bytes.includes(0)) return { error: 'not a text file (it contains NUL bytes)' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { error: 'not valid UTF-8 text' };
  }
}
