import { type Stats, closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

export interface Target {
  path: string;
  /** Found by walking a folder, not named: linted only when it is a post-mortem. */
  discovered: boolean;
}

const MARKDOWN = '**/*.{md,markdown}';
const IGNORE = ['**/node_modules/**', '**/.git/**'];
/** Symbolic links inside a folder are not followed: a link loop or a link out of the tree is never walked. */
const WALK = { ignore: IGNORE, absolute: true, followSymbolicLinks: false };

/** One mebibyte, the unit of `--max-size`. */
export const MB = 1024 * 1024;

/**
 * Expands files, folders (their Markdown files, recursively) and globs, in a stable order. A file
 * reached by several paths (named twice, a link to it, overlapping folders) is listed once, by
 * the first path; named, it is linted whatever it holds.
 */
export async function expandPaths(args: string[], cwd = process.cwd()): Promise<{ targets: Target[]; missing: string[] }> {
  const targets = new Map<string, Target>();
  const missing: string[] = [];
  const add = async (path: string, discovered: boolean) => {
    const key = await realpath(path).catch(() => path);
    const seen = targets.get(key);
    if (!seen) targets.set(key, { path, discovered });
    else if (!discovered) seen.discovered = false;
  };
  for (const arg of args) {
    const info = await stat(resolve(cwd, arg)).catch(() => undefined);
    if (info?.isDirectory()) {
      for (const path of (await glob(MARKDOWN, { ...WALK, cwd: resolve(cwd, arg) })).sort()) await add(path, true);
    } else if (info) {
      await add(resolve(cwd, arg), false);
    } else if (isDynamicPattern(arg)) {
      const found = await glob(arg, { ...WALK, cwd });
      if (!found.length) missing.push(arg);
      for (const path of found.sort()) await add(path, false);
    } else {
      missing.push(arg);
    }
  }
  return { targets: [...targets.values()], missing };
}

/** A size limit, and what to tell the user whose file is over it. */
export interface Limit {
  bytes: number;
  /** What to do about it, as the end of the sentence "…, over the 20 MB limit: <advice>". */
  advice: string;
}

/** Why a path that exists cannot be read as a file, or undefined when it can: checked before opening, so a FIFO never blocks. */
function notAFile(info: Stats, limit: Limit): string | undefined {
  if (info.isDirectory()) return 'is a folder';
  if (info.isFIFO()) return 'not a regular file (a named pipe): only files are read';
  if (info.isSocket()) return 'not a regular file (a socket): only files are read';
  if (!info.isFile()) return 'not a regular file (a device): only files are read';
  if (info.size > limit.bytes) return `is ${(info.size / MB).toFixed(1)} MB, over the ${limit.bytes / MB} MB limit: ${limit.advice}`;
  return undefined;
}

/**
 * A regular file's bytes, at most `limit.bytes` of them. `stat` first, so that a FIFO or a device is
 * refused without being opened; then the opened file is checked again (it may have been replaced
 * in between), without blocking, and read no further than the limit (it may be growing).
 * Synchronous: the CLI reads one file at a time, and configuration files are read in line.
 */
export function readFileBounded(path: string, limit: Limit): { bytes: Buffer } | { error: string; missing: boolean } {
  let fd: number | undefined;
  try {
    const refused = notAFile(statSync(path), limit);
    if (refused) return { error: refused, missing: false };
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = fstatSync(fd);
    const changed = notAFile(info, limit);
    if (changed) return { error: changed, missing: false };
    // One byte more than the limit allows tells a file that grew past it.
    const bytes = Buffer.allocUnsafe(Math.min(info.size, limit.bytes) + 1);
    let length = 0;
    for (let n; length < bytes.length && (n = readSync(fd, bytes, length, bytes.length - length, null)) > 0; ) length += n;
    if (length > limit.bytes) return { error: `grew over the ${limit.bytes / MB} MB limit while being read: ${limit.advice}`, missing: false };
    return { bytes: bytes.subarray(0, length) };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { error: err.code === 'ENOENT' ? 'no such file' : err.code === 'EACCES' ? 'permission denied' : err.message, missing: err.code === 'ENOENT' };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads a text file within `limit`; a file with NUL bytes or invalid UTF-8 is refused with the reason. */
export function readText(path: string, limit: Limit): { text: string } | { error: string; missing?: boolean } {
  const read = readFileBounded(path, limit);
  if ('error' in read) return read;
  if (read.bytes.includes(0)) return { error: 'not a text file (it contains NUL bytes)' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(read.bytes) };
  } catch {
    return { error: 'not valid UTF-8 text' };
  }
}
