import type { ActionItem, Cell } from '../model';
import { range, trimRuns } from '../text';
import { PRIORITIES, STATUSES, plainText } from '../vocabulary';
import { isNobody } from '../owners';
import { type DocumentContext, ancestorOfKind, sectionAt, viewLine } from './context';
import { kindOfTitle } from './sections';

/**
 * Action items written as lists under an action heading (Action Items, Next steps, Follow-ups,
 * Corrective actions, Remediation, To do… and their sub-headings): `- [ ] …`, `- [x] …`, bullets
 * and numbered items, the outermost list of the section only (nested items are details).
 * Owners as teams write them: `(@name)`, `(owner: X)`, `Owner: X`, `— X` or `[X]` at the end,
 * `[X]` at the start; a due date as `due 2026-04-01` or `Due: …`; done as `[x]`, ~~struck~~,
 * `(done)`, `— Done`, `Done:`, ✅. An item with no text is a template slot, not an action.
 */
export function extractActionLists(ctx: DocumentContext, groupTitle: (section: number) => string, done?: ReadonlySet<string>): ActionItem[] {
  const items: ActionItem[] = [];
  let depth = 0;
  const counters = new Map<number, number>();
  /** A list item labelled as the action items (`- **Review actions**:`): the items of its own list are they. */
  let label: { depth: number; endLine: number; title: string; anchor: Cell; count: number } | undefined;
  const tokens = ctx.outline;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') depth++;
    else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') depth--;
    if (token.type !== 'list_item_open' || !token.map) continue;
    const paragraph = tokens[i + 1];
    if (paragraph?.type !== 'paragraph_open' || !paragraph.map || paragraph.map[0] !== token.map[0]) continue;
    const line = token.map[0];
    if (label && line >= label.endLine) label = undefined;
    const section = sectionAt(ctx, line);
    if (label && depth === label.depth) {
      const item = listItem(ctx, line, paragraph.map[1], section, label.title, label.count + 1, done);
      if (item) (label.count++, items.push({ ...item, anchor: label.anchor.range }));
      continue;
    }
    if (!label && paragraph.map[1] - paragraph.map[0] === 1) {
      const title = actionLabel(viewLine(ctx, ctx.views.visible, line));
      if (title) {
        label = { depth: depth + 1, endLine: token.map[1], title: title.text, anchor: cellAt(line, viewLine(ctx, ctx.views.visible, line), title.start, title.end), count: 0 };
        continue;
      }
    }
    if (depth !== 1 || section === undefined) continue;
    // A "Follow-up" section of a team's own is where its action items are.
    const actions = ancestorOfKind(ctx, section, 'actions') ?? ancestorOfKind(ctx, section, 'followUp');
    if (actions === undefined) continue;
    const count = (counters.get(actions) ?? 0) + 1;
    const item = listItem(ctx, line, paragraph.map[1], section, groupTitle(section), count, done);
    if (!item) continue;
    counters.set(actions, count);
    items.push(item);
  }
  return items;
}

/** `- **Review actions**:`, `* __Action items:__`: a list item that only names the action items below it. */
function actionLabel(text: string): { text: string; start: number; end: number } | undefined {
  const marker = afterMarker(text);
  if (!marker) return undefined;
  const rest = text.slice(marker.start).trimEnd();
  const m = /^\*\*([^*]+)\*\*[ \t]*:?$|^__([^_]+)__[ \t]*:?$/.exec(rest);
  const inner = m?.[1] ?? m?.[2];
  if (!inner || inner.length > 60) return undefined;
  const title = trimRuns(inner, /[\s:]/);
  if (kindOfTitle(title) !== 'actions') return undefined;
  const start = marker.start + 2 + (inner.length - inner.trimStart().length);
  return { text: title, start, end: start + title.length };
}

/** A list item's marker and task box: the text starts after them. */
function afterMarker(text: string): { start: number; box?: string; number?: string } | undefined {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '>')) i++;
  let number: string | undefined;
  if (text[i] === '-' || text[i] === '*' || text[i] === '+') {
    i++;
  } else {
    const from = i;
    while (i < text.length && i - from < 9 && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    if (i === from || (text[i] !== '.' && text[i] !== ')')) return undefined;
    number = text.slice(from, i);
    i++;
  }
  while (text[i] === ' ' || text[i] === '\t') i++;
  const box = /\[([ xX]?)\](?=[ \t]|$)/y;
  box.lastIndex = i;
  const m = box.exec(text);
  if (m) {
    i += m[0].length;
    while (text[i] === ' ' || text[i] === '\t') i++;
  }
  return { start: i, box: m ? m[1] : undefined, number };
}

function listItem(ctx: DocumentContext, first: number, end: number, section: number | undefined, title: string, count: number, extraDone?: ReadonlySet<string>): ActionItem | undefined {
  const line = first;
  const firstText = viewLine(ctx, ctx.views.visible, line);
  const marker = afterMarker(firstText);
  if (!marker) return undefined;
  const lines: { line: number; text: string; from: number; to: number }[] = [];
  for (let l = first; l < end; l++) {
    const text = l === first ? firstText : viewLine(ctx, ctx.views.visible, l);
    let from = l === first ? marker.start : 0;
    while (from < text.length && (text[from] === ' ' || text[from] === '\t' || (l !== first && text[from] === '>'))) from++;
    let to = text.length;
    while (to > from && (text[to - 1] === ' ' || text[to - 1] === '\t')) to--;
    if (to > from) lines.push({ line: l, text, from, to });
  }
  // `- [ ]` or a bare bullet: a slot the template left, not an action.
  if (!lines.length || lines[0].line !== first) return undefined;
  const head = lines[0];
  const last = lines[lines.length - 1];
  let owner: Cell | undefined;
  let due: Cell | undefined;
  for (const l of lines) {
    owner ??= labelled(l.text, l.from, l.to, OWNER_LABEL, l.line);
    owner ??= parenthesisedMention(l.text, l.from, l.to, l.line);
    due ??= labelled(l.text, l.from, l.to, DUE_LABEL, l.line);
  }
  owner ??= trailingOwner(last.text, last.from, last.to, last.line) ?? leadingBracket(head.text, head.from, head.to, head.line);
  const whole = lines.map((l) => l.text.slice(l.from, l.to)).join(' ');
  const action = actionText(head.text, head.from, head.to, head.line, [owner, due]);
  return {
    number: marker.number ?? String(count),
    group: groupOf(title),
    tableTitle: title,
    action,
    owner,
    due,
    line,
    source: 'list',
    done: (marker.box ?? '').toLowerCase() === 'x' || isDoneText(whole, extraDone),
    ownerExpected: owner !== undefined,
    section,
  };
}

/**
 * The action as an item's first line says it, without the owner and due date written after it
 * (`… (owner: X, due …)`, `… — Alice`, `… [Bob]`) or before it (`[Tom] …`).
 */
function actionText(text: string, from: number, to: number, line: number, marks: (Cell | undefined)[]): Cell {
  let start = from;
  let end = to;
  for (const mark of marks) {
    if (!mark || mark.range.start.line !== line) continue;
    const at = mark.range.start.character;
    if (text[from] === '[' && at === from + 1) {
      start = mark.range.end.character + 1;
      continue;
    }
    const open = Math.max(text.lastIndexOf('(', at), text.lastIndexOf('[', at));
    const dash = Math.max(text.lastIndexOf(' — ', at), text.lastIndexOf(' – ', at), text.lastIndexOf(' - ', at));
    const cut = open > from && text.indexOf(text[open] === '(' ? ')' : ']', open) >= at ? open : dash > from && at - dash <= 4 ? dash : -1;
    if (cut > from) end = Math.min(end, cut);
  }
  while (start < end && (text[start] === ' ' || text[start] === '\t')) start++;
  while (end > start && ' \t,;'.includes(text[end - 1])) end--;
  return end > start ? cellAt(line, text, start, end) : cellAt(line, text, from, to);
}

export function groupOf(title: string): ActionItem['group'] {
  if (/short.?term/i.test(title)) return 'short-term';
  if (/long.?term/i.test(title)) return 'long-term';
  if (/process/i.test(title)) return 'process';
  return 'other';
}

function cellAt(line: number, text: string, from: number, to: number): Cell {
  return { text: text.slice(from, to), range: range(line, from, to), inner: range(line, from, to) };
}

/** `Owner: X`, `(owner: X, due …)`, `Assignee: X`, `DRI: X`: the value runs to a comma, semicolon or closing bracket. */
const OWNER_LABEL = /\b(?:owners?|assignees?|assigned to|dri|responsible)[ \t]*:[ \t]*/gi;
/** `Due: X`, `due 2026-04-01`, `due Q3`, `due soon`; not "due to". */
const DUE_LABEL = /\bdue(?:[ \t]+date)?[ \t]*:[ \t]*|\bdue[ \t]+(?=\d|q[1-4]\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|end\b|next\b|soon\b|tb[dac]\b|later\b|asap\b)/gi;

function labelled(text: string, from: number, to: number, label: RegExp, line: number): Cell | undefined {
  label.lastIndex = from;
  const m = label.exec(text);
  if (!m || m.index >= to) return undefined;
  const start = m.index + m[0].length;
  let end = start;
  while (end < to && !',;)]|'.includes(text[end])) end++;
  let stop = end;
  while (stop > start && (text[stop - 1] === ' ' || text[stop - 1] === '\t' || text[stop - 1] === '.')) stop--;
  // An empty value points where one belongs.
  return stop > start ? cellAt(line, text, start, stop) : cellAt(line, text, start, start);
}

/** `(@name)`, `(@name, due …)`: the first handle of a parenthesised group. */
const PAREN_MENTION = /\([ \t]*(@[\w-]+(?:\.[\w-]+)*)/g;

function parenthesisedMention(text: string, from: number, to: number, line: number): Cell | undefined {
  PAREN_MENTION.lastIndex = from;
  const m = PAREN_MENTION.exec(text);
  if (!m || m.index >= to) return undefined;
  const start = m.index + m[0].length - m[1].length;
  return cellAt(line, text, start, start + m[1].length);
}

const HANDLE = /^@[\w-]+(?:\.[\w-]+)*$/;
/** A person or a team as an item's last words: "Alice", "Priya Natarajan", "SRE team". */
const NAME = /^\p{Lu}[\p{L}'’.-]*(?: (?:\p{Lu}[\p{L}'’.-]*|team|squad|group|on-?call)){0,3}$/u;
/** Words that end an item without naming anyone: a priority, a status, done. */
const NOT_A_NAME = new Set([...PRIORITIES, ...STATUSES, 'Done', 'Completed', 'Complete', 'TODO', 'WIP', 'Closed', 'Open', 'Fixed', 'Resolved', 'Ongoing'].map((w) => w.toLowerCase()));

function isOwnerWords(text: string): boolean {
  const t = plainText(text);
  if (!t || NOT_A_NAME.has(t.toLowerCase())) return false;
  return HANDLE.test(t) || NAME.test(t) || isNobody(t);
}

/** `… — Alice`, `… - @bob`, `… [Alice]`, `… @bob` at the end of an item's last line. */
function trailingOwner(text: string, from: number, to: number, line: number): Cell | undefined {
  let end = to;
  while (end > from && text[end - 1] === '.') end--;
  // `… [Alice]`, not a link's `[text](url)` nor a task box.
  if (text[end - 1] === ']') {
    const open = text.lastIndexOf('[', end - 1);
    if (open > from && end - open <= 42 && isOwnerWords(text.slice(open + 1, end - 1))) return cellAt(line, text, open + 1, end - 1);
  }
  const dash = Math.max(text.lastIndexOf(' — ', end), text.lastIndexOf(' – ', end), text.lastIndexOf(' - ', end), text.lastIndexOf(' -- ', end));
  if (dash > from) {
    let start = dash + 1;
    while (start < end && (text[start] === '-' || text[start] === '—' || text[start] === '–' || text[start] === ' ')) start++;
    if (end - start <= 40 && isOwnerWords(text.slice(start, end))) return cellAt(line, text, start, end);
  }
  const space = Math.max(text.lastIndexOf(' ', end - 1), from - 1);
  const word = text.slice(space + 1, end);
  if (space + 1 > from && HANDLE.test(word)) return cellAt(line, text, space + 1, end);
  return undefined;
}

/** `[Alice] …` at the start of an item. */
function leadingBracket(text: string, from: number, to: number, line: number): Cell | undefined {
  if (text[from] !== '[') return undefined;
  const close = text.indexOf(']', from);
  if (close < 0 || close - from > 41 || close + 1 >= to || text[close + 1] === '(' || text[close + 1] === '[') return undefined;
  return isOwnerWords(text.slice(from + 1, close)) ? cellAt(line, text, from + 1, close) : undefined;
}

/** `(done)`, `[Completed 2026-03-02]`: tried after each opening bracket, its closing one looked for after. */
const BRACKETED_DONE = /(?:done|completed?|fixed|closed|resolved|shipped|merged)(?![a-z])/iy;
/** `Done: …`, `**DONE** - …` at the start. */
const LEADING_DONE = /^(?:\*\*|__)?(?:done|completed?)(?:\*\*|__)?[ \t]*[:—–-]/i;
const DONE_WORDS = new Set(['done', 'completed', 'complete', 'fixed', 'closed', 'resolved', 'shipped', 'merged']);

/**
 * Whether an item's text says it is done: struck through, marked done at its start or end, or ✅;
 * the team's `extra` done words (lower-case) count at the end and in brackets too.
 */
export function isDoneText(text: string, extra?: ReadonlySet<string>): boolean {
  const t = text.trim();
  if (t.length > 4 && t.startsWith('~~') && t.endsWith('~~')) return true;
  if (/[✅✔☑]/u.test(t) || LEADING_DONE.test(t) || bracketedDone(t, extra)) return true;
  const dash = Math.max(t.lastIndexOf(' — '), t.lastIndexOf(' – '), t.lastIndexOf(' - '), t.lastIndexOf(': '));
  if (dash <= 0) return false;
  const last = trimRuns(plainText(t.slice(dash + 2)), /\s/, /[.!\s]/).toLowerCase();
  return DONE_WORDS.has(last) || (extra?.has(last.replace(/\s+/g, ' ')) ?? false);
}

function bracketedDone(text: string, extra?: ReadonlySet<string>): boolean {
  for (let i = 0; i < text.length; i++) {
    const open = text[i];
    if (open !== '(' && open !== '[') continue;
    const closing = open === '(' ? ')' : ']';
    BRACKETED_DONE.lastIndex = i + 1;
    if (BRACKETED_DONE.exec(text)) {
      for (let j = BRACKETED_DONE.lastIndex; j < text.length && j - i <= 64; j++) if (text[j] === closing) return true;
    } else if (extra && extraBracketed(text, i + 1, closing, extra)) return true;
  }
  return false;
}

/** `(deployed)`, `[Rolled out 2026-03-02]`: a team's done word first in the brackets, alone or followed by a space, a colon or a comma. */
function extraBracketed(text: string, from: number, closing: string, extra: ReadonlySet<string>): boolean {
  // Within 64 characters, as for the built-in words: a long run of brackets is not rescanned.
  const close = text.slice(from, from + 65).indexOf(closing);
  if (close < 0) return false;
  const inside = plainText(text.slice(from, from + close)).toLowerCase().replace(/\s+/g, ' ');
  for (const word of extra) {
    if (inside === word || (inside.startsWith(word) && /[\s:,]/.test(inside[word.length]))) return true;
  }
  return false;
}
