import type { ActionItem, Cell, PostMortem } from './model';
import type { Finding, Fix, TextEdit } from './diagnostic';
import { actionLabel } from './action-label';
import type { Range, SourceText } from './text';
import { isPlaceholder, plainText } from './vocabulary';
import type { Memo } from './memo';

/**
 * Which causes each action item addresses (issue 13, traceability): the causes are the
 * contributing factors (`CF-1`, `CF-2`… in their order, or the `CF-n` a factor names itself), the
 * root cause (`RC`) and the last answered why (`Why 5`). A link is explicit (an ID, `(addresses:
 * Why 5)`, an Addresses cell, a `[…](#slug)` link to a factor's heading or anchor) or found by the
 * content words the two share; an action with any explicit link, or marked general hygiene, gets
 * no link by words. Computed once per analysis (see analyze.ts): the rule, hover, code actions and
 * the preview read it.
 */
export interface Traceability {
  causes: Cause[];
  actions: TracedAction[];
  /** Each cause's links, in the order of `causes`. */
  byCause: TraceLink[][];
  /** Each cause's near misses: actions that share a word with it but are not linked to it (most shared first, at most MAX_NEAR). */
  nearByCause: Near[][];
}

/** An action and a cause that share words without being linked: what a fix may link. */
export interface Near {
  cause: number;
  action: number;
  /** The shared words as the action writes them. */
  words: string[];
}

/** `wentWrong`: an item of What Went Wrong, which an action may address but need not (its ID `WW-n`). */
export type CauseKind = 'factor' | 'rootCause' | 'why' | 'wentWrong';

export interface Cause {
  kind: CauseKind;
  /** What an action writes to link it: `CF-2`, `RC`, `Why 5`. */
  id: string;
  /** How a message names it: `Contributing factor 2`, `The root cause`, `Why 5`. */
  name: string;
  /** Its text, Markdown marks dropped. */
  text: string;
  range: Range;
  line: number;
  /** False for a factor whose Action Required cell says No: it may be addressed, it need not be. */
  needsAction: boolean;
  /** Heading slugs and anchors a `[…](#slug)` link names it by. */
  anchors: string[];
  /** Its content words, stemmed (bounded). */
  words: string[];
}

export interface TraceLink {
  cause: number;
  action: number;
  explicit: boolean;
  /** The content words the two share (as the action writes them), for a link found by words. */
  words?: string[];
}

export interface TracedAction {
  item: ActionItem;
  /** The action's text, Markdown marks dropped. */
  text: string;
  /** Marked general hygiene: `(hygiene)`, `(general)`, an Addresses or Type cell saying General or Hygiene. */
  hygiene: boolean;
  links: TraceLink[];
  /** Explicit references that name no cause here (`CF-9` with three factors, `Why 3`): not a link, not a gap either. */
  otherRefs: string[];
  /** Causes it shares words with but is not linked to, most shared first (at most MAX_NEAR). */
  near: Near[];
  /** Where an explicit link is written: the Addresses cell, else the end of the action text. */
  insertAt?: { cell: Cell; into: 'addresses' | 'action' };
  /** Content words (stemmed, bounded). */
  words: string[];
  /** The same words as written (lower-cased), in the same order. */
  shown: string[];
}

/** Words a cause or an action item keeps at most: a bound on the work per item. */
const MAX_WORDS = 48;
/** Shared content words that make a link by words. */
export const MIN_SHARED = 2;
/** A word more causes than this use tells none of them apart: it is not looked up (and the lookups stay bounded). */
const MAX_FANOUT = 8;
/** Near misses kept per action and per cause. */
const MAX_NEAR = 3;

const cache = new WeakMap<PostMortem, Traceability>();

/**
 * The link graph of a document, computed once per model; `memo`: an action's words read as the
 * previous version read them. `previous`: the previous version's graph, which stands while the
 * causes read the same and the actions are the same objects (an item is kept while its row is).
 */
export function traceability(model: PostMortem, src: SourceText, memo?: Memo, previous?: Traceability): Traceability {
  let trace = cache.get(model);
  if (!trace) {
    // A template's slot (a prompt, an example) left in is no cause and no action: `unfilled` reports it.
    const slotLines = new Set(model.slots.slots.filter((s) => s.kind === 'prompt' || s.kind === 'example').map((s) => s.line));
    const causes = collectCauses(model, src).filter((c) => !slotLines.has(c.line) && !c.text.endsWith('?'));
    const items = model.actionItems.filter((item) => isTraced(item, slotLines));
    const same = previous && previous.actions.length === items.length && previous.actions.every((a, i) => a.item === items[i]) && JSON.stringify(previous.causes) === JSON.stringify(causes);
    trace = same ? previous : build(causes, items, src, memo);
    cache.set(model, trace);
  }
  return trace;
}

/** Whether an item is an action the graph links: it has text that is not a placeholder nor a template's slot. */
function isTraced(item: ActionItem, slotLines: Set<number>): boolean {
  const raw = item.action?.text ?? '';
  return plainText(raw) !== '' && !isPlaceholder(raw) && !slotLines.has(item.line);
}

function build(causes: Cause[], items: ActionItem[], src: SourceText, memo?: Memo): Traceability {
  // Read only, never changed: a result may be the previous version's.
  const formsOf = memo?.table<Map<string, string>>('word-forms');
  const actions: TracedAction[] = [];
  const byCause: TraceLink[][] = causes.map(() => []);
  const nearByCause: Near[][] = causes.map(() => []);
  const byId = new Map<string, number>();
  const byAnchor = new Map<string, number>();
  causes.forEach((c, i) => {
    if (!byId.has(c.id.toLowerCase())) byId.set(c.id.toLowerCase(), i);
    for (const a of c.anchors) if (!byAnchor.has(a)) byAnchor.set(a, i);
  });
  // Index words → causes once; each action looks its own words up.
  const index = new Map<string, number[]>();
  causes.forEach((c, i) => {
    for (const w of c.words) {
      const list = index.get(w);
      if (!list) index.set(w, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  });
  for (const item of items) {
    const raw = item.action!.text;
    const text = plainText(raw);
    const a = actions.length;
    const refs = explicitRefs(item, src);
    const links: TraceLink[] = [];
    const otherRefs: string[] = [];
    const linked = new Set<number>();
    const link = (cause: number) => {
      if (linked.has(cause)) return;
      linked.add(cause);
      links.push({ cause, action: a, explicit: true });
    };
    for (const ref of refs.ids) {
      const found = byId.get(ref.toLowerCase());
      if (found !== undefined) link(found);
      else otherRefs.push(ref);
    }
    for (const slug of refs.slugs) {
      const found = byAnchor.get(slug);
      if (found !== undefined) link(found);
    }
    // Words from the text as written: `WINDOW_UPDATE` is two words, which plain text would run together.
    const forms = formsOf ? formsOf.get(raw, wordForms) : wordForms(raw);
    const words = [...forms.keys()];
    const shared = new Map<number, string[]>();
    for (const w of words) {
      const list = index.get(w);
      if (!list || list.length > MAX_FANOUT) continue;
      for (const c of list) {
        const shown = forms.get(w) ?? w;
        const common = shared.get(c);
        if (!common) shared.set(c, [shown]);
        else common.push(shown);
      }
    }
    const near: Near[] = [];
    const byWords = !links.length && !otherRefs.length && !refs.hygiene;
    for (const [cause, common] of [...shared].sort(([x], [y]) => x - y)) {
      // Two shared words, or one that no other cause uses ("forwarder", "staging").
      if (byWords && (common.length >= MIN_SHARED || distinctiveWord(words, forms, common[0], index, common.length, causes))) {
        linked.add(cause);
        links.push({ cause, action: a, explicit: false, words: common });
      } else if (!linked.has(cause)) {
        near.push({ cause, action: a, words: common });
      }
    }
    for (const l of links) byCause[l.cause].push(l);
    for (const n of near) nearByCause[n.cause].push(n);
    near.sort((x, y) => y.words.length - x.words.length);
    near.length = Math.min(near.length, MAX_NEAR);
    actions.push({ item, text, hygiene: refs.hygiene, links, otherRefs, words, shown: [...forms.values()], near, ...insertionPoint(item) });
  }
  for (const list of nearByCause) {
    list.sort((x, y) => y.words.length - x.words.length);
    list.length = Math.min(list.length, MAX_NEAR);
  }
  return { causes, actions, byCause, nearByCause };
}

/**
 * A word (its stem at least 4 letters) that tells one cause apart: only one cause uses it, or only
 * the root cause and the last why, which usually state the same cause in two places.
 */
function distinctiveWord(words: string[], forms: Map<string, string>, shown: string, index: Map<string, number[]>, count: number, causes: Cause[]): boolean {
  if (count !== 1) return false;
  const stemmed = words.find((w) => forms.get(w) === shown);
  if (stemmed === undefined || stemmed.length < 4) return false;
  const users = index.get(stemmed) ?? [];
  return users.length === 1 || (users.length === 2 && users.every((c) => causes[c].kind === 'rootCause' || causes[c].kind === 'why'));
}

function collectCauses(model: PostMortem, src: SourceText): Cause[] {
  const causes: Cause[] = [];
  model.factors.forEach((factor, i) => {
    const raw = factor.factor.text;
    const text = plainText(raw);
    if (!text || isPlaceholder(raw)) return;
    const own = /\bCF[- ]?(\d{1,3})\b/i.exec(raw);
    const number = own ? Number(own[1]) : i + 1;
    const line = src.lines[factor.line] ?? '';
    const anchors = new Set<string>(anchorsIn(line));
    if (factor.source === 'heading') {
      anchors.add(slug(text));
      anchors.add(slug(plainText(line.slice(factor.factor.range.start.character, factor.factor.range.end.character))));
    }
    const required = plainText(factor.actionRequired?.text ?? '').toLowerCase();
    causes.push({
      kind: 'factor',
      id: `CF-${number}`,
      name: `Contributing factor ${number}`,
      text,
      range: factor.factor.range,
      line: factor.line,
      needsAction: !/^(no|n|none|n\/a|false|-)$/.test(required),
      anchors: [...anchors].filter(Boolean),
      words: contentWords(`${raw} ${factor.detail ?? ''}`),
    });
  });
  model.wentWrong.forEach((item, i) => {
    const text = plainText(item.factor.text);
    if (!text || isPlaceholder(item.factor.text)) return;
    causes.push({ kind: 'wentWrong', id: `WW-${i + 1}`, name: `What went wrong ${i + 1}`, text, range: item.factor.range, line: item.line, needsAction: false, anchors: anchorsIn(src.lines[item.line] ?? ''), words: contentWords(`${item.factor.text} ${item.detail ?? ''}`) });
  });
  const rootSection = model.sections.find((s) => s.kind === 'rootCause');
  const rootAnchors = rootSection ? [slug(plainText(rootSection.heading))] : [];
  const root = model.rootCause?.value;
  if (root?.text && !isPlaceholder(root.text)) {
    causes.push({ kind: 'rootCause', id: 'RC', name: 'The root cause', text: plainText(root.text), range: root.range, line: model.rootCause!.line, needsAction: true, anchors: rootAnchors, words: contentWords(root.text) });
  } else if (!root && model.rootCauseText) {
    const { span, detail } = model.rootCauseText;
    causes.push({ kind: 'rootCause', id: 'RC', name: 'The root cause', text: plainText(span.text), range: span.range, line: span.range.start.line, needsAction: true, anchors: rootAnchors, words: contentWords(detail) });
  }
  for (let i = model.whys.length - 1; i >= 0; i--) {
    const why = model.whys[i];
    const answer = why.answer?.text ?? '';
    if (!plainText(answer) || isPlaceholder(answer) || isPlaceholder(why.label)) continue;
    const n = /\d+/.exec(why.label)?.[0] ?? String(i + 1);
    causes.push({ kind: 'why', id: `Why ${n}`, name: `Why ${n}`, text: plainText(answer), range: why.answer!.range, line: why.line, needsAction: true, anchors: [], words: contentWords(answer) });
    break;
  }
  return causes.sort((a, b) => a.line - b.line || (a.kind === 'factor' ? -1 : 1));
}

/** `CF-2` anywhere; `(addresses: CF-1, Why 5, root cause)`; an Addresses cell; `[…](#slug)`; `(hygiene)`. */
function explicitRefs(item: ActionItem, src: SourceText): { ids: string[]; slugs: string[]; hygiene: boolean } {
  const ids: string[] = [];
  const slugs: string[] = [];
  let hygiene = false;
  // A list item's whole first line (its owner and links may follow the action); a table row's action cell.
  const action = item.action!;
  const text = item.source === 'list' ? (src.lines[item.line] ?? '').slice(action.range.start.character) : action.text;
  const scan = (t: string, clause: boolean) => {
    for (const m of t.matchAll(/\b(CF|WW)[- ]?(\d{1,3})\b/gi)) ids.push(`${m[1].toUpperCase()}-${Number(m[2])}`);
    for (const m of t.matchAll(/\]\(#([^()\s]+)\)/g)) slugs.push(decodeSlug(m[1]));
    if (/[([](?:general(?:[ -]hygiene)?|hygiene)[)\]]/i.test(t)) hygiene = true;
    if (clause) clauseRefs(t);
  };
  const clauseRefs = (t: string) => {
    for (const m of t.matchAll(/\bwhy[ \t]*(?:#[ \t]*)?(\d{1,2})\b/gi)) ids.push(`Why ${m[1]}`);
    if (/\b(?:RC|root[ \t]+cause)\b/i.test(t)) ids.push('RC');
    if (/^(?:general|hygiene|general hygiene|none|n\/a|-)$/i.test(t.trim())) hygiene = true;
  };
  scan(text, false);
  for (const m of text.matchAll(/\baddress(?:es|ing)?\b[ \t]*:?/gi)) {
    const from = m.index + m[0].length;
    let to = from;
    while (to < text.length && to - from < 200 && !')];'.includes(text[to])) to++;
    clauseRefs(text.slice(from, to));
  }
  if (item.addresses?.text) scan(plainText(item.addresses.text), true);
  if (/^(?:general|hygiene|general hygiene)$/i.test(plainText(item.category?.text ?? ''))) hygiene = true;
  return { ids, slugs, hygiene };
}

function insertionPoint(item: ActionItem): Pick<TracedAction, 'insertAt'> {
  if (item.addresses) return { insertAt: { cell: item.addresses, into: 'addresses' } };
  if (item.action) return { insertAt: { cell: item.action, into: 'action' } };
  return {};
}

/**
 * The edit that links an action to a cause explicitly: the ID in its Addresses cell (after those
 * there), else ` (addresses: CF-2)` after its text. The causes it is linked to by words are
 * written too, since an explicit link ends the links by words (`(addresses: RC, CF-2)`).
 */
export function linkEdit(trace: Traceability, action: TracedAction, target: number): TextEdit | undefined {
  const at = action.insertAt;
  if (!at) return undefined;
  const ids = [...new Set([...action.links.filter((l) => !l.explicit).map((l) => l.cause), target])].sort((x, y) => x - y).map((c) => trace.causes[c].id).join(', ');
  if (at.into === 'addresses' && !at.cell.text.trim()) return { range: at.cell.inner, newText: ` ${ids} ` };
  const end = at.cell.range.end;
  return { range: { start: end, end }, newText: at.into === 'addresses' ? `, ${ids}` : ` (addresses: ${ids})` };
}

/** A heading's anchor as GitHub and VS Code make it: lower case, punctuation dropped, spaces to hyphens. */
export function slug(text: string): string {
  return text.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}

function decodeSlug(text: string): string {
  try {
    return decodeURIComponent(text).toLowerCase();
  } catch {
    return text.toLowerCase();
  }
}

/** `<a id="cf-net"></a>`, `<a name="x">`, `{#x}` on a factor's line. */
function anchorsIn(line: string): string[] {
  const found: string[] = [];
  for (const m of line.matchAll(/\b(?:id|name)=["']([^"'\s]+)["']/gi)) found.push(m[1].toLowerCase());
  // `{#x}` by a scan that never reads a character twice.
  for (let at = line.indexOf('{#'), end = 0; at >= 0; at = line.indexOf('{#', Math.max(end, at + 2))) {
    end = at + 2;
    while (end < line.length && line[end] !== '}' && line[end] !== '{' && line[end] !== ' ' && line[end] !== '\t') end++;
    if (line[end] === '}' && end > at + 2) found.push(line.slice(at + 2, end).toLowerCase());
  }
  return found;
}

/**
 * Words that say nothing about which cause an action addresses: function words, and the words
 * every cause and action of a post-mortem uses ("incident", "issue", "add", "ensure").
 */
const STOP = new Set(
  (
    'a about above after again against all also am an and any are as at be been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other our out over own same she should so some such than that the their them then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your ' +
    'was were wasn weren didn doesn don isn aren hasn haven hadn won wouldn couldn shouldn cannot can\'t it\'s us its one two three four five via per etc ' +
    'incident incidents outage outages issue issues problem problems cause causes caused causing root factor factors contributing action actions item items ' +
    'add added adding ensure make made improve improved create implement new use used using need needs needed get got set able like may might must will well also ' +
    'old still better less more quick quickly fast faster properly proper clear clearer ' +
    'time times minute minutes hour hours day days week weeks month months year years first second last next every many much some when then than'
  ).split(' '),
);

/** Lower-cased, stop words and numbers dropped, stemmed ("timeouts" → "timeout", "indexes" → "index"), each once, at most MAX_WORDS. */
export function contentWords(text: string): string[] {
  return [...wordForms(text).keys()];
}

/** Each content word's stem → the word as first written (lower-cased), for messages. */
export function wordForms(text: string): Map<string, string> {
  const words = new Map<string, string>();
  for (const m of text.matchAll(FORM_WORD)) {
    const raw = m[0];
    const lower = raw.toLowerCase().replace(POSSESSIVE_S, '');
    if (STOP.has(lower) || LEADING_DIGIT.test(lower)) continue;
    // Two-letter acronyms (CI, DB, QA) count; other short words do not.
    if (lower.length < 3 && !(lower.length === 2 && raw === raw.toUpperCase() && LETTERS.test(raw))) continue;
    if (lower.includes("'") || lower.includes('’')) continue;
    const stemmed = stem(lower);
    if (STOP.has(stemmed) || words.has(stemmed)) continue;
    words.set(stemmed, lower);
    if (words.size >= MAX_WORDS) break;
  }
  return words;
}

// The patterns of wordForms and stem, made once: a literal makes its object anew each time it is read, at every word.
const FORM_WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const POSSESSIVE_S = /['’]s$/;
const LEADING_DIGIT = /^\d/;
const LETTERS = /^\p{L}+$/u;
const SIBILANT_ES = /(?:ss|x|z|ch|sh)es$/;

/** How many letters of a word a stem keeps. */
const STEM_LENGTH = 6;

/** A light stemmer: plurals, -ing, -ed, a final -e ("changes", "changed", "changing" → "chang"), then at most six letters. */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && SIBILANT_ES.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  // Then the first six letters: "dependency" and "depend", "migration" and "migrate", "configured" and "configuration".
  return w.length > STEM_LENGTH ? w.slice(0, STEM_LENGTH) : w;
}

/** The cause whose text or line a position lies on. */
export function causeAtLine(trace: Traceability, line: number): number {
  return trace.causes.findIndex((c) => c.line === line);
}

/** What the `traceability` rule reports: each cause that needs an action and has none, each open action that addresses nothing, with fixes that link the near misses. */
export function traceFindings(trace: Traceability): Finding[] {
  const { causes, actions, byCause, nearByCause } = trace;
  // What Went Wrong alone is no list of causes: nothing to trace against.
  if (!causes.some((c) => c.kind !== 'wentWrong') || !actions.length) return [];
  const findings: Finding[] = [];
  causes.forEach((cause, c) => {
    if (!cause.needsAction || byCause[c].length) return;
    findings.push({
      range: cause.range,
      message: `${cause.name} "${short(cause.text)}" has no action item: add one, or link one with ${cause.kind === 'why' ? `(addresses: ${cause.id})` : cause.id}.`,
      ...fixes(trace, nearByCause[c]),
    });
  });
  for (const action of actions) {
    if (action.item.done || action.hygiene || action.links.length || action.otherRefs.length) continue;
    findings.push({
      range: action.item.action!.range,
      message: `${actionLabel(action.item)} addresses no cause: link it to one (${causes.some((c) => c.kind === 'factor') ? 'CF-n' : (causes.find((c) => c.kind === 'rootCause') ?? causes[0]).id}) or mark it (hygiene).`,
      ...fixes(trace, action.near),
    });
  }
  return findings;
}

/** A fix per near miss: link the action to the cause. */
function fixes(trace: Traceability, near: Near[]): { fixes?: Fix[] } {
  const list: Fix[] = [];
  for (const { action: a, cause: c, words } of near) {
    const action = trace.actions[a];
    const edit = linkEdit(trace, action, c);
    if (edit) list.push({ title: `Link ${actionLabel(action.item)} to ${trace.causes[c].id} (both say "${words.join('", "')}")`, edits: [edit] });
  }
  return list.length ? { fixes: list } : {};
}

function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
