import type { Table, TableRow } from '../model';
import { rowChecker } from '../budget';
import { ROLE, type Slot, type SlotKind, type SlotScan, shortText } from '../slots';
import { type Range, range, shiftedRange } from '../text';
import { type DocumentContext, viewLine } from './context';
import { frontMatterEnd } from '../front-matter';
import { PartReadings, type RowPart, rowParts } from './row-parts';

/** Date and time formats written out as letters: `YYYY-MM-DD`, `DD/MM/YYYY`, `HH:mm`, `HH:MM:SS`. */
const FORMAT = /\b(?:YYYY|YY|MM|DD|HH|hh|mm|SS|ss)(?:[-/:.](?:YYYY|YY|MM|DD|HH|hh|mm|SS|ss))+\b/g;
/** `???` for a value nobody filled in (two question marks end many a sentence). */
const UNKNOWN = /(?<![\w?])\?{3,}/g;
/** `xxxx`, `XXXXXX` (in a URL, an ID). */
const CROSSES = /\b(?:x{4,}|X{4,})\b/g;
/** `${CVE_ISSUED_ID}`. */
const VARIABLE = /\$\{[A-Za-z_]\w{0,63}\}/g;
/** An identifier with a placeholder part: `CVE-YEAR-ABCDEF`, `INC-YYYY-NNN`. */
const ID_SLOT = /\b[A-Z]{2,10}-(?:YEAR|YYYY|XXXX|NNNN?|ABCDEF)\b(?:-[A-Z0-9]{1,20}\b)?/g;
const LOREM = /\blorem ipsum\b/gi;
/** `TBD`, `TBA`. */
const TO_BE = /\bTB[DA]\b/g;
/** `<service name>`, `<method>`: angle brackets around words, not a tag (checked apart) nor a link. */
const ANGLE = /(?<![\w<])<([A-Za-z][\w -]{0,60})>/g;
/** `[Date]`, `[Title]`: brackets around words, not a link, a reference or a footnote. */
const BRACKET = /(?<![\]!\\\w])\[([A-Za-z][\w ./-]{0,60})\](?![([:])/g;
/** `ISSUE NAME`, `DATE RANGE`, `SOURCE-FILE-PLACEHOLDER`: capitals naming what goes there. */
const CAPITALS = /\b[A-Z]{2,}(?:[ _-][A-Z]{2,}){0,5}\b/g;

/** The most tokens one line reports: a template's line has a few, and the overlap check stays cheap on a hostile one. */
const MAX_TOKENS_PER_LINE = 32;

/**
 * What a line needs for any token above: most lines of a finished post-mortem have none, and skip
 * the scans. Two patterns, the characters apart: as one alternation the scan took half as long again.
 */
const MAY_HOLD_MARK = /[[<$?]/;
const MAY_HOLD_WORD = /[A-Z]{2}|[xX]{4}|[Ll]orem|(?:hh|mm|ss)[-/:.]/;

/** Words that name what a slot asks for: `[Date]`, `<service name>`, `ISSUE NAME`. */
const SLOT_WORDS = new Set([
  'date', 'time', 'title', 'name', 'names', 'link', 'url', 'service', 'description', 'owner', 'team', 'incident', 'summary', 'your', 'insert',
  'number', 'id', 'person', 'author', 'authors', 'product', 'component', 'region', 'customer', 'duration', 'severity', 'here', 'text', 'value',
  'event', 'impact', 'status', 'ticket', 'issue', 'range', 'placeholder', 'description', 'reason', 'details', 'cause', 'root', 'timestamp',
  'tz', 'timezone', 'email', 'handle', 'username', 'user', 'users', 'amount', 'count', 'percent', 'percentage', 'system', 'feature', 'file', 'source',
]);
/** Of the capital words, those that say a slot: `DATE RANGE` is one, `AWS DNS` is not. */
const CAPITAL_SLOT_WORDS = new Set(['NAME', 'DATE', 'RANGE', 'TITLE', 'PLACEHOLDER', 'DESCRIPTION', 'LINK', 'URL', 'HERE', 'SUMMARY']);

const HTML_TAGS = new Set(
  ('a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption center cite code col colgroup data datalist dd del details ' +
    'dfn dialog div dl dt em embed fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins kbd label ' +
    'legend li link main map mark meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script section ' +
    'select slot small source span strike strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr').split(' '),
);

/** Headings that only say "the title goes here". */
const TITLE_WORDS = new Set(['title', 'incident', 'the', 'of', 'postmortem', 'post', 'mortem', 'report', 'here', 'your', 'document', 'name', 'short', 'descriptive', 'a']);

/** Verbs a template's instructions start with, where a finished document's paragraphs do not. */
const INSTRUCTION = /^(?:please\s+)?(?:describe|explain|list|provide|summari[sz]e|insert|enter|fill in|replace|outline|include)\s+(?:the|a|an|any|all|how|what|when|where|who|why|which|some|each|every|of|here|your|briefly|in|below|up|out|links?)\b/i;
/** In a template, any sentence with one of these verbs first is an instruction. */
const TEMPLATE_INSTRUCTION = /^(?:please\s+)?(?:describe|explain|list|provide|summari[sz]e|insert|enter|fill|replace|write|give|outline|include|add|follow|note|use|link|state|mention|document|identify|attach|specify|record|keep|remove|delete|update|e\.g\.)\b/i;
/** A paragraph that introduces examples and stops: "List of things that went well. For example,". */
const EXAMPLES_FOLLOW = /(?:for example|e\.g\.)[,:]?$/i;
/** Words about the document itself: "These are only sample subheadings", "This section should…". */
const META = /^(?:(?:these|this|the following)\s+(?:are|is)\s+(?:only\s+|just\s+)?(?:an?\s+)?(?:sample|example)s?\b|(?:in\s+)?this section\s+(?:should|is for|is where|lists|describes|contains)\b)/i;
/** An example row or item: "Action item 1", "Step 2". */
const EXAMPLE_ITEM = /^(?:action item|item|task|step|event|example)\s*\d+\.?$/i;
/** `Label:` alone (the colon may sit inside or after bold marks). */
const FIELD_ONLY = /^(?:\*\*|__)?([A-Za-z][\w ()&/'’.-]{0,60}?)(?::(?:\*\*|__)?|(?:\*\*|__):)$/;
const CHECKBOX = /^\[[ xX]?\][ \t]*/;

interface Block {
  /** `neutral`: a thematic break or a comment, which is no content of a section. */
  type: 'heading' | 'paragraph' | 'item' | 'table' | 'html' | 'code' | 'neutral';
  start: number;
  end: number;
  /** Inline text (headings, paragraphs, an item's first paragraph), markers stripped by markdown-it. */
  content: string;
  quoted: boolean;
  inItem: boolean;
  level: number;
  /** An item: nothing but its first paragraph. */
  bare?: boolean;
}

/**
 * Every slot of the document, by its style, and each line's role. A slot is `builtin` when its
 * style is reported in any post-mortem; the rest are slots in a template only (see Slot), kept
 * when the text is read as a template. A document's own are matched by the template's line keys,
 * except its tokens and empty sections, which are always kept.
 */
export function extractSlots(ctx: DocumentContext, tables: Table[], asTemplate: boolean): SlotScan {
  const { src, outline: tokens } = ctx;
  const roles = new Uint8Array(src.lineCount);
  const blocks: Block[] = [];
  const tick = rowChecker(ctx.deadline);
  let quoted = 0;
  let items = 0;
  for (let i = 0; i < tokens.length; i++) {
    tick();
    const t = tokens[i];
    switch (t.type) {
      case 'blockquote_open':
        quoted++;
        break;
      case 'blockquote_close':
        quoted--;
        break;
      case 'list_item_open': {
        const [start, end] = t.map!;
        roles[start] = ROLE.item;
        const next = tokens[i + 1];
        const first = next?.type === 'paragraph_open' ? tokens[i + 2].content : '';
        const after = next?.type === 'paragraph_open' ? tokens[i + 4] : next;
        blocks.push({ type: 'item', start, end, content: first, quoted: quoted > 0, inItem: items > 0, level: 0, bare: after?.type === 'list_item_close' });
        items++;
        break;
      }
      case 'list_item_close':
        items--;
        break;
      case 'heading_open': {
        const [start, end] = t.map!;
        roles.fill(ROLE.heading, start, end);
        blocks.push({ type: 'heading', start, end, content: tokens[i + 1].content, quoted: quoted > 0, inItem: items > 0, level: Number(t.tag.slice(1)) });
        break;
      }
      case 'paragraph_open': {
        const [start, end] = t.map!;
        for (let line = start; line < end; line++) if (!roles[line]) roles[line] = ROLE.paragraph;
        // An item's first paragraph is the item.
        if (tokens[i - 1]?.type !== 'list_item_open') blocks.push({ type: 'paragraph', start, end, content: tokens[i + 1].content, quoted: quoted > 0, inItem: items > 0, level: 0 });
        break;
      }
      case 'table_open': {
        const [start, end] = t.map!;
        blocks.push({ type: 'table', start, end, content: '', quoted: quoted > 0, inItem: items > 0, level: 0 });
        break;
      }
      case 'html_block': {
        const [start, end] = t.map!;
        const comment = /^\s*<!--/.test(t.content) && /-->\s*$/.test(t.content);
        if (!comment) roles.fill(ROLE.html, start, end);
        blocks.push({ type: comment ? 'neutral' : 'html', start, end, content: t.content, quoted: quoted > 0, inItem: items > 0, level: 0 });
        break;
      }
      case 'fence':
      case 'code_block':
        blocks.push({ type: 'code', start: t.map![0], end: t.map![1], content: '', quoted: quoted > 0, inItem: items > 0, level: 0 });
        break;
      case 'hr':
        blocks.push({ type: 'neutral', start: t.map![0], end: t.map![1], content: '', quoted: quoted > 0, inItem: items > 0, level: 0 });
        break;
    }
  }
  for (const table of tables) {
    roles[table.header.line] = ROLE.header;
    for (const row of table.rows) roles[row.line] = ROLE.row;
  }
  const front = frontMatterEnd(src.lines);
  roles.fill(ROLE.front, 0, front);

  const slots: Slot[] = [];
  /** Where slots found go: the document's, or a part of a table's while it is read (below). */
  let into = slots;
  const withToken = new Set<number>();
  const add = (kind: SlotKind, line: number, r: Range, text: string, builtin: boolean) => {
    into.push({ kind, line, range: r, text: shortText(text), builtin });
  };
  const keeps = (builtin: boolean, kind: SlotKind) => builtin || asTemplate || kind === 'empty-section';
  const lineSlot = (kind: SlotKind, line: number, text: string, builtin: boolean) => {
    if (keeps(builtin, kind) && !withToken.has(line)) add(kind, line, src.trimmedLineRange(line), text, builtin);
  };
  const tokenSlots = (line: number, found: SlotToken[], text: string) => {
    for (const { start, end, builtin } of found) add('token', line, range(line, start, end), text.slice(start, end), builtin);
    if (found.length) withToken.add(line);
  };

  // Tokens, on every line a reader sees (the prose view: no comments, code or code spans); a line's text read once.
  const lineTokens = ctx.memo.table<SlotToken[]>('slot-tokens');
  const cellTokens = ctx.memo.table<SlotToken[]>('slot-tokens-in-table');
  // Made once, not at each line: a closure a line is garbage a keystroke makes by the thousand.
  const onLine = (t: string) => tokensOnLine(t, false);
  const inCell = (t: string) => tokensOnLine(t, true);
  // A table's rows are read below, part by part.
  for (let line = 0; line < src.lineCount; line++) {
    if (!roles[line] || roles[line] === ROLE.row) continue;
    tick();
    const text = viewLine(ctx, ctx.views.prose, line);
    if (!text.trim()) continue;
    tokenSlots(line, roles[line] === ROLE.header ? cellTokens.get(text, inCell) : lineTokens.get(text, onLine), text);
  }

  // Front matter: `key:` with nothing under it.
  for (let line = 1; line < front - 1; line++) {
    const m = /^(\s*)([\w-]{1,60}):\s*$/.exec(src.lines[line]);
    if (!m) continue;
    const next = src.lines[line + 1] ?? '';
    const indent = /^\s*/.exec(next)![0].length;
    if (line + 1 < front - 1 && indent > m[1].length) continue;
    lineSlot('empty-field', line, `${m[2]}:`, true);
  }

  // Table rows: their tokens; an empty value in a key/value table; a row with no text; in a
  // template, any empty cell. What a row holds is its own: a kept part's slots are its last ones.
  const rowSlots = (row: TableRow, twoColumns: boolean) => {
    const text = viewLine(ctx, ctx.views.prose, row.line);
    if (text.trim()) tokenSlots(row.line, cellTokens.get(text, inCell), text);
    let empty = 0;
    for (const c of row.cells) if (!c.text.trim()) empty++;
    if (!empty) return;
    if (empty === row.cells.length) lineSlot('empty-cell', row.line, src.lines[row.line].trim(), true);
    else if (twoColumns && row.cells[0].text.trim() && !row.cells[1].text.trim()) lineSlot('empty-cell', row.line, stripMarks(row.cells[0].text), true);
    else if (asTemplate) lineSlot('empty-cell', row.line, src.lines[row.line].trim(), false);
  };
  for (const table of tables) {
    const twoColumns = table.header.cellCount === 2;
    const readPart = (part: RowPart) => {
      into = [];
      // Rows in the front matter are its lines (read above).
      for (const row of part.rows) if (row.line >= front) rowSlots(row, twoColumns);
      const found = into;
      into = slots;
      return found;
    };
    for (const part of rowParts(table.rows, ctx.memo)) {
      tick();
      // A part that reaches into the front matter is read again while the front matter ends
      // elsewhere; one below it that a line moved has its slots moved.
      const below = part.rows[0].line >= front;
      const key = `${twoColumns} ${asTemplate} ${below ? -1 : front}`;
      for (const slot of partSlots.get(ctx.memo, part, key, readPart, below ? shiftSlots : undefined)) slots.push(slot);
    }
  }

  // Blocks, with what follows each heading: each heading's own content blocks, counted in one pass.
  const headings: Block[] = [];
  const sectionOf = new Int32Array(blocks.length).fill(-1);
  const contentCount: number[] = [];
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (block.start < front) continue;
    if (block.type === 'heading') {
      headings.push(block);
      contentCount.push(0);
    } else if (headings.length) {
      sectionOf[b] = headings.length - 1;
      if (block.type !== 'neutral') contentCount[headings.length - 1]++;
    }
  }
  let h = 0;
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b];
    if (block.start < front) continue;
    tick();
    if (block.type === 'heading') {
      const next = headings[h + 1];
      const empty = contentCount[h] === 0 && !(next && next.level > block.level);
      h++;
      if (!empty) continue;
      const title = stripMarks(block.content);
      if (isFieldLabel(block.content.trim())) lineSlot('empty-field', block.start, title, true);
      else if (!isTitleSlot(title)) lineSlot('empty-section', block.start, title, false);
      continue;
    }
    if (block.type === 'item') {
      const text = block.content.replace(CHECKBOX, '').trim();
      if (!text) {
        if (block.bare !== false) lineSlot('empty-bullet', block.start, src.lines[block.start].trim(), true);
      } else if (EXAMPLE_ITEM.test(stripMarks(text))) lineSlot('example', block.start, stripMarks(text), true);
      else if (block.bare && isFieldLabel(text) && endsFieldRun(blocks, b)) lineSlot('empty-field', block.start, stripMarks(text), true);
      else lineSlot('example', block.start, stripMarks(text), false);
      continue;
    }
    if (block.type === 'html') {
      for (let line = block.start; line < block.end; line++) {
        if (/^\s*(?:e\.g\.|example:)/i.test(src.lines[line])) {
          lineSlot('example', line, src.lines[line].trim(), true);
          break;
        }
      }
      continue;
    }
    if (block.type !== 'paragraph') continue;
    const text = block.content.trim();
    const plain = stripMarks(text);
    const sole = sectionOf[b] >= 0 && contentCount[sectionOf[b]] === 1;
    if (isFieldLabel(text) && block.end - block.start === 1 && endsFieldRun(blocks, b)) {
      lineSlot('empty-field', block.start, plain, true);
    } else if (block.end - block.start > 1 && isFieldBlock(src.lines, block)) {
      // `**Date:** 2026-03-04` / `**Incident Lead:**` lines: each empty one is an empty field.
      for (let line = block.start; line < block.end; line++) {
        const field = fieldText(src.lines[line]);
        if (isFieldLabel(field)) lineSlot('empty-field', line, stripMarks(field), true);
      }
    } else if (isBuiltinPrompt(text, plain, block)) {
      lineSlot('prompt', block.start, plain, true);
    } else if (plain.endsWith('?') || hasInstructionSentence(plain) || (sole && (block.quoted || isItalic(text)))) {
      lineSlot('prompt', block.start, plain, false);
    }
  }
  for (const heading of headings) {
    if (heading.level <= 2 && isTitleSlot(stripMarks(heading.content))) lineSlot('title', heading.start, stripMarks(heading.content), true);
  }
  slots.sort((a, b) => a.line - b.line || a.range.start.character - b.range.start.character);
  return { slots, roles };
}

function shiftSlots(slots: Slot[], delta: number): Slot[] {
  return slots.map((slot) => ({ ...slot, line: slot.line + delta, range: shiftedRange(slot.range, delta) }));
}

/** The slots of a part of a table's rows (see rowParts), with what else they were read with. */
const partSlots = new PartReadings<Slot[]>();

/**
 * The tokens of one line (its prose view). In a table `TBD` is a value (`Effective: TBD`) or a
 * missing owner, and next to an owner it is the missing owner: neither is a slot.
 */
/** A slot token on a line: its columns, and whether the built-in styles (not only a template's) have it. */
type SlotToken = { start: number; end: number; builtin: boolean };

function tokensOnLine(text: string, inTable: boolean): SlotToken[] {
  const out: SlotToken[] = [];
  if (!MAY_HOLD_MARK.test(text) && !MAY_HOLD_WORD.test(text)) return out;
  const push = (start: number, end: number, builtin: boolean) => {
    if (out.length < MAX_TOKENS_PER_LINE && !out.some((o) => start < o.end && o.start < end)) out.push({ start, end, builtin });
  };
  for (const re of [VARIABLE, ID_SLOT, FORMAT, UNKNOWN, CROSSES, LOREM]) {
    if (!mayMatch(re, text)) continue;
    for (const m of text.matchAll(re)) push(m.index, m.index + m[0].length, true);
  }
  if (!inTable && !/owner/i.test(text)) for (const m of text.matchAll(TO_BE)) push(m.index, m.index + m[0].length, true);
  if (text.includes('<')) {
    for (const m of text.matchAll(ANGLE)) {
      const inner = m[1];
      if (inner.endsWith(' ') || HTML_TAGS.has(inner.split(/[ -]/)[0].toLowerCase())) continue;
      const words = inner.toLowerCase().split(/[ _-]+/);
      push(m.index, m.index + m[0].length, words.length > 1 || SLOT_WORDS.has(words[0]));
    }
  }
  if (text.includes('[')) {
    for (const m of text.matchAll(BRACKET)) {
      const inner = m[1].trim();
      if (inner.length < 3) continue;
      const words = inner.toLowerCase().split(/[ _./-]+/).filter(Boolean);
      const builtin = words.every((w) => SLOT_WORDS.has(w)) || (/^[A-Z][A-Z _]+$/.test(inner) && inner.length > 2);
      push(m.index, m.index + m[0].length, builtin);
    }
  }
  for (const m of text.matchAll(CAPITALS)) {
    const words = m[0].split(/[ _-]/);
    const slot = words.length === 1 ? words[0] === 'PLACEHOLDER' : words.some((w) => CAPITAL_SLOT_WORDS.has(w));
    if (slot) push(m.index, m.index + m[0].length, true);
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A cheap test before a pattern's scan: most lines have none of these characters. */
function mayMatch(re: RegExp, text: string): boolean {
  if (re === VARIABLE) return text.includes('${');
  if (re === UNKNOWN) return text.includes('???');
  if (re === LOREM) return /lorem/i.test(text);
  return true;
}

/** The line after the closing `---` of YAML front matter at the very top, or 0. */
/** Text without the emphasis or code marks around the whole of it: `**Status**` → `Status` (indices only: linear however many). */
function stripMarks(text: string): string {
  const s = text.trim();
  let start = 0;
  let end = s.length;
  for (let again = true; again; ) {
    again = false;
    for (const mark of ['**', '__', '*', '_', '`']) {
      if (end - start > 2 * mark.length && s.startsWith(mark, start) && s.endsWith(mark, end)) {
        start += mark.length;
        end -= mark.length;
        while (start < end && s[start] === ' ') start++;
        while (end > start && s[end - 1] === ' ') end--;
        again = true;
      }
    }
  }
  return s.slice(start, end);
}

/** Wholly in single emphasis: `*Describe the impact.*`, `_…_`, a full stop inside or after. */
function isItalic(text: string): boolean {
  const t = /[*_]\.$/.test(text) ? text.slice(0, -1) : text;
  return t.length > 4 && /^(?:\*[^*]|_[^_])/.test(t) && /(?:[^*]\*|[^_]_)$/.test(t);
}

/** The paragraph's first sentence (up to its first `.`, `!`, `?` or `:` before a space). */
function firstSentence(text: string): string {
  const end = /[.!?:]\s/.exec(text);
  return end ? text.slice(0, end.index + 1) : text;
}

/** A template prompt is a few sentences: a longer paragraph is the writer's own and is not read sentence by sentence. */
const PROMPT_CHARS = 2000;

/** Some sentence of the paragraph starts with an instruction (read only where a sentence starts). */
function hasInstructionSentence(text: string): boolean {
  if (text.length > PROMPT_CHARS) return false;
  if (TEMPLATE_INSTRUCTION.test(text)) return true;
  for (const m of text.matchAll(/[.!?:]\s+/g)) if (TEMPLATE_INSTRUCTION.test(text.slice(m.index + m[0].length, m.index + m[0].length + 40))) return true;
  return false;
}

/** A prompt in any document: an italic question or instruction, an instruction paragraph, examples announced, words about the template. */
function isBuiltinPrompt(text: string, plain: string, block: Block): boolean {
  if (block.inItem) return false;
  const first = firstSentence(plain);
  if (isItalic(text) && (plain.endsWith('?') || TEMPLATE_INSTRUCTION.test(first) || INSTRUCTION.test(first))) return true;
  return INSTRUCTION.test(first) || EXAMPLES_FOLLOW.test(plain) || META.test(first);
}

function isTitleSlot(title: string): boolean {
  // "Title of the incident" is short: a long heading is the writer's own.
  if (title.length > 60) return false;
  const words = title.toLowerCase().split(/[^a-z]+/).filter(Boolean);
  return words.includes('title') && words.every((w) => TITLE_WORDS.has(w));
}

/** An empty `Label:` paragraph is a field when what follows is no content of its own: a heading, the end, or another empty field. */
function endsFieldRun(blocks: Block[], index: number): boolean {
  let k = index + 1;
  while (k < blocks.length && blocks[k].type === 'neutral') k++;
  const next = blocks[k];
  return !next || next.type === 'heading' || ((next.type === 'paragraph' || next.type === 'item') && isFieldLabel(next.content.replace(CHECKBOX, '').trim()) && next.end - next.start === 1);
}

/** A line without its quote marks and white space around. */
function fieldText(line: string): string {
  let start = 0;
  while (start < line.length && (line[start] === ' ' || line[start] === '\t' || line[start] === '>')) start++;
  return line.slice(start).trim();
}

/** A paragraph of `Label: value` lines only (metadata written line by line). */
function isFieldBlock(lines: string[], block: Block): boolean {
  for (let line = block.start; line < block.end; line++) if (!FIELD_LINE.test(fieldText(lines[line]))) return false;
  return true;
}

/** `Label: value` or `**Label:** value`. */
const FIELD_LINE = /^(?:\*\*|__)?[A-Za-z][\w ()&/'’.-]{0,40}(?::(?:\*\*|__)?|(?:\*\*|__):)(?:\s|$)/;

/** `Label:` alone, the label a few words (a longer line ending in a colon introduces what follows). */
function isFieldLabel(text: string): boolean {
  const m = FIELD_ONLY.exec(text);
  return m !== null && m[1].trim().split(/\s+/).length <= 4;
}

