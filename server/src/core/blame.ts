import {
  ADDED_PHRASE_SUGGESTION, ADDED_VERB_SUGGESTION, ADVERBS, type BlameEntry, COUNTERFACTUALS, DETERMINERS, NEGATIONS, NOUNS, POSSESSIVE_PRONOUNS,
  ROLE_ADJECTIVES, ROLES, TEAM_WORDS, TRAILING_WORDS, VERBS,
} from './blameless-words';
import type { BlamelessWords } from './config';

/** What a finding of the `blameless` rule is: a person as the subject of an error verb, a blame noun, or hindsight. */
export type BlameKind = 'verb' | 'noun' | 'counterfactual';

export interface Blame {
  kind: BlameKind;
  /** Offsets in the scanned text, end exclusive: the words quoted in the message. */
  start: number;
  end: number;
  suggestion: string;
}

interface Match {
  suggestion: string;
  unless?: ReadonlySet<string>;
  near?: ReadonlySet<string>;
  kind: BlameKind;
}

/** A word trie: one map lookup per word, so a scan costs the text's words times the longest entry, whatever the lists' size. */
interface Node {
  next: Map<string, Node>;
  match?: Match;
  /** A role ends here (its words read backwards): whether it needs no determiner. */
  role?: { bare: boolean };
}

const node = (): Node => ({ next: new Map() });

/** The word lists compiled once per configuration (see `compileBlame`). */
export interface BlameMatcher {
  verbs: Node;
  phrases: Node;
  /** Roles, their words reversed: walked back from the word before a verb. */
  roles: Node;
  possessive: Map<string, Match>;
}

/** A word: letters or digits (and `@` for a handle), then letters, digits, apostrophes, hyphens and underscores. */
const WORD = /[\p{L}\p{N}@][\p{L}\p{N}'\u2019_-]*/gu;

/** The words of an entry or of a text, lower-cased, curly apostrophes as straight ones. */
export function wordsOf(text: string): string[] {
  return [...text.matchAll(WORD)].map((m) => normal(m[0]));
}

function normal(word: string): string {
  return word.toLowerCase().replace(/\u2019/g, "'");
}

function insert(root: Node, words: string[], set: (n: Node) => void): void {
  if (!words.length) return;
  let at = root;
  for (const w of words) {
    let next = at.next.get(w);
    if (!next) at.next.set(w, (next = node()));
    at = next;
  }
  set(at);
}

/** The built-in lists with the team's additions and removals (`blameless` in `.postmortemrc.json`). */
export function compileBlame(team: BlamelessWords = {}): BlameMatcher {
  const removed = new Set((team.remove ?? []).map((w) => wordsOf(w).join(' ')));
  const kept = (form: string) => !removed.has(wordsOf(form).join(' '));
  const matcher: BlameMatcher = { verbs: node(), phrases: node(), roles: node(), possessive: new Map() };
  const add = (root: Node, entry: BlameEntry, kind: BlameKind) => {
    const match: Match = { suggestion: entry.suggestion, kind, ...(entry.unless ? { unless: new Set(entry.unless) } : {}) };
    const near: Match | undefined = entry.near && { ...match, near: new Set(entry.near) };
    for (const form of entry.words) {
      const words = wordsOf(form);
      if (kept(form)) insert(root, words, (n) => (n.match = words.length === 1 && near ? near : match));
    }
  };
  for (const role of [...ROLES, { words: team.add?.roles ?? [] }]) {
    for (const form of role.words) if (kept(form)) insert(matcher.roles, wordsOf(form).reverse(), (n) => (n.role = { bare: n.role?.bare === true || ('bare' in role && role.bare === true) }));
  }
  for (const entry of VERBS) add(matcher.verbs, entry, 'verb');
  add(matcher.verbs, { words: team.add?.verbs ?? [], suggestion: ADDED_VERB_SUGGESTION }, 'verb');
  for (const entry of NOUNS) {
    if (!entry.possessive) add(matcher.phrases, entry, 'noun');
    else for (const form of entry.words) if (kept(form)) matcher.possessive.set(normal(form), { suggestion: entry.suggestion, kind: 'noun', ...(entry.unless ? { unless: new Set(entry.unless) } : {}) });
  }
  add(matcher.phrases, { words: team.add?.phrases ?? [], suggestion: ADDED_PHRASE_SUGGESTION }, 'noun');
  for (const entry of COUNTERFACTUALS) add(matcher.phrases, entry, 'counterfactual');
  return matcher;
}

const DETERMINER = new Set(DETERMINERS);
const ADJECTIVE = new Set(ROLE_ADJECTIVES);
const ADVERB = new Set(ADVERBS);
const NEGATION = new Set(NEGATIONS);
const TEAM = new Set(TEAM_WORDS);
const PRONOUN = new Set(POSSESSIVE_PRONOUNS);
const TRAILING = new Set(TRAILING_WORDS);
/** What ends a clause between two words: sentence and clause punctuation, brackets, quotes, dashes, pipes. */
const BREAK = /[.,;:!?()[\]{}|"\u201c\u201d\u2014\u2013<>/\\=+]|\s-\s/;
/** How many words after the judged words the message quotes, to name what the sentence is about. */
const CONTEXT_WORDS = 3;

interface Words {
  start: number[];
  end: number[];
  /** As written (for names, which are matched as written). */
  raw: string[];
  lower: string[];
  /** A clause break between this word and the one before. */
  broken: boolean[];
}

function tokenize(text: string): Words {
  const words: Words = { start: [], end: [], raw: [], lower: [], broken: [] };
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    words.broken.push(words.start.length === 0 || BREAK.test(text.slice(last, m.index)));
    words.start.push(m.index);
    words.end.push(m.index + m[0].length);
    words.raw.push(m[0]);
    words.lower.push(normal(m[0]));
    last = m.index + m[0].length;
  }
  return words;
}

/**
 * The blaming words of one block of narrative, left to right and never overlapping. `names` are
 * the people the document names, each word of a name as written ("Priya", "Raman", "@priya").
 */
export function findBlame(text: string, matcher: BlameMatcher, names: ReadonlySet<string>): Blame[] {
  const w = tokenize(text);
  const n = w.raw.length;
  const found: Blame[] = [];
  /** Whether word `i` follows word `i - 1` in the same clause. */
  const joined = (i: number) => i > 0 && i < n && !w.broken[i];

  /** The first word of a person whose last word is `j` (a name, or a role after its determiner), or -1. */
  const personEndingAt = (j: number, last = w.lower[j], lastRaw = w.raw[j]): number => {
    if (names.has(lastRaw)) {
      let s = j;
      while (joined(s) && names.has(w.raw[s - 1])) s--;
      return s;
    }
    let best = -1;
    let at: Node | undefined = matcher.roles.next.get(last);
    for (let k = j; at; ) {
      if (at.role) {
        const s = at.role.bare ? k : determinerBefore(k);
        if (s >= 0 && (best < 0 || s < best)) best = s;
      }
      if (!joined(k)) break;
      k--;
      at = at.next.get(w.lower[k]);
    }
    return best;
  };
  const determinerBefore = (k: number): number => {
    for (let d = k - 1, between = 0; d >= 0 && joined(d + 1) && between <= 2; d--, between++) {
      if (DETERMINER.has(w.lower[d])) return d;
      if (!ADJECTIVE.has(w.lower[d])) return -1;
    }
    return -1;
  };
  /** The longest entry of `root` starting at word `i` whose `unless` does not name the word after it: its last word's index, and the match. */
  const longest = (root: Node, i: number): { last: number; match: Match } | undefined => {
    let best: { last: number; match: Match } | undefined;
    let at: Node | undefined = root.next.get(w.lower[i]);
    for (let k = i; at; ) {
      const m = at.match;
      if (m && !(m.unless && joined(k + 1) && m.unless.has(w.lower[k + 1])) && (!m.near || nearAfter(k, m.near))) best = { last: k, match: m };
      if (!joined(k + 1)) break;
      k++;
      at = at.next.get(w.lower[k]);
    }
    return best;
  };
  /** Whether one of `near` is among the CONTEXT_WORDS words after word `k`, in its clause. */
  const nearAfter = (k: number, near: ReadonlySet<string>) => {
    for (let j = k + 1; j <= k + CONTEXT_WORDS && joined(j); j++) if (near.has(w.lower[j])) return true;
    return false;
  };
  /** The end offset of the quoted words: `last` and up to CONTEXT_WORDS more in the same clause. */
  const quoteEnd = (last: number) => {
    let k = last;
    while (k - last < CONTEXT_WORDS && joined(k + 1)) k++;
    while (k > last && TRAILING.has(w.lower[k])) k--;
    return w.end[k];
  };
  /** Words all in capitals: a licence's or a contract's boilerplate ("INCLUDING NEGLIGENCE"), not the story. */
  const shouted = (from: number, to: number) => {
    for (let k = from; k <= to; k++) if (w.raw[k] !== w.raw[k].toUpperCase() || w.raw[k].length < 2) return false;
    return true;
  };
  const negated = (i: number) => {
    for (let k = i - 1; k >= 0 && k >= i - 3 && joined(k + 1); k--) if (NEGATION.has(w.lower[k])) return true;
    return false;
  };

  for (let i = 0; i < n; i++) {
    // A person, then (after one adverb at most) an error verb.
    if (joined(i)) {
      let v = longest(matcher.verbs, i);
      if (!v && ADVERB.has(w.lower[i]) && joined(i + 1)) v = longest(matcher.verbs, i + 1);
      if (v && !TEAM.has(w.lower[i - 1])) {
        const s = personEndingAt(i - 1);
        if (s >= 0 && !negated(s)) {
          found.push({ kind: 'verb', start: w.start[s], end: quoteEnd(v.last), suggestion: v.match.suggestion });
          i = v.last;
          continue;
        }
      }
    }
    // A person's blame noun: "Alex's mistake", "the developer's fault", "his fault".
    const possessive = matcher.possessive.get(w.lower[i]);
    if (possessive && joined(i) && !(possessive.unless && joined(i + 1) && possessive.unless.has(w.lower[i + 1]))) {
      const owner = i - 1;
      const word = w.lower[owner];
      const base = word.endsWith("'s") ? word.slice(0, -2) : undefined;
      const s = PRONOUN.has(word) ? owner : base !== undefined ? personEndingAt(owner, base, w.raw[owner].slice(0, -2)) : -1;
      if (s >= 0 && !negated(s)) {
        found.push({ kind: 'noun', start: w.start[s], end: w.end[i], suggestion: possessive.suggestion });
        continue;
      }
    }
    // A blame noun or a counterfactual, anywhere but after "we" and unless denied.
    const p = longest(matcher.phrases, i);
    if (p && !(joined(i) && TEAM.has(w.lower[i - 1])) && !negated(i) && !shouted(i, p.last)) {
      found.push({ kind: p.match.kind, start: w.start[i], end: p.match.kind === 'counterfactual' ? quoteEnd(p.last) : w.end[p.last], suggestion: p.match.suggestion });
      i = p.last;
    }
  }
  return found;
}
