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
  /** Every word the lists and the grammar words name, each mapped to itself: a text's other words are read as '' and kept as nothing. */
  vocabulary: Map<string, string>;
  /** The same words as a tree of their characters' codes, to look a word of the text up where it is written (see `knownWord`). */
  spelled: Spelled;
}

/** Words by their characters' codes, lower-case ASCII, apostrophes straight. */
interface Spelled {
  next: Map<number, Spelled>;
  word?: string;
}

/** A word: letters or digits (and `@` for a handle), then letters, digits, apostrophes, hyphens and underscores. */
const WORD = /[\p{L}\p{N}@][\p{L}\p{N}'\u2019_-]*/gu;

/** The words of an entry or of a text, lower-cased, curly apostrophes as straight ones. */
export function wordsOf(text: string): string[] {
  return [...text.matchAll(WORD)].map((m) => normal(m[0]));
}

function normal(word: string): string {
  const lower = word.toLowerCase();
  return lower.includes('\u2019') ? lower.replace(/\u2019/g, "'") : lower;
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
  const matcher: BlameMatcher = { verbs: node(), phrases: node(), roles: node(), possessive: new Map(), vocabulary: new Map(), spelled: { next: new Map() } };
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
  const known = (word: string) => matcher.vocabulary.set(word, word);
  const walk = (at: Node) => {
    for (const [word, next] of at.next) (known(word), walk(next));
    for (const word of [...(at.match?.unless ?? []), ...(at.match?.near ?? [])]) known(word);
  };
  for (const root of [matcher.verbs, matcher.phrases, matcher.roles]) walk(root);
  for (const [word, match] of matcher.possessive) for (const w of [word, ...(match.unless ?? [])]) known(w);
  for (const list of [DETERMINERS, ROLE_ADJECTIVES, ADVERBS, NEGATIONS, TEAM_WORDS, POSSESSIVE_PRONOUNS, TRAILING_WORDS]) for (const word of list) known(word);
  for (const word of matcher.vocabulary.keys()) {
    let at = matcher.spelled;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i);
      let next = at.next.get(c);
      if (!next) at.next.set(c, (next = { next: new Map() }));
      at = next;
    }
    at.word = word;
  }
  return matcher;
}

/**
 * The matcher's word that `text` from `start` to `end` is, or '': read where it is written, so
 * that the many words no list knows cost no string. A word with a character beyond ASCII (other
 * than a curly apostrophe) is lower-cased as a string, as Unicode lower-cases it.
 */
function knownWord(matcher: BlameMatcher, text: string, start: number, end: number): string {
  let at: Spelled | undefined = matcher.spelled;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c += 0x20;
    else if (c === 0x2019) c = 0x27;
    else if (c >= 0x80) return matcher.vocabulary.get(normal(text.slice(start, end))) ?? '';
    at = at?.next.get(c);
    // Not a known word, unless a character further on lower-cases into one.
    if (!at) {
      for (let j = i + 1; j < end; j++) if (text.charCodeAt(j) >= 0x80 && text.charCodeAt(j) !== 0x2019) return matcher.vocabulary.get(normal(text.slice(start, end))) ?? '';
      return '';
    }
  }
  return at?.word ?? '';
}

const DETERMINER = new Set(DETERMINERS);
const ADJECTIVE = new Set(ROLE_ADJECTIVES);
const ADVERB = new Set(ADVERBS);
const NEGATION = new Set(NEGATIONS);
const TEAM = new Set(TEAM_WORDS);
const PRONOUN = new Set(POSSESSIVE_PRONOUNS);
const TRAILING = new Set(TRAILING_WORDS);
/** What ends a clause between two words: sentence and clause punctuation, brackets, quotes, dashes, pipes (and a hyphen between spaces). */
const BREAKS = new Set([...'.,;:!?()[]{}|"\u201c\u201d\u2014\u2013<>/\\=+'].map((c) => c.charCodeAt(0)));
/** A letter or a digit beyond ASCII, tested on one character at a time. */
const LETTER = /^[\p{L}\p{N}]$/u;
/** How many words after the judged words the message quotes, to name what the sentence is about. */
const CONTEXT_WORDS = 3;

/** The words of one clause: each analysis looks at one clause only, so a clause's words are all that is kept at a time. */
interface Words {
  /** How many words the clause has: the arrays are kept at their longest, never cut (cutting an array frees its storage). */
  count: number;
  start: number[];
  end: number[];
  /** Lower-cased where the matcher knows the word, else '': no string is kept per word of the text. */
  lower: string[];
}

/**
 * At most this many words are read as one clause: a longer run without punctuation is not prose, and
 * is read in windows of this many words (a phrase across two windows is not seen). It keeps the
 * words held at a time bounded, so that a hostile megabyte costs what a thousand sentences do.
 */
const MAX_CLAUSE_WORDS = 100;

function isAsciiWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/** The length of the letter or digit at `i` (a surrogate pair is 2), or 0 when it is neither. */
function letterAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (isAsciiWordChar(c)) return 1;
  if (!(c >= 0x80)) return 0; // ASCII, or past the end (NaN)
  const cp = text.codePointAt(i)!;
  const ch = String.fromCodePoint(cp);
  return LETTER.test(ch) ? ch.length : 0;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || Number.isNaN(c);
}

/** The clause being read: one for every text, since a text is read to its end before the next (at most MAX_CLAUSE_WORDS words). */
const clauseWords: Words = { count: 0, start: [], end: [], lower: [] };

/**
 * Hands `reader` the words of each clause of `text` as WORD reads them, in one pass of character
 * tests (no match objects, no slices but for a word beyond ASCII), reusing one set of arrays: a
 * long run of punctuation or of one-letter words costs its length.
 */
function eachClause(text: string, matcher: BlameMatcher, reader: ClauseReader): void {
  const words = clauseWords;
  words.count = 0;
  /** Whether the clause has a word the matcher knows: without one, nothing in it can match. */
  let known = false;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    const first = c === 0x40 /* @ */ ? 1 : letterAt(text, i);
    if (!first) {
      if (BREAKS.has(c) || (c === 0x2d /* - */ && isSpace(text.charCodeAt(i - 1)) && isSpace(text.charCodeAt(i + 1)))) known = endClause(reader, known);
      i++;
      continue;
    }
    if (words.count >= MAX_CLAUSE_WORDS) known = endClause(reader, known);
    const start = i;
    i += first;
    for (;;) {
      const d = text.charCodeAt(i);
      if (d === 0x27 || d === 0x2019 || d === 0x5f || d === 0x2d) i++;
      else {
        const n = letterAt(text, i);
        if (!n) break;
        i += n;
      }
    }
    const word = knownWord(matcher, text, start, i);
    known ||= word !== '';
    words.start[words.count] = start;
    words.end[words.count] = i;
    words.lower[words.count++] = word;
  }
  endClause(reader, known);
}

/** The clause read ends: read it if it has a word the matcher knows, and start the next. Returns the next one's `known`. */
function endClause(reader: ClauseReader, known: boolean): false {
  if (known) reader.read(clauseWords);
  clauseWords.count = 0;
  return false;
}

/** What most blocks have: no blaming word. */
const NONE: readonly Blame[] = Object.freeze([]);

/**
 * The blaming words of one block of narrative, left to right and never overlapping. `names` are
 * the people the document names, each word of a name as written ("Priya", "Raman"); a handle
 * (`@priya`) is a person wherever it is written.
 */
export function findBlame(text: string, matcher: BlameMatcher, names: ReadonlySet<string>): readonly Blame[] {
  reader.start(text, matcher, names);
  eachClause(text, matcher, reader);
  return reader.take();
}

/** Reads one clause at a time: one reader for every text (a text is read to its end before the next), nothing allocated but what it finds. */
class ClauseReader {
  private found: Blame[] | undefined;
  private w: Words = clauseWords;
  private n = 0;
  private text = '';
  private matcher!: BlameMatcher;
  private names: ReadonlySet<string> = new Set();

  start(text: string, matcher: BlameMatcher, names: ReadonlySet<string>): void {
    this.text = text;
    this.matcher = matcher;
    this.names = names;
    this.found = undefined;
  }

  /** What the text's clauses held; the reader keeps nothing of it. */
  take(): readonly Blame[] {
    const found = this.found ?? NONE;
    this.found = undefined;
    return found;
  }

  private add(blame: Blame): void {
    (this.found ??= []).push(blame);
  }

  /** The blaming words of one clause, added to `found`. */
  read(words: Words): void {
    const { matcher } = this;
    this.w = words;
    const w = words;
    const n = (this.n = w.count);
    for (let i = 0; i < n; i++) {
      // A person, then (after one adverb at most) an error verb.
      if (i > 0) {
        let v = this.longest(matcher.verbs, i);
        if (!v && ADVERB.has(w.lower[i]) && i + 1 < n) v = this.longest(matcher.verbs, i + 1);
        if (v && !TEAM.has(w.lower[i - 1])) {
          const s = this.personEndingAt(i - 1);
          if (s >= 0 && !this.negated(s)) {
            this.add({ kind: 'verb', start: w.start[s], end: this.quoteEnd(v.last), suggestion: v.match.suggestion });
            i = v.last;
            continue;
          }
        }
      }
      // A person's blame noun: "Alex's mistake", "the developer's fault", "his fault".
      const possessive = matcher.possessive.get(w.lower[i]);
      if (possessive && i > 0 && !(possessive.unless && i + 1 < n && possessive.unless.has(w.lower[i + 1]))) {
        const owner = i - 1;
        const word = this.raw(owner);
        const base = /['\u2019]s$/.test(word) ? word.slice(0, -2) : undefined;
        const s = PRONOUN.has(w.lower[owner]) ? owner : base !== undefined ? this.personEndingAt(owner, base) : -1;
        if (s >= 0 && !this.negated(s)) {
          this.add({ kind: 'noun', start: w.start[s], end: w.end[i], suggestion: possessive.suggestion });
          continue;
        }
      }
      // A blame noun or a counterfactual, anywhere but after "we" and unless denied.
      const p = this.longest(matcher.phrases, i);
      if (p && !(i > 0 && TEAM.has(w.lower[i - 1])) && !this.negated(i) && !this.shouted(i, p.last)) {
        this.add({ kind: p.match.kind, start: w.start[i], end: p.match.kind === 'counterfactual' ? this.quoteEnd(p.last) : w.end[p.last], suggestion: p.match.suggestion });
        i = p.last;
      }
    }
  }

  /** Word `k` as written: names are matched as written. */
  private raw(k: number): string {
    return this.text.slice(this.w.start[k], this.w.end[k]);
  }

  /** The first word of a person whose last word is `j` (a name, or a role after its determiner), or -1. */
  private personEndingAt(j: number, lastRaw = this.raw(j)): number {
    const { names, w } = this;
    if (names.has(lastRaw) || lastRaw.startsWith('@')) {
      let s = j;
      while (s > 0 && names.has(this.raw(s - 1))) s--;
      return s;
    }
    let best = -1;
    let at: Node | undefined = this.matcher.roles.next.get(normal(lastRaw));
    for (let k = j; at; ) {
      if (at.role) {
        const s = at.role.bare ? k : this.determinerBefore(k);
        if (s >= 0 && (best < 0 || s < best)) best = s;
      }
      if (k === 0) break;
      k--;
      at = at.next.get(w.lower[k]);
    }
    return best;
  }

  /** The determiner before the role starting at word `k`, a few known adjectives between ("the new on-call engineer"), or -1. */
  private determinerBefore(k: number): number {
    for (let d = k - 1, between = 0; d >= 0 && between <= 2; d--, between++) {
      if (DETERMINER.has(this.w.lower[d])) return d;
      if (!ADJECTIVE.has(this.w.lower[d])) return -1;
    }
    return -1;
  }

  /** The longest entry of `root` starting at word `i` whose `unless` does not name the word after it: its last word's index, and the match. */
  private longest(root: Node, i: number): { last: number; match: Match } | undefined {
    const { w, n } = this;
    let best: { last: number; match: Match } | undefined;
    let at: Node | undefined = root.next.get(w.lower[i]);
    for (let k = i; at; ) {
      const m = at.match;
      if (m && !(m.unless && k + 1 < n && m.unless.has(w.lower[k + 1])) && (!m.near || this.nearAfter(k, m.near))) best = { last: k, match: m };
      if (k + 1 >= n) break;
      k++;
      at = at.next.get(w.lower[k]);
    }
    return best;
  }

  /** Whether one of `near` is among the CONTEXT_WORDS words after word `k`. */
  private nearAfter(k: number, near: ReadonlySet<string>): boolean {
    for (let j = k + 1; j <= k + CONTEXT_WORDS && j < this.n; j++) if (near.has(this.w.lower[j])) return true;
    return false;
  }

  /** The end offset of the quoted words: `last` and up to CONTEXT_WORDS more, not ending on a function word. */
  private quoteEnd(last: number): number {
    let k = Math.min(last + CONTEXT_WORDS, this.n - 1);
    while (k > last && TRAILING.has(this.w.lower[k])) k--;
    return this.w.end[k];
  }

  /** Words all in capitals: a licence's or a contract's boilerplate ("INCLUDING NEGLIGENCE"), not the story. */
  private shouted(from: number, to: number): boolean {
    for (let k = from; k <= to; k++) {
      const word = this.raw(k);
      if (word !== word.toUpperCase() || word.length < 2) return false;
    }
    return true;
  }

  /** A denial within the three words before word `i` ("not", "never", "rather than"). */
  private negated(i: number): boolean {
    for (let k = i - 1; k >= 0 && k >= i - 3; k--) if (NEGATION.has(this.w.lower[k])) return true;
    return false;
  }
}

const reader = new ClauseReader();
