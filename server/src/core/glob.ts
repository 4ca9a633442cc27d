/**
 * File globs (`**`, `*`, `?`, `[...]`, `{a,b}`) matched without a regular expression: each level
 * (path segments, then characters in a segment) is matched by the greedy wildcard algorithm, which
 * is O(pattern × path) whatever the pattern. A repository can set the globs, so a pattern such as
 * `**` + `/*a*a*a*a*a*a*a*a*a*a*a*a*b.md` must not backtrack exponentially as a regex would.
 * Case-insensitive, and `*` matches dot files.
 */

/** A longer pattern is refused: nobody writes one, and it bounds the matching work. */
const MAX_PATTERN_CHARS = 256;
/** Brace alternatives are expanded up front; this bounds how many patterns one may become. */
const MAX_EXPANSIONS = 64;

export type PathMatcher = (path: string) => boolean;

/** Matches a path (with `/` separators) against any of the globs; a glob that cannot be supported is a problem, in one sentence. */
export function compileGlobs(globs: readonly string[]): { match: PathMatcher } | { problem: string } {
  const patterns: Atom<SegmentMatcher>[][] = [];
  for (const glob of globs) {
    const unsupported = glob.length > MAX_PATTERN_CHARS ? `is longer than ${MAX_PATTERN_CHARS} characters` : /^!|[@!+*?]\(/.test(glob) ? 'uses negation or an extglob' : undefined;
    if (unsupported) return { problem: `The postmortem.files pattern "${glob.slice(0, 80)}" ${unsupported}; write it with *, **, ?, [...] and {a,b} (the default patterns apply until then).` };
    const expanded = expandBraces(glob.toLowerCase());
    if (!expanded) return { problem: `The postmortem.files pattern "${glob.slice(0, 80)}" expands to more than ${MAX_EXPANSIONS} patterns; use fewer braces (the default patterns apply until then).` };
    patterns.push(...expanded.map(compilePath));
  }
  return {
    match: (path) => {
      const segments = path.toLowerCase().split('/');
      return patterns.some((pattern) => wildcard(pattern, segments, (matches, segment) => matches(segment)));
    },
  };
}

/** A pattern element: one item that satisfies a test, or a star that takes any run of items. */
type Atom<T> = T | typeof STAR;
const STAR = Symbol('star');
type SegmentMatcher = (segment: string) => boolean;
type CharMatcher = (char: string) => boolean;

/**
 * The greedy wildcard match: on a mismatch, go back to the last star and let it take one more
 * item. Only the last star is ever revisited, so the work is at most atoms × items tests.
 */
function wildcard<T, I>(atoms: Atom<T>[], items: I[], test: (atom: T, item: I) => boolean): boolean {
  let a = 0;
  let i = 0;
  let star = -1;
  let starItem = 0;
  while (i < items.length) {
    const atom = atoms[a];
    if (a < atoms.length && atom !== STAR && test(atom, items[i])) {
      a++;
      i++;
    } else if (atom === STAR) {
      star = a++;
      starItem = i;
    } else if (star >= 0) {
      a = star + 1;
      i = ++starItem;
    } else {
      return false;
    }
  }
  while (atoms[a] === STAR) a++;
  return a === atoms.length;
}

function compilePath(pattern: string): Atom<SegmentMatcher>[] {
  return pattern.split('/').map((segment) => {
    if (segment === '**') return STAR;
    const atoms = compileSegment(segment);
    return (name: string) => wildcard(atoms, [...name], (matches, char) => matches(char));
  });
}

function compileSegment(segment: string): Atom<CharMatcher>[] {
  const atoms: Atom<CharMatcher>[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') {
      if (atoms.at(-1) !== STAR) atoms.push(STAR);
    } else if (c === '?') {
      atoms.push(() => true);
    } else if (c === '[' && segment.indexOf(']', i + 2) > 0) {
      const end = segment.indexOf(']', i + 2);
      atoms.push(charClass(segment.slice(i + 1, end)));
      i = end;
    } else {
      const literal = c === '\\' && i + 1 < segment.length ? segment[++i] : c;
      atoms.push((char) => char === literal);
    }
  }
  return atoms;
}

/** `[abc]`, `[a-z]`, `[!a-z]` or `[^a-z]`. */
function charClass(body: string): CharMatcher {
  const negated = body[0] === '!' || body[0] === '^';
  const members = negated ? body.slice(1) : body;
  return (char) => {
    let found = false;
    for (let i = 0; i < members.length && !found; i++) {
      if (members[i + 1] === '-' && i + 2 < members.length) {
        found = char >= members[i] && char <= members[i + 2];
        i += 2;
      } else {
        found = char === members[i];
      }
    }
    return found !== negated;
  };
}

/** `a{b,c{d,e}}` → `ab`, `acd`, `ace`; undefined past MAX_EXPANSIONS. Braces without a comma stay literal. */
function expandBraces(pattern: string): string[] | undefined {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '{') depth++;
    else if (c === ',' && depth === 1) commas.push(i);
    else if (c === '}' && --depth === 0) {
      if (!commas.length) return expandBraces(pattern.slice(i + 1))?.map((rest) => pattern.slice(0, i + 1) + rest);
      const bounds = [open, ...commas, i];
      const results: string[] = [];
      for (let k = 0; k + 1 < bounds.length; k++) {
        const expanded = expandBraces(pattern.slice(0, open) + pattern.slice(bounds[k] + 1, bounds[k + 1]) + pattern.slice(i + 1));
        if (!expanded || results.push(...expanded) > MAX_EXPANSIONS) return undefined;
      }
      return results;
    }
  }
  return [pattern];
}
