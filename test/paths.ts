// Where the tests find things, for every suite: the repository's folders, and a reader for each
// kind of file, each named for what it gives (a path or a text) and where it reads from.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository's root (this worktree or clone). */
export const ROOT = join(__dirname, '..');
/** test/fixtures: the documents the tests were written against. */
export const FIXTURES = join(ROOT, 'test', 'fixtures');
/** examples/: the post-mortems the README shows and the end-to-end tests open. */
export const EXAMPLES = join(ROOT, 'examples');
/** ../shared/corpus: real post-mortems, beside the repository (in CI, shared/ sits beside the clone). */
export const CORPUS = join(ROOT, '..', 'shared', 'corpus');

/** The path of a file under test/fixtures. */
export function fixturePath(...path: string[]): string {
  return join(FIXTURES, ...path);
}

/** The text of a file under test/fixtures. */
export function readFixture(...path: string[]): string {
  return readFileSync(fixturePath(...path), 'utf8');
}

/** The path of examples/NAME. */
export function examplePath(name: string): string {
  return join(EXAMPLES, name);
}

/** The text of examples/NAME. */
export function readExample(name: string): string {
  return readFileSync(examplePath(name), 'utf8');
}

/** The text of any file of the repository, by its path from the root (`media/preview.css`). */
export function readRepoFile(path: string): string {
  return readFileSync(resolve(ROOT, path), 'utf8');
}

/**
 * The corpus folder; throws, failing the test, when it is absent: a test that needs the corpus
 * must not pass by skipping.
 */
export function corpus(): string {
  if (!existsSync(CORPUS)) {
    throw new Error(`The corpus of real post-mortems is missing: ${CORPUS}. Put the shared/ folder beside the repository (as CI does), so that ../shared/corpus holds its .md files.`);
  }
  return CORPUS;
}

/**
 * The 0-based number of the first line of `text` that starts with `needle`: tests find a line by
 * what it says, never by a number that an edit of the file would make wrong. Throws when none does.
 */
export function lineOf(text: string, needle: string): number {
  const line = text.split('\n').findIndex((l) => l.startsWith(needle));
  if (line < 0) throw new Error(`No line starts with ${JSON.stringify(needle)}`);
  return line;
}
