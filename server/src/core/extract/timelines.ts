import type { Token } from 'markdown-it';
import { rowChecker } from '../budget';
import type { Marker, MarkerKind, SectionKind, Table, TableRow, Timeline, TimelineEntry, TimelineSource } from '../model';
import { type CalendarDate, type ClockState, type Placement, TimelineClock, type TimeValue, minutesBetween, numericDateAs, parseDate, parseLeadingTime, parseTime, settleNumericDates, zoneName } from '../time';
import { type Range, type Span, range, shiftedRange, span, trimRuns } from '../text';
import { EVENT_WORDS, type EventKind, MARKER_NAMES, NOT_HAPPENED, isPlaceholder, phrasePattern, plainText } from '../vocabulary';
import { KeptWith, type Memo, type MemoTable } from '../memo';
import { type DocumentContext, ancestorOfKind, sectionAt, viewLine, withinKind } from './context';
import { incidentHeadings } from './incidents';
import { column } from './tables';
import { PartReadings, type RowPart, rowParts } from './row-parts';

const TIME_HEADER = /^(?:date\s*(?:(?:\/|and|&)\s*)?)?(?:time(?:stamp)?|date|when)\b/i;
const EVENT_HEADER = /event|what|note|action|description|detail|happen|impact/i;
const MARKER_HEADER = /marker|milestone|mttd|mttr|phase/i;
/** Tables with a date column that are not timelines. */
const NOT_TIMELINE: SectionKind[] = ['history', 'approval', 'actions', 'followUp'];
/** "All times are in UTC", "times shown in the US/Pacific zone": tried where "time" stands. */
const TIME_WORD = /\btimes?\b/gi;
/** Whether a line may hold a "time" word: every line is asked, so it is made once (a literal is a new object each time it is evaluated). */
const MAY_NAME_TIME = /time/i;
const ZONE_PHRASE = /times?\s+(?:are\s+|is\s+)?(?:(?:shown|given|written|listed)\s+)?(?:in\s+)?(?:the\s+)?([A-Za-z][\w/+:-]*)/iy;

/** Marker words, checked in this order ("Incident declared resolved" is a resolution). */
const MARKER_KINDS: [MarkerKind, RegExp][] = [
  ['start', /\bstart|\bbegin|\bbegan|onset|impact begins/i],
  ['detection', /detect/i],
  ['rootCause', /root\s*cause|diagnos|identif/i],
  ['mitigated', /mitigat/i],
  ['fix', /\bfix|remediat|deploy/i],
  ['restored', /restor|recover/i],
  ['resolved', /resolv|closed|all.clear/i],
  ['acknowledged', /\back/i],
  ['declared', /declar/i],
];

/** A time or date line as found, before it is placed on the calendar. */
type Item =
  | { kind: 'date'; date: CalendarDate; line: number }
  | { kind: 'entry'; value?: TimeValue; time: Span; event: Span; marker?: Marker; startLine: number; endLine: number };

/**
 * Timelines from the timeline table (time, event and marker columns), from ```mermaid
 * `timeline` blocks (`time : event`), from lists whose items start with a time, and from
 * headings that start with a time inside a timeline section (`### 13:35`), as real post-mortems
 * write them. Each timeline is placed on the calendar on its own.
 */
export function extractTimelines(ctx: DocumentContext, tables: Table[], events: EventWords = EVENT_PATTERNS): Timeline[] {
  const timelines = readTimelines(ctx, tables, events, new Set());
  // Several incidents under their own headings: read again if one timeline ran across two of them.
  const incidents = incidentHeadings(ctx.sections, timelines);
  if (incidents.length < 2) return timelines;
  // Incident headings are at one level, so in line order and apart: the last starting at or before the line, if it runs that far.
  const incidentOf = (line: number) => {
    let lo = 0;
    let hi = incidents.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ctx.sections[incidents[mid]].line <= line) lo = mid + 1;
      else hi = mid;
    }
    const i = incidents[lo - 1];
    return i !== undefined && line < ctx.sections[i].endLine ? i : undefined;
  };
  const crosses = timelines.some((t) => t.entries.some((e) => incidentOf(e.startLine) !== incidentOf(t.startLine)));
  return crosses ? readTimelines(ctx, tables, events, new Set(incidents)) : timelines;
}

function readTimelines(ctx: DocumentContext, tables: Table[], events: EventWords, incidents: Set<number>): Timeline[] {
  const groupKey = (line: number) => keyOf(ctx, line, incidents);
  const zone = documentZone(ctx);
  const timelines: Timeline[] = [];
  const dates = dateLines(ctx);
  const add = (source: TimelineSource, items: Item[], section: number | undefined, defaultZone = zone, parts?: PartRun[]) => {
    // Dates in numbers are settled from all of a timeline's; a table whose parts hold none has none to settle.
    const settled = parts && !parts.some((p) => p.read.numeric) && !(items[0]?.kind === 'date' && items[0].date.numeric) ? undefined : settleDates(items);
    // Settling replaces the items it changes: the parts' readings no longer stand for them.
    const runs = settled === undefined ? parts : undefined;
    // Only a table's rows are kept from version to version (their readings are the same objects).
    const entries = place(items, defaultZone, rowChecker(ctx.deadline), source === 'table' ? ctx.memo : undefined, runs);
    markByWords(entries, (e) => entryLines(ctx, source, e), events, ctx.memo, runs);
    if (!entries.length) return;
    const timeline: Timeline = { source, entries, startLine: entries[0].startLine, endLine: entries.reduce((end, e) => Math.max(end, e.endLine), 0), section };
    if (settled === 'unsure') timeline.datesUnknown = true;
    timelines.push(timeline);
  };
  // The latest date line or dated heading of each group, as the tables (in line order) are reached.
  const latest = new Map<number, DateLine>();
  let next = 0;
  for (const table of tables) {
    for (; next < dates.length && dates[next].line < table.startLine; next++) latest.set(groupKey(dates[next].line), dates[next]);
    // A date line or dated heading above the table, in its section, is the day of its rows.
    const date = latest.get(groupKey(table.startLine));
    const items = tableItems(ctx, table, date && { kind: 'date', date: { ...date.date }, line: date.line });
    if (!items) continue;
    add('table', items.items, table.section, items.zone ?? zone, items.parts);
  }
  for (const token of ctx.outline) {
    if (token.type === 'fence' && token.map && /^mermaid\b/i.test(token.info.trim())) {
      const items = mermaidItems(ctx, token);
      if (items) add('mermaid', items, sectionAt(ctx, token.map[0]));
    }
  }
  for (const group of listGroups(ctx, dates, groupKey)) add('list', group.items, group.section);
  for (const group of headingGroups(ctx, incidents)) add('headings', group.items, group.section);
  return timelines.sort((a, b) => a.startLine - b.startLine);
}

/**
 * Dates written in numbers in one timeline settled day or month first (see `settleNumericDates`);
 * those it cannot settle are dropped, leaving the times on an unknown day. The items settled are
 * replaced, not changed: their dates may be a kept row's reading (`rowReads`), which the next
 * version's timeline settles afresh.
 */
function settleDates(items: Item[]): ReturnType<typeof settleNumericDates> {
  const dates: CalendarDate[] = [];
  for (const item of items) {
    const date = item.kind === 'date' ? item.date : item.value?.date;
    if (date) dates.push(date);
  }
  const order = settleNumericDates(dates);
  if (!order) return order;
  const known = order === 'day' || order === 'month' ? order : undefined;
  let kept = 0;
  for (const item of items) {
    if (item.kind === 'date') {
      if (!item.date.numeric) items[kept++] = item;
      else if (known) items[kept++] = { ...item, date: numericDateAs(item.date, known) };
    } else if (item.value?.date?.numeric) {
      const { date, ...rest } = item.value;
      items[kept++] = { ...item, value: known ? { ...rest, date: numericDateAs(date, known) } : rest };
    } else {
      items[kept++] = item;
    }
  }
  items.length = kept;
  return order;
}

/** Event words compiled, in the order their entries are claimed. */
export type EventWords = [EventKind, RegExp][];

/** The order event words claim their entries in. */
const EVENT_ORDER = ['start', 'detection', 'resolved', 'mitigated'] as const;

/** The core's event words with a team's own added (`.postmortemrc.json` `events`), compiled. */
export function eventWords(extra?: Partial<Record<EventKind, readonly string[]>>): EventWords {
  return EVENT_ORDER.flatMap((kind) => {
    const re = phrasePattern([...EVENT_WORDS[kind], ...(extra?.[kind] ?? [])]);
    return re ? [[kind, re] as [EventKind, RegExp]] : [];
  });
}

/** The core's event words, compiled once. */
const EVENT_PATTERNS: EventWords = eventWords();

/** At most this many lines of an entry (a list item, a heading's paragraphs) are read for its words. */
const MAX_ENTRY_LINES = 12;

/** The lines of an entry its words are looked for in: the event cell of a row, the lines of an item or heading section. */
function entryLines(ctx: DocumentContext, source: TimelineSource, entry: TimelineEntry): Span[] {
  if (source === 'table' || source === 'mermaid') return [entry.event];
  const lines: Span[] = [entry.event];
  for (let line = entry.startLine + 1; line < Math.min(entry.endLine, entry.startLine + MAX_ENTRY_LINES); line++) {
    const text = viewLine(ctx, ctx.views.visible, line);
    if (/^[ \t]*#/.test(text)) break;
    lines.push(span(line, text, 0, text.length));
  }
  return lines;
}

/** Where `re`'s first phrase stands in a line's text: its index and words, `denied` when its clause denies it or makes it hypothetical, undefined when there is none. */
type LinePhrase = { at: number; phrase: string } | 'denied' | undefined;

/** A mark or white space other than a plain space: what withoutMarks turns into a space. */
const MARK_OR_SPACE = /[*_`~]|[^\S ]/;
const MARKS_OR_SPACES = /[*_`~]|[^\S ]/g;

/** A text with its marks and white space made single spaces, so that it keeps its length and positions. */
function withoutMarks(text: string): string {
  return MARK_OR_SPACE.test(text) ? text.replace(MARKS_OR_SPACES, ' ') : text;
}

/** How far back from a phrase its clause is read for a denial. */
const CLAUSE_CHARS = 40;

/**
 * Where `re`'s first phrase (phrasePattern: marks read as spaces) stands in a line's text, its words
 * with their marks as spaces; `denied` by the last CLAUSE_CHARS characters of its clause before it.
 */
function phraseInLine(text: string, re: RegExp): LinePhrase {
  const m = re.exec(text);
  if (!m) return undefined;
  const at = m.index;
  let from = at;
  while (from > 0 && from > at - CLAUSE_CHARS && !CLAUSE_END.has(text.charCodeAt(from - 1))) from--;
  return NOT_HAPPENED.test(withoutMarks(text.slice(from, at))) ? 'denied' : { at, phrase: withoutMarks(m[0]) };
}

/** What ends a clause before an event's phrase. */
const CLAUSE_END = new Set([...'.;!?:()'].map((c) => c.charCodeAt(0)));

/**
 * The first phrase in the entry's lines that is neither denied nor hypothetical in its clause ("no
 * alert fired"), as `read` (one kind's words) finds it. Each line is read once per version of its
 * text (`phrases`).
 */
function phraseIn(lines: Span[], phrases: MemoTable<LinePhrase>, read: (text: string) => LinePhrase): { phrase: string; range: Range } | undefined {
  for (const line of lines) {
    const found = phrases.get(line.text, read);
    if (!found) continue;
    if (found === 'denied') return undefined;
    const start = line.range.start.character + found.at;
    return { phrase: found.phrase, range: range(line.range.start.line, start, Math.min(line.range.end.character, start + found.phrase.length)) };
  }
  return undefined;
}

/**
 * Markers from the events' words, for entries without one: for each of start, detection,
 * resolution and mitigation, the first entry whose words name it, unless the timeline marks that
 * kind explicitly or that entry is already marked. Conservative, as a wrong metric is worse than
 * none: nothing when the start is unknown (no readable time of day) or found neither way, when the
 * first naming entry is taken or denies the event ("no alert fired"), and nothing before the start.
 */
function markByWords(entries: TimelineEntry[], linesOf: (entry: TimelineEntry) => Span[], events: EventWords, memo: Memo, runs?: PartRun[]): void {
  const explicit = new Set<MarkerKind>();
  if (runs) for (const run of runs) for (const kind of run.read.marked) explicit.add(kind);
  else for (const e of entries) if (e.marker) explicit.add(e.marker.kind);
  // By the entry's position: a marked entry is replaced, as an entry may be a kept one (see place).
  const found = new Map<number, Marker>();
  for (const [kind, re] of events) {
    if (explicit.has(kind)) continue;
    const phrases = memo.table<LinePhrase>(`phrase:${kind}`, re);
    const read = (text: string) => phraseInLine(text, re);
    const named = (from: number, to: number) => {
      for (let i = from; i < to; i++) if (phraseIn(linesOf(entries[i]), phrases, read)) return i;
      return -1;
    };
    let i = -1;
    // A table's parts each know their first entry that names the kind (a part's entries are its rows').
    if (runs) {
      for (const { read: part, start } of runs) {
        const firstNamed = (part.firstNamed ??= new Map());
        let at = firstNamed.get(re);
        if (at === undefined) firstNamed.set(re, (at = named(start, start + part.entries.length) - start));
        if (at >= 0) {
          i = start + at;
          break;
        }
      }
    } else {
      i = named(0, entries.length);
    }
    if (i < 0) continue;
    const hit = phraseIn(linesOf(entries[i]), phrases, read)!;
    if (!entries[i].marker && !found.has(i)) found.set(i, { kind, label: MARKER_NAMES[kind], range: hit.range, phrase: hit.phrase });
  }
  // Until they are marked by words, entries hold the markers their rows or items write.
  const start = (explicit.has('start') ? entries.find((e) => e.marker?.kind === 'start') : undefined) ?? entries[[...found].find(([, m]) => m.kind === 'start')?.[0] ?? -1];
  const startAt = start?.at;
  if (!startAt || startAt.precision === 'day') return;
  for (const [i, marker] of found) {
    const at = entries[i].at;
    if (!at || at.precision === 'day' || (marker.kind !== 'start' && minutesBetween(startAt, at) < 0)) continue;
    entries[i] = { ...entries[i], marker };
  }
}

/** At most this many words after "time" are read for a zone: "times are shown in the UTC". */
const ZONE_WORDS = 6;
/** And at most this many characters: the longest such phrase, a zone's name included, is far shorter (a 100 KB word after "Time" was read whole, then again with each line added). */
const ZONE_REACH = 200;

/**
 * The zone the document states its times in, as `ZONE_PHRASE` reads it after each "time" word of
 * the visible text, left to right and never overlapping: the first in a timeline section, else the
 * first. Read line by line: from a "time" word on, its line and the lines after it, until they hold
 * more words than the phrase can read, so the phrase reads what it would in the whole text.
 */
function documentZone(ctx: DocumentContext): string | undefined {
  const lines = ctx.views.visible;
  let fallback: string | undefined;
  // Where the last phrase found ends (line, column): a "time" word inside it is not read again.
  let endLine = -1;
  let endColumn = 0;
  for (let line = 0; line < lines.length; line++) {
    const text = lines[line];
    if (!MAY_NAME_TIME.test(text)) continue;
    TIME_WORD.lastIndex = 0;
    for (let m = TIME_WORD.exec(text); m; m = TIME_WORD.exec(text)) {
      if (line < endLine || (line === endLine && m.index < endColumn)) continue;
      let reach = text.slice(m.index, m.index + ZONE_REACH);
      let last = line;
      while (reach.length < ZONE_REACH && last + 1 < lines.length && wordsUpTo(reach, ZONE_WORDS + 1) <= ZONE_WORDS) {
        reach += (ctx.src.text.slice(ctx.src.lineStart(last) + lines[last].length, ctx.src.lineStart(last + 1)) + lines[++last]).slice(0, ZONE_REACH - reach.length);
      }
      ZONE_PHRASE.lastIndex = 0;
      const phrase = ZONE_PHRASE.exec(reach);
      if (!phrase) continue;
      // Where it ends: the lines it ran over, and the column on the last.
      let rest = m.index + phrase[0].length;
      endLine = line;
      while (rest > lines[endLine].length) {
        rest -= ctx.src.lineStart(endLine + 1) - ctx.src.lineStart(endLine);
        endLine++;
      }
      endColumn = rest;
      const zone = zoneName(phrase[1]);
      if (!zone) continue;
      if (withinKind(ctx, line, 'timeline')) return zone;
      fallback ??= zone;
    }
  }
  return fallback;
}

/** White space, made once: a literal is a new object each time it is evaluated, here twice a character. */
const WHITE = /\s/;

/** How many words (runs of non-white space) `text` holds, counted up to `limit`. */
function wordsUpTo(text: string, limit: number): number {
  let count = 0;
  for (let i = 0; i < text.length && count < limit; i++) {
    if (!WHITE.test(text[i]) && (i === 0 || WHITE.test(text[i - 1]))) count++;
  }
  return count;
}

/** A timeline table's items, `day` (the date above it) first, and the parts its entries were read in. */
function tableItems(ctx: DocumentContext, table: Table, day?: Item): { items: Item[]; zone?: string; parts: PartRun[] } | undefined {
  const header = table.header.cells;
  const timeColumn = header.slice(0, 2).findIndex((c) => TIME_HEADER.test(plainText(c.text)));
  if (timeColumn < 0 || header.length < 2) return undefined;
  const inTimeline = withinKind(ctx, table.startLine, 'timeline');
  let eventColumn = column(table, EVENT_HEADER);
  if (!inTimeline && eventColumn < 0) return undefined;
  if (NOT_TIMELINE.some((k) => withinKind(ctx, table.startLine, k))) return undefined;
  if (eventColumn < 0 || eventColumn === timeColumn) eventColumn = timeColumn === 0 ? 1 : 0;
  const markerColumn = column(table, MARKER_HEADER);
  const headerText = header[timeColumn].text;
  const zone = zoneName(parenthesised(headerText) ?? /\bin\s+(\S+)\s*$/i.exec(headerText)?.[1] ?? '');
  const parts: PartRun[] = [];
  let count = 0;
  const tick = rowChecker(ctx.deadline);
  const columns = `${timeColumn} ${eventColumn} ${markerColumn}`;
  const readOnce = (row: TableRow) => readRow(row, timeColumn, eventColumn, markerColumn, columns);
  const readPart = (part: RowPart) => {
    const read: PartRead = { entries: [], numeric: false, marked: new Set() };
    for (const row of part.rows) {
      tick();
      // A kept row, in a part made anew, reads as it did with the same columns.
      let reading = rowReads.get(ctx.memo, row, readOnce);
      if (reading.columns !== columns) reading = readRow(row, timeColumn, eventColumn, markerColumn, columns);
      const entry = reading.entry;
      if (!entry) continue;
      read.entries.push(entry);
      if (entry.value?.date?.numeric) read.numeric = true;
      if (entry.marker) read.marked.add(entry.marker.kind);
    }
    return read;
  };
  // A part a line moved: its entries moved, on its rows' cells, their times as they were read.
  const shiftPart = (read: PartRead, delta: number, part: RowPart): PartRead => {
    const first = part.rows[0].line;
    const entries = read.entries.map((e): Item & { kind: 'entry' } => {
      const { time, event } = rowSpans(part.rows[e.startLine + delta - first], timeColumn, eventColumn);
      const marker = e.marker && { ...e.marker, range: shiftedRange(e.marker.range, delta) };
      return { kind: 'entry', value: e.value, time, event, marker, startLine: e.startLine + delta, endLine: e.endLine + delta };
    });
    return { entries, numeric: read.numeric, marked: read.marked, ...(read.firstNamed ? { firstNamed: new Map(read.firstNamed) } : {}) };
  };
  for (const part of rowParts(table.rows, ctx.memo)) {
    tick();
    // So does a kept part (the same rows), and one a line moved, moved.
    const read = partReads.get(ctx.memo, part, columns, readPart, shiftPart);
    if (!read.entries.length) continue;
    parts.push({ read, start: count });
    count += read.entries.length;
  }
  // Made at its length: a thousand entries pushed make the array about three times over.
  const items = new Array<Item>(count + (day ? 1 : 0));
  let n = 0;
  if (day) items[n++] = day;
  for (let p = 0; p < parts.length; p++) {
    const { entries } = parts[p].read;
    for (let e = 0; e < entries.length; e++) items[n++] = entries[e];
  }
  return { items, zone, parts };
}

/** What a part of a timeline table's rows reads as (see rowParts). */
interface PartRead {
  entries: (Item & { kind: 'entry' })[];
  /** Whether a time holds a date written in numbers, which the timeline settles with its others (settleDates). */
  numeric: boolean;
  /** The marker kinds its rows write. */
  marked: Set<MarkerKind>;
  /** The index of its first entry whose event names an event kind, by the kind's words (markByWords). */
  firstNamed?: Map<RegExp, number>;
}

/** A part's reading and the index of its first entry in its timeline's entries. */
interface PartRun {
  read: PartRead;
  start: number;
}

/** Each part's reading, by the columns it was read with. */
const partReads = new PartReadings<PartRead>();

/** What a timeline table's row reads as, with the columns it was read with (an item is not changed once made: see settleDates). */
interface RowRead {
  columns: string;
  entry?: Item & { kind: 'entry' };
}

/** The reading of each row, kept while the row is (a row is kept from version to version where its line did not change). */
const rowReads = new KeptWith<TableRow, RowRead>();

function readRow(row: TableRow, timeColumn: number, eventColumn: number, markerColumn: number, columns: string): RowRead {
  if (row.cells.every((c) => !c.text)) return { columns };
  const { time, event } = rowSpans(row, timeColumn, eventColumn);
  const markerCell = markerColumn >= 0 && markerColumn !== eventColumn ? row.cells[markerColumn] : undefined;
  const marker = markerCell?.text ? markerOf(markerCell.text.replace(/^\s*(?:←|<-{1,2})\s*/, ''), markerCell.range) : inlineMarker(event);
  return { columns, entry: { kind: 'entry', value: parseTime(bare(time.text)), time, event, marker, startLine: row.line, endLine: row.line + 1 } };
}

/** A timeline row's time and event cells (empty where the row has fewer cells). */
function rowSpans(row: TableRow, timeColumn: number, eventColumn: number): { time: Span; event: Span } {
  const time = row.cells[timeColumn] ?? { text: '', range: range(row.line, 0, 0) };
  return { time, event: row.cells[eventColumn] ?? { text: '', range: time.range } };
}

/** Mermaid `timeline` entries: `time : event [: event]`, with `: event` continuation lines. */
function mermaidItems(ctx: DocumentContext, token: Token): Item[] | undefined {
  const [from, to] = token.map!;
  let first = from + 1;
  while (first < to && !ctx.src.lines[first].trim()) first++;
  if (first >= to || ctx.src.lines[first].trim() !== 'timeline') return undefined;
  const items: Item[] = [];
  for (let line = first + 1; line < to; line++) {
    const text = viewLine(ctx, ctx.views.visible, line);
    const trimmed = text.trim();
    if (!trimmed || /^(title|section|%%|accTitle|accDescr|```|~~~)/.test(trimmed)) continue;
    const last = items[items.length - 1];
    if (trimmed.startsWith(':')) {
      if (last?.kind === 'entry') last.endLine = line + 1;
      continue;
    }
    const sep = /:(?=\s|$)/.exec(text);
    const timeEnd = sep ? sep.index : text.length;
    const time = span(line, text, 0, timeEnd);
    const event = span(line, text, sep ? sep.index + 1 : text.length, text.length);
    items.push({ kind: 'entry', value: parseTime(bare(time.text).replace(/^(\d{1,2})[.h](\d{2})$/, '$1:$2')), time, event, marker: inlineMarker(event), startLine: line, endLine: line + 1 });
  }
  return items;
}

interface Group {
  items: Item[];
  section?: number;
}

interface DateLine {
  line: number;
  date: CalendarDate;
}

/** Date lines outside lists (`2019-01-22`, `**07-05-2026**`, `2019-10-08:`) and dated headings (`### Thur 3 Nov 2016`), in order. */
function dateLines(ctx: DocumentContext): DateLine[] {
  const dates: DateLine[] = [];
  const tokens = ctx.outline;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') depth++;
    else if (t.type === 'bullet_list_close' || t.type === 'ordered_list_close') depth--;
    else if (t.type === 'paragraph_open' && t.map && depth === 0) {
      const date = parseDate(dateText(viewLine(ctx, ctx.views.visible, t.map[0])), true);
      if (date && t.map[1] - t.map[0] === 1) dates.push({ line: t.map[0], date });
    } else if (t.type === 'heading_open' && t.map) {
      const date = parseDate(dateText(tokens[i + 1]?.content ?? ''), true);
      if (date) dates.push({ line: t.map[0], date });
    }
  }
  return dates;
}

/** A date line's text without emphasis, a closing colon or a remark: `**2019-10-08:**`, `2024-03-13 (all times in UTC)` → the date. */
function dateText(text: string): string {
  let b = bare(text);
  const open = b.endsWith(')') ? b.lastIndexOf('(') : -1;
  if (open > 0) b = bare(b.slice(0, open));
  return b.endsWith(':') ? bare(b.slice(0, -1)) : b;
}

interface Group {
  items: Item[];
  section?: number;
}

interface Candidate {
  items: Item[];
  total: number;
}

/**
 * Lists whose items start with a time, at least half of them, and top-level paragraphs whose lines
 * start with one (`1324 : …`, `7:32 PM - …` under a date line). Lists and paragraphs in the same
 * timeline section (or, outside one, the same section) form one timeline, with date lines between
 * them ("2019-01-22" above a list of "2:54 PM" items) setting the day; a list split in pieces by an
 * image or a code block stays one timeline. A section needs two timed entries to hold a timeline.
 */
function listGroups(ctx: DocumentContext, dates: DateLine[], groupKey: (line: number) => number): Group[] {
  const candidates = new Map<number, Candidate[]>();
  const stack: Candidate[] = [];
  const tokens = ctx.outline;
  const tick = rowChecker(ctx.deadline);
  let quotes = 0;
  const keep = (line: number, candidate: Candidate) => {
    const key = groupKey(line);
    const list = candidates.get(key);
    if (list) list.push(candidate);
    else candidates.set(key, [candidate]);
  };
  for (let i = 0; i < tokens.length; i++) {
    tick();
    const t = tokens[i];
    if (t.type === 'blockquote_open') quotes++;
    else if (t.type === 'blockquote_close') quotes--;
    else if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') {
      stack.push({ items: [], total: 0 });
    } else if (t.type === 'list_item_open' && t.map) {
      stack[stack.length - 1].total++;
      const item = listEntry(ctx, t.map[0], t.map[1]);
      if (item) stack[stack.length - 1].items.push(item);
    } else if ((t.type === 'bullet_list_close' || t.type === 'ordered_list_close') && stack.length) {
      const list = stack.pop()!;
      if (list.items.length && list.items.length * 2 >= list.total) keep((list.items[0] as { startLine: number }).startLine, list);
    } else if (t.type === 'paragraph_open' && t.map && stack.length === 0 && quotes === 0) {
      const items = paragraphEntries(ctx, t.map[0], t.map[1]);
      if (items.length) keep(t.map[0], { items, total: items.length });
    }
  }
  const datesOf = new Map<number, DateLine[]>();
  for (const d of dates) {
    const key = groupKey(d.line);
    const list = datesOf.get(key);
    if (list) list.push(d);
    else datesOf.set(key, [d]);
  }
  const groups: Group[] = [];
  for (const [key, lists] of candidates) {
    let items: Item[] = [];
    // Not push(...items): a list of many thousand items would overflow the stack.
    for (const list of lists) for (const item of list.items) items.push(item);
    // Outside a timeline section, entries that all read as years (`- 2019: migrated`) are a list of years.
    if (items.every(yearLike) && !withinKind(ctx, (items[0] as { startLine: number }).startLine, 'timeline')) items = [];
    if (items.length < 2) continue;
    const first = (items[0] as { startLine: number }).startLine;
    groups.push(withDates({ items, section: sectionAt(ctx, first) }, datesOf.get(key) ?? []));
  }
  return groups;
}

/** The lines of a top-level paragraph that start with a time, each an entry up to the next one. */
function paragraphEntries(ctx: DocumentContext, startLine: number, endLine: number): Item[] {
  const items: Item[] = [];
  for (let line = startLine; line < endLine; line++) {
    const text = viewLine(ctx, ctx.views.visible, line);
    const lead = /^[ \t]*/.exec(text)![0].length;
    const item = leadingTimeEntry(text, line, lead, line + 1);
    // A date alone is a date line, not an entry.
    if (item?.kind === 'entry' && (item.value?.seconds !== undefined || item.value?.problem)) {
      const last = items[items.length - 1];
      if (last?.kind === 'entry') last.endLine = line;
      items.push(item);
    } else if (line === startLine) return [];
  }
  const last = items[items.length - 1];
  if (last?.kind === 'entry') last.endLine = endLine;
  return items;
}

/**
 * Entries that belong together: those in the same timeline section, else the same section, and
 * never across an incident heading (`## Incident 2`, `### 2022-01-25: second outage`).
 */
function keyOf(ctx: DocumentContext, line: number, incidents: Set<number>): number {
  const section = sectionAt(ctx, line);
  for (let i = section; i !== undefined; i = ctx.sections[i].parent) {
    if (ctx.sections[i].kind === 'timeline' || incidents.has(i)) return i;
  }
  return section ?? -1;
}

function listEntry(ctx: DocumentContext, startLine: number, endLine: number): Item | undefined {
  const text = viewLine(ctx, ctx.views.visible, startLine);
  const lead = /^[ \t]*(?:(?:>[ \t]?)*>[ \t]*)?(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]?\][ \t]+)?/.exec(text);
  if (!lead) return undefined;
  return leadingTimeEntry(text, startLine, lead[0].length, endLine);
}

/** A four-digit time that reads as a recent year as well (`2019:` is 20:19 or the year 2019). */
function yearLike(item: Item): boolean {
  if (item.kind !== 'entry' || !item.value?.military || item.value.seconds === undefined) return false;
  const hhmm = Math.floor(item.value.seconds / 3600) * 100 + (Math.floor(item.value.seconds / 60) % 60);
  return hhmm >= 1950 && hhmm <= 2099;
}

/** Headings inside a timeline section that start with a time: `### 2018-01-18 4:19`, `### 13:35`. */
function headingGroups(ctx: DocumentContext, incidents: Set<number>): Group[] {
  const groups = new Map<number, Group>();
  for (const section of ctx.sections) {
    if (section.parent === undefined || ancestorOfKind(ctx, section.parent, 'timeline') === undefined) continue;
    const owner = keyOf(ctx, ctx.sections[section.parent].line, incidents);
    const text = viewLine(ctx, ctx.views.visible, section.line);
    const lead = /^[ \t]*#{1,6}[ \t]+/.exec(text);
    const group = groups.get(owner) ?? { items: [], section: owner };
    const date = lead ? parseDate(dateText(text.slice(lead[0].length)), true) : undefined;
    const item = date ? ({ kind: 'date', date, line: section.line } as const) : lead && leadingTimeEntry(text, section.line, lead[0].length, section.endLine);
    if (!item) continue;
    group.items.push(item);
    groups.set(owner, group);
  }
  return [...groups.values()].filter((g) => g.items.filter((i) => i.kind === 'entry').length >= 2);
}

/** An entry whose text starts with a time, followed by a separator and the event. */
function leadingTimeEntry(text: string, line: number, start: number, endLine: number): Item | undefined {
  const emphasis = /^(?:\*\*|__|\*|_|`|\[)?/.exec(text.slice(start))![0].length;
  const value = parseLeadingTime(text.slice(start + emphasis));
  if (!value || value.seconds === undefined && !value.date) return undefined;
  const timeEnd = start + emphasis + value.length;
  const rest = text.slice(timeEnd);
  if (!/^(?:\*\*|__|\*|_|`|\])?(?:\s|$|[:\-–—|),.])/.test(rest)) return undefined;
  const closing = /^(?:\*\*|__|\*|_|`|\]\([^)]*\)|\])?/.exec(rest)![0].length;
  const time = span(line, text, start + emphasis, timeEnd);
  const eventStart = timeEnd + closing + /^\s*[:\-–—|,.]?\s*/.exec(rest.slice(closing))![0].length;
  const event = span(line, text, eventStart, text.length);
  return { kind: 'entry', value, time, event, marker: inlineMarker(event), startLine: line, endLine };
}

function withDates(group: Group, dates: DateLine[]): Group {
  const items = [...group.items, ...dates.map((d) => ({ kind: 'date', line: d.line, date: { ...d.date } }) as Item)];
  const lineOf = (i: Item) => (i.kind === 'date' ? i.line : i.startLine);
  return { ...group, items: items.sort((a, b) => lineOf(a) - lineOf(b)) };
}

function place(items: Item[], zone: string | undefined, tick: () => void, memo?: Memo, runs?: PartRun[]): TimelineEntry[] {
  // A kept row's time placed, and its entry: the same time placed from the same clock, at the same
  // index, is the same entry (entries are not changed once made: markByWords replaces those it marks).
  const placements = memo?.byKept<TimeValue, Placement>('placements');
  const placedEntries = memo?.byKept<Item, TimelineEntry>('timeline-entries');
  // And a kept part's entries, placed from the same clock at the same index: the same entries.
  const placedParts = runs && memo?.byKept<PartRead, PlacedPart>('placed-parts');
  const clock = new TimelineClock(zone);
  // Made at its most (a date line is no entry) and cut to its length: pushing a thousand would make it three times over.
  const entries = new Array<TimelineEntry>(items.length);
  let n = 0;
  const placeOne = (item: Item & { kind: 'entry' }) => {
    const placeholder = isPlaceholder(item.time.text);
    const at = item.value && !placeholder ? clock.place(item.value, placements) : undefined;
    // A time that reads but cannot be placed is on a day that does not exist (February 30).
    const problem = placeholder ? undefined : (item.value?.problem ?? (item.value && !at && item.value.date ? ({ kind: 'date' } as const) : undefined));
    const index = n + 1;
    const before = placedEntries?.get(item);
    if (before && before.index === index && before.at === at && before.problem === problem) {
      entries[n++] = before;
      return;
    }
    const { time, event, marker, startLine, endLine } = item;
    // Two literals rather than a spread: this runs for every entry of every timeline at every keystroke.
    const entry: TimelineEntry = problem ? { index, time, at, problem, placeholder, event, marker, startLine, endLine } : { index, time, at, placeholder, event, marker, startLine, endLine };
    placedEntries?.set(item, entry);
    entries[n++] = entry;
  };
  let run = 0;
  for (let i = 0; i < items.length; i++) {
    tick();
    const item = items[i];
    if (item.kind === 'date') {
      clock.setDate(item.date);
      continue;
    }
    const part = runs?.[run];
    if (!placedParts || part?.start !== n) {
      placeOne(item);
      continue;
    }
    run++;
    const read = part.read;
    i += read.entries.length - 1;
    const before = placedParts.get(read);
    if (before && before.index === n && clock.is(before.clock)) {
      for (let e = 0; e < before.entries.length; e++) entries[n++] = before.entries[e];
      clock.set(before.after);
      continue;
    }
    const from = n;
    const state = clock.state();
    for (let e = 0; e < read.entries.length; e++) placeOne(read.entries[e]);
    placedParts.set(read, { index: from, clock: state, after: clock.state(), entries: entries.slice(from, n) });
  }
  entries.length = n;
  return entries;
}

/** A part's entries as placed, with the clock before and after them, and the index of its first. */
interface PlacedPart {
  index: number;
  clock: ClockState;
  after: ClockState;
  entries: TimelineEntry[];
}

/** A time cell without emphasis, code marks or a link around it. */
function bare(text: string): string {
  return trimRuns(text, /[*_`[\s]/, /[*_`\]\s]/);
}

function markerOf(label: string, r: Range): Marker {
  const text = withoutAside(label).trim();
  const kind = MARKER_KINDS.find(([, re]) => re.test(text))?.[0] ?? 'other';
  return { kind, label: label.trim(), range: r };
}

/** `**Detection:** We received alerts…`: a bold label of one or two words that names a marker, at the start of the event. */
const LEAD_LABEL = /^\s*(\*\*|__)([A-Za-z]+(?: [A-Za-z]+)?)(?::\1|\1:)/;

function leadMarker(event: Span): Marker | undefined {
  const m = LEAD_LABEL.exec(event.text);
  if (!m) return undefined;
  const start = event.range.start.character + m[0].length - m[0].trimStart().length;
  const marker = markerOf(m[2], range(event.range.start.line, start, event.range.start.character + m[0].length));
  return marker.kind === 'other' ? undefined : marker;
}

/**
 * The marker after the event's last arrow (`← Detected`, `<- Resolved (all regions)`), one closing
 * parenthesis and white space dropped; none when the last `←` or `<` is not such an arrow. Found
 * from the end, as a regex anchored there would retry from every character.
 */
function inlineMarker(event: Span): Marker | undefined {
  const { text } = event;
  const arrow = Math.max(text.lastIndexOf('←'), text.lastIndexOf('<'));
  if (arrow < 0) return leadMarker(event);
  const length = text[arrow] === '←' ? 1 : text.startsWith('<--', arrow) ? 3 : text.startsWith('<-', arrow) ? 2 : 0;
  if (!length) return undefined;
  let label = text.slice(arrow + length).trim();
  if (label.endsWith(')')) label = label.slice(0, -1).trimEnd();
  if (!label) return undefined;
  const start = event.range.start.character + arrow;
  return markerOf(label, range(event.range.start.line, start, event.range.end.character));
}

/** The text inside the first `(…)` that holds something (`Time (UTC)` → `UTC`), as `/\(([^)]+)\)/` finds it. */
function parenthesised(text: string): string | undefined {
  let close = -1;
  for (let open = text.indexOf('('); open >= 0; open = text.indexOf('(', open + 1)) {
    // The first `)` after an earlier `(` is still the first after this one when it lies beyond it.
    if (close <= open) close = text.indexOf(')', open + 1);
    if (close < 0) return undefined;
    if (close > open + 1) return text.slice(open + 1, close);
  }
  return undefined;
}

/** `label` without its aside: from the first `(` to the last `)` on that line, as `/\(.*\)/` drops it. */
function withoutAside(label: string): string {
  for (let open = label.indexOf('('); open >= 0; ) {
    let eol = open;
    while (eol < label.length && !LINE_BREAK.test(label[eol])) eol++;
    let close = eol - 1;
    while (close > open && label[close] !== ')') close--;
    if (close > open) return label.slice(0, open) + label.slice(close + 1);
    open = label.indexOf('(', eol);
  }
  return label;
}

const LINE_BREAK = /[\n\r\u2028\u2029]/;
