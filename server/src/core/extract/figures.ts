import { readFigure } from '../duration';
import type { Approximation, FigureEvent, FigureKind, KeyEvent, KeyEventKind, StatedFigure, StatedMetric, Timeline, WindowFigure } from '../model';
import { TimelineClock, minutesBetween, parseLeadingTime } from '../time';
import type { StatedDuration } from '../duration';
import { type Position, range, trimRuns } from '../text';
import { type DocumentContext, viewLine } from './context';

/**
 * Figures stated in prose, lists, headings and tables, read with their meaning: "down for 66
 * minutes", "unavailable for about 45 minutes", "lasted for at least seven hours", "caused 40min of
 * total outage", `Incident Duration | 3h 45m`, "Detection delay: 12 minutes", "the alert fired two
 * minutes after", "restored service within 90 minutes". A figure is a stated metric only when the
 * words next to it say which one; "a 5 minute deploy", "retention of 30 days" and "every 10
 * minutes" say none and are not read. Timeline entries (events of their own) and action items
 * (thresholds and plans) are not read; the template's metric fields are `statedMetrics`.
 */
export function extractStatedFigures(ctx: DocumentContext, timelines: Timeline[], statedMetrics: StatedMetric[]): { statedFigures: StatedFigure[]; windowFigures: WindowFigure[]; keyEvents: KeyEvent[] } {
  const skip = new Uint8Array(ctx.src.lineCount);
  for (const timeline of timelines) {
    for (const entry of timeline.entries) skip.fill(1, entry.startLine, entry.endLine);
  }
  for (const section of ctx.sections) {
    const title = section.title.toLowerCase();
    if (PLAN_TITLES.some((w) => title.includes(w))) skip.fill(1, section.line + 1, section.endLine);
  }
  const fields = new Map<number, StatedMetric[]>();
  for (const metric of statedMetrics) fields.set(metric.field.line, [...(fields.get(metric.field.line) ?? []), metric]);

  const paragraph = new Int32Array(ctx.src.lineCount).fill(-1);
  for (const token of ctx.outline) {
    if (token.type === 'paragraph_open' && token.map) paragraph.fill(token.map[0], token.map[0], token.map[1]);
  }
  const sameParagraph = (other: number, line: number) => other >= 0 && other < ctx.src.lineCount && paragraph[line] >= 0 && paragraph[other] === paragraph[line] && !skip[other];

  const figures: StatedFigure[] = [];
  const windows: WindowFigure[] = [];
  const keyEvents: KeyEvent[] = [];
  const scans = ctx.memo.table<LineScan>('figure-scan');
  // A function of its own, not the loop's body: a closure over the loop's `line` made V8 allocate its context at every line, figure or not.
  const readMarks = (line: number, text: string, marks: LineScan['marks']): void => {
    const onLine = fields.get(line);
    let used: Set<StatedMetric> | undefined;
    for (const mark of marks) {
      const { pos } = mark;
      if ('window' in mark) {
        const { window } = mark;
        windows.push({ ...window, line, text: ctx.src.lines[line].slice(pos, window.end), window: ctx.src.lines[line].slice(pos, window.windowEnd), figure: range(line, window.stated.start, window.stated.end) });
        continue;
      }
      const { stated } = mark;
      const field = onLine?.find((m) => m.field.value.range.start.character <= pos && pos < m.field.value.range.end.character);
      // The field's own value is checked as the template's metric field; another figure after it is read on its own.
      if (field?.stated && pos === field.field.value.range.start.character + field.stated.start) continue;
      // A hard-wrapped paragraph says what a figure is on the lines around it too ("failed for just over\nnine hours").
      // Only REACH characters each side are read, so that a long line with many figures stays linear.
      const lo = Math.max(0, stated.start - REACH);
      const hi = Math.min(text.length, stated.end + REACH);
      const lead = lo === 0 && sameParagraph(line - 1, line) ? viewLine(ctx, ctx.views.prose, line - 1).slice(-REACH) : undefined;
      const tail = hi === text.length && sameParagraph(line + 1, line) ? viewLine(ctx, ctx.views.prose, line + 1).slice(0, REACH) : undefined;
      const leadStart = lead === undefined ? 0 : ctx.src.lines[line - 1].length - lead.length;
      const shift = lead === undefined ? -lo : lead.length + 1;
      const join = (before: string | undefined, middle: string, after: string | undefined) => `${before === undefined ? '' : `${before}\n`}${middle}${after === undefined ? '' : `\n${after}`}`;
      const around = join(lead, text.slice(lo, hi), tail);
      const source = join(lead === undefined ? undefined : ctx.src.lines[line - 1].slice(leadStart), ctx.src.lines[line].slice(lo, hi), tail === undefined ? undefined : ctx.src.lines[line + 1].slice(0, tail.length));
      const leadLength = lead === undefined ? 0 : lead.length + 1;
      const positionOf = (offset: number): Position =>
        offset < leadLength ? { line: line - 1, character: leadStart + offset } : offset - shift <= hi ? { line, character: offset - shift } : { line: line + 1, character: offset - shift - hi - 1 };
      const read = readMeaning(around, stated.start + shift, stated.end + shift);
      let kind = read?.kind;
      let label = read?.label;
      if (field && !field.stated && !used?.has(field)) {
        (used ??= new Set()).add(field);
        if (!kind) {
          kind = field.kind;
          label = field.field.label;
        }
      }
      if (!kind) continue;
      const approximation = read?.approximation ?? { kind: 'exact' as const, start: stated.start + shift };
      const written = oneLine(source.slice(approximation.start, stated.end + shift));
      figures.push({
        kind,
        line,
        stated,
        approximation: approximation.kind,
        ...(approximation.word ? { approximationWord: oneLine(approximation.word) } : {}),
        text: written,
        range: { start: positionOf(approximation.start), end: { line, character: stated.end } },
        figure: range(line, stated.start, stated.end),
        statement: label === undefined ? oneLine(source.slice(read!.from, read!.to).replace(/[*_`]/g, '')) : `${label}: ${written}`,
        ...(read?.event ? { event: read.event } : {}),
        ...(read?.attributive ? { attributive: true } : {}),
      });
    }
  };
  for (let line = 0; line < ctx.src.lineCount; line++) {
    if (skip[line]) continue;
    const text = viewLine(ctx, ctx.views.prose, line);
    if (!DIGIT_OR_WORD.test(text)) continue;
    ctx.deadline?.check();
    const scan = scans.get(text, scanLine);
    const keyEvent = scan.keyEvent;
    if (keyEvent && !hasKind(keyEvents, keyEvent.kind)) keyEvents.push({ kind: keyEvent.kind, label: keyEvent.label, time: keyEvent.time, at: keyEvent.at, line });
    if (scan.marks.length) readMarks(line, text, scan.marks);
  }
  return { statedFigures: figures, windowFigures: windows, keyEvents };
}

/**
 * What a line's text alone says: a key event, the time windows and the figures in it, in the order
 * they are read. Kept by the line's text from one version to the next (a keystroke changes one
 * line, and the others are read as they were); what a figure means is read around it, by the caller.
 */
interface LineScan {
  keyEvent?: Omit<KeyEvent, 'line'>;
  /** Where each window or figure starts in the line. */
  marks: ({ pos: number; window: WindowRead } | { pos: number; stated: StatedDuration })[];
}

const NOTHING: LineScan = { marks: [] };

/**
 * At most this many numbers (and number words) of a line are read for a figure: a sentence states
 * a few, and each costs a dozen patterns' tries; a line of hundreds is data (a log, a list of
 * IDs) or junk (a 100 KB line of `1%` took four times a whole post-mortem's analysis).
 */
const MAX_NUMBERS_PER_LINE = 100;

function scanLine(text: string): LineScan {
  const keyEvent = readKeyEvent(text);
  let marks: LineScan['marks'] | undefined;
  let numbers = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const pos = m.index;
    if (pos > 0 && IN_WORD.test(text[pos - 1])) continue;
    const numeral = DIGIT.test(m[0][0]);
    if (!numeral && !FIGURE_WORDS.has(m[0].toLowerCase())) continue;
    if (++numbers > MAX_NUMBERS_PER_LINE) break;
    const window = numeral ? readWindow(text, pos) : undefined;
    if (window) {
      (marks ??= []).push({ pos, window });
      // The length may be a stated metric too ("Duration: 21:45 to 23:28 UTC (103 minutes)"): it is read next.
      WORD.lastIndex = window.stated.start;
      continue;
    }
    const stated = readFigure(text, pos);
    if (!stated) continue;
    WORD.lastIndex = stated.end;
    (marks ??= []).push({ pos, stated });
  }
  if (!keyEvent && !marks) return NOTHING;
  return { ...(keyEvent ? { keyEvent } : {}), marks: marks ?? [] };
}

function hasKind(keyEvents: KeyEvent[], kind: KeyEventKind): boolean {
  for (let i = 0; i < keyEvents.length; i++) if (keyEvents[i].kind === kind) return true;
  return false;
}

const KEY_EVENTS = new Map<string, KeyEventKind>([
  ['incident start', 'start'], ['impact start', 'start'], ['start of impact', 'start'], ['incident started', 'start'], ['impact started', 'start'],
  ['first detected', 'detected'], ['detected', 'detected'], ['incident declared', 'declared'], ['declared', 'declared'],
  ['mitigated', 'mitigated'], ['repaired', 'repaired'], ['restored', 'restored'], ['service restored', 'restored'], ['resolved', 'resolved'],
]);
const LIST_MARKER = /^[ \t]*(?:[-*+][ \t]+)?/;
/** Around a key event's label: `**Detected:**`. */
const LABEL_EDGE = /[\s*_:]/;

/** `- First detected: 2023-09-18 13:42`, `- **Resolved** 2023-09-20 19:18`: a key event's label and a time with its date, alone on a line. */
function readKeyEvent(text: string): Omit<KeyEvent, 'line'> | undefined {
  const from = LIST_MARKER.exec(text)![0].length;
  let digit = from;
  while (digit < text.length && digit - from <= 40 && !(text[digit] >= '0' && text[digit] <= '9')) digit++;
  if (digit >= text.length || digit - from > 40) return undefined;
  const label = trimRuns(text.slice(from, digit), LABEL_EDGE);
  const kind = KEY_EVENTS.get(label.toLowerCase());
  if (!kind) return undefined;
  const value = parseLeadingTime(text.slice(digit, digit + TIME_REACH));
  if (!value?.date?.year || value.seconds === undefined || text.slice(digit + value.length).trim() !== '') return undefined;
  const at = new TimelineClock().place(value);
  return at && { kind, label, time: text.slice(digit, digit + value.length).trim(), at };
}

/** Lines of a paragraph joined as one: "failed for just over\nnine hours" → "failed for just over nine hours". */
function oneLine(text: string): string {
  return text.split('\n').map((l, i, all) => (i === 0 ? l.trimEnd() : i === all.length - 1 ? l.trimStart() : l.trim())).join(' ');
}

const RANGE_JOIN = /\s*(?:to|until|till|through|and|[-–—])\s*/iy;
const OPEN_PAREN = /[ \t]*\(\s*/y;
const CLOSE_PAREN = /\s*\)/y;
/** How much of a line a time may take up: "September 18, 2023, 11:42 PM PDT" fits. */
const TIME_REACH = 48;

type WindowRead = { minutes: number | null; stated: StatedDuration; end: number; windowEnd: number };

/** `21:45 to 23:28 UTC (103 minutes)`, `2019-02-25 23:04 - 2019-02-26 08:12 (9h 8m)`: a time range followed by its length in parentheses. */
function readWindow(text: string, pos: number): WindowRead | undefined {
  const first = parseLeadingTime(text.slice(pos, pos + TIME_REACH));
  if (!first || first.seconds === undefined) return undefined;
  RANGE_JOIN.lastIndex = pos + first.length;
  const join = RANGE_JOIN.exec(text);
  if (!join) return undefined;
  const secondAt = pos + first.length + join[0].length;
  const second = parseLeadingTime(text.slice(secondAt, secondAt + TIME_REACH));
  if (!second || second.seconds === undefined) return undefined;
  const windowEnd = secondAt + second.length;
  OPEN_PAREN.lastIndex = windowEnd;
  const open = OPEN_PAREN.exec(text);
  if (!open) return undefined;
  const stated = readFigure(text, windowEnd + open[0].length);
  if (!stated) return undefined;
  CLOSE_PAREN.lastIndex = stated.end;
  const close = CLOSE_PAREN.exec(text);
  if (!close) return undefined;
  let minutes: number | null = null;
  if (!first.zone || !second.zone || first.zone === second.zone) {
    const clock = new TimelineClock(second.zone ?? first.zone);
    const from = clock.place(first);
    const to = clock.place(second);
    if (from && to && to.epoch >= from.epoch) minutes = minutesBetween(from, to);
  }
  return { minutes, stated, end: stated.end + close[0].length, windowEnd };
}

/** Section titles of plans rather than accounts: "every 5 minutes" or "page within 10 minutes" there is a target. */
const PLAN_TITLES = ['action', 'follow', 'next step', 'prevent', 'remediation', 'corrective', 'todo', 'to do', 'improvement', 'recommendation'];

const DIGIT_OR_WORD = /\d|\b(?:an?|half|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety)\s/i;
const WORD = /[0-9A-Za-z]+/g;
/** Before a word, what makes it part of a longer one (`v2.5`, `10:30`). Regular expressions read at every line are made once: a literal is a new object each time it is evaluated. */
const IN_WORD = /[\w.:]/;
const DIGIT = /\d/;
const FIGURE_WORDS = new Set([
  'a', 'an', 'half', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen',
  'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety',
]);

/** A token of the words around a figure: a lower-case word, `.` for the end of a sentence or clause, `,`, or `~`. */
type Token = { word: string; start: number; end: number };

const TOKEN = /[a-z0-9']+|[.;!?]|,|[~≈]/gi;
/** How far around a figure its words are looked for: enough for "restored service within", never the whole line. */
const REACH = 120;

function tokens(text: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = from;
  for (let m = TOKEN.exec(text); m && m.index < to; m = TOKEN.exec(text)) {
    let word = m[0].toLowerCase();
    if (word === ';' || word === '!' || word === '?') word = '.';
    if (word === '≈') word = '~';
    // "approx." and "e.g." do not end a sentence.
    if (word === '.' && out.length && (out[out.length - 1].word === 'approx' || out[out.length - 1].word === 'g')) continue;
    out.push({ word, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const APPROXIMATIONS: [string[], Approximation][] = [
  [['in', 'excess', 'of'], 'atLeast'], [['upwards', 'of'], 'atLeast'], [['more', 'than'], 'atLeast'], [['at', 'least'], 'atLeast'], [['just', 'over'], 'atLeast'], [['over'], 'atLeast'],
  [['no', 'more', 'than'], 'atMost'], [['less', 'than'], 'atMost'], [['up', 'to'], 'atMost'], [['at', 'most'], 'atMost'], [['just', 'under'], 'atMost'], [['within'], 'atMost'], [['under'], 'atMost'],
  [['an', 'estimated'], 'about'], [['approximately'], 'about'], [['approx'], 'about'], [['about'], 'about'], [['around'], 'about'], [['roughly'], 'about'],
  [['nearly'], 'about'], [['almost'], 'about'], [['circa'], 'about'], [['some'], 'about'], [['~'], 'about'],
];

/** Words that say the figure is how long the incident's impact lasted, followed by "for": "down for", "unavailable for". */
const STATES = new Set([
  'down', 'offline', 'unavailable', 'unreachable', 'inaccessible', 'unusable', 'degraded', 'broken', 'red', 'failing', 'impacted', 'affected',
  'disrupted', 'interrupted', 'failed', 'errors', 'failures', 'outage', 'downtime', 'disruption',
]);
const UNNOTICED = new Set(['unnoticed', 'undetected']);
const LASTED = new Set(['lasted', 'lasting', 'lasts']);
const FILLERS = new Set(['for', 'of', 'was', 'were', 'is', 'a', 'total', 'been']);

const LABELS: [string[], FigureKind][] = [
  [['time', 'to', 'detect'], 'mttd'], [['time', 'to', 'detection'], 'mttd'], [['detection', 'delay'], 'mttd'], [['detection', 'time'], 'mttd'], [['mttd'], 'mttd'], [['time', 'to', 'alert'], 'mttd'],
  [['time', 'to', 'resolve'], 'mttr'], [['time', 'to', 'resolution'], 'mttr'], [['time', 'to', 'recover'], 'mttr'], [['time', 'to', 'recovery'], 'mttr'],
  [['time', 'to', 'restore'], 'mttr'], [['time', 'to', 'restore', 'service'], 'mttr'], [['time', 'to', 'restoration'], 'mttr'], [['mttr'], 'mttr'],
  [['resolution', 'time'], 'mttr'], [['recovery', 'time'], 'mttr'],
  [['time', 'to', 'repair'], 'repair'],
  [['time', 'to', 'mitigate'], 'mitigation'], [['time', 'to', 'mitigation'], 'mitigation'], [['mitigation', 'time'], 'mitigation'],
  [['incident', 'duration'], 'duration'], [['outage', 'duration'], 'duration'], [['impact', 'duration'], 'duration'], [['total', 'duration'], 'duration'],
  [['duration'], 'duration'], [['total', 'downtime'], 'duration'], [['downtime'], 'duration'], [['outage', 'length'], 'duration'],
];
/** Verbs after which "within N" or "N after" is the time to detect or to recover. */
const VERBS: [Set<string>, FigureKind, FigureEvent][] = [
  [new Set(['alerted', 'fired', 'paged', 'triggered']), 'mttd', 'alert'],
  [new Set(['detected', 'noticed', 'reported', 'spotted']), 'mttd', 'detection'],
  [new Set(['mitigated']), 'mitigation', 'mitigation'],
  [new Set(['restored', 'resolved', 'recovered']), 'mttr', 'recovery'],
];
/** What "N after …" may be counted from for it to be a time since the incident start. */
const SINCE = new Set(['start', 'first', 'beginning', 'onset', 'incident', 'outage', 'impact', 'problem', 'issue', 'error', 'errors', 'crash', 'failure', 'failures', 'it', 'that', 'this']);
const OUTAGE_AFTER = new Set(['outage', 'downtime', 'disruption', 'unavailability']);
const OUTAGE_FILLERS = new Set(['long', 'of', 'total', 'complete', 'full', 'partial']);
/** Words in the same clause after a figure that make it a rate or an allowance, not this incident's: "5 minutes every hour", "43 minutes of downtime per month". */
const RECURRING = new Set(['per', 'each', 'every', 'budget', 'allowed', 'allowance', 'sla', 'slo', 'target']);
/**
 * Words in the same clause before a figure that make it about something other than this incident
 * as a whole: another activity ("the deploy lasted 5 minutes"), a plan or a target ("a scheduled
 * 2 hour outage", "the SLO is to be down for under 5 minutes"), a hypothesis or a denial ("would
 * have been down for hours", "was not down for 66 minutes"), another time ("last year").
 */
const NOT_WHOLE = new Set([
  'deploy', 'deployment', 'migration', 'rollout', 'restart', 'reboot', 'backup', 'maintenance',
  'meeting', 'call', 'review', 'investigation', 'retrospective', 'cleanup', 'backfill', 'retention', 'ttl', 'timeout', 'cache', 'interval', 'cron', 'canary',
  'each', 'per', 'sla', 'slo', 'target', 'goal', 'budget', 'allows', 'allowed', 'scheduled', 'planned', 'expected',
  'would', 'could', 'might', 'should', 'can', 'if', 'unless', 'not', 'never', "wasn't", "weren't", "isn't", "didn't",
  'last', 'previous', 'previously',
]);

interface Meaning {
  kind: FigureKind;
  /** The label the figure is the value of ("Time to resolve"), quoted as `label: figure`. */
  label?: string;
  /** The figure qualifies the noun after it: "a 47 minute period", "30min outage". */
  attributive?: boolean;
  /** Set when a verb names the event the figure counts to ("the alert fired two minutes after"). */
  event?: FigureEvent;
  approximation?: { kind: Approximation; word?: string; start: number };
  /** The statement quoted in the message, "down for 66 minutes": offsets in the line. */
  from: number;
  to: number;
}

function endsWith(list: Token[], phrase: string[]): boolean {
  if (phrase.length > list.length) return false;
  const offset = list.length - phrase.length;
  return phrase.every((w, i) => list[offset + i].word === w);
}

/** Which metric the words around a figure at [start, end) state, and how approximately; undefined when they state none. */
function readMeaning(text: string, start: number, end: number): Meaning | undefined {
  let before = tokens(text, Math.max(0, start - REACH), start);
  if (start - REACH > 0 && before.length) before = before.slice(1);
  const clauseStart = before.findLastIndex((t) => t.word === '.') + 1;
  before = before.slice(clauseStart);
  const after = tokens(text, end, Math.min(text.length, end + REACH)).slice(0, 8);
  if (before.some((t) => NOT_WHOLE.has(t.word))) return undefined;
  const clauseEnd = after.findIndex((t) => t.word === '.');
  if (after.slice(0, clauseEnd < 0 ? after.length : clauseEnd).some((t) => RECURRING.has(t.word))) return undefined;

  let approximation: Meaning['approximation'];
  for (const [phrase, kind] of APPROXIMATIONS) {
    if (!endsWith(before, phrase)) continue;
    const first = before[before.length - phrase.length];
    approximation = { kind, word: text.slice(first.start, before[before.length - 1].end), start: first.start };
    before = before.slice(0, before.length - phrase.length);
    break;
  }
  const meaning = (kind: FigureKind, from: number, to = end, extra: Partial<Meaning> = {}): Meaning => ({
    kind, from, to, ...(approximation ? { approximation } : {}), ...extra,
  });

  // After the figure: "40min of total outage", "a 30min outage", "a 47 minute period during which".
  let i = 0;
  while (i < after.length && OUTAGE_FILLERS.has(after[i].word)) i++;
  if (i < after.length && OUTAGE_AFTER.has(after[i].word)) return meaning('duration', approximation?.start ?? start, after[i].end, { attributive: true });
  if (after.length >= 3 && (after[0].word === 'period' || after[0].word === 'window') && (after[1].word === 'during' || after[1].word === 'in') && after[2].word === 'which') {
    return meaning('duration', approximation?.start ?? start, after[2].end, { attributive: true });
  }

  // Labels: "Time to resolve: 35h 36m", "| Incident Duration | 3h 45m", "Detection delay was 12 minutes".
  let rest = before;
  let hadFor = false;
  while (rest.length && FILLERS.has(rest[rest.length - 1].word)) {
    if (rest[rest.length - 1].word === 'for') hadFor = true;
    rest = rest.slice(0, -1);
  }
  if (!rest.length) return undefined;
  const last = rest[rest.length - 1];
  for (const [phrase, kind] of LABELS) {
    if (endsWith(rest, phrase) && !hadFor) return meaning(kind, rest[rest.length - phrase.length].start, end, { label: text.slice(rest[rest.length - phrase.length].start, last.end) });
  }
  if (hadFor && STATES.has(last.word)) return meaning('duration', last.start);
  if (hadFor && UNNOTICED.has(last.word)) return meaning('mttd', last.start);
  if (LASTED.has(last.word)) return meaning('duration', last.start);

  // Verbs: "the alert fired two minutes after", "restored service within 90 minutes of the first crash".
  const afterWord = after[0]?.word;
  const since = afterWord === 'after' && (after.length === 1 || after[1].word === '.' || after[1].word === ',' || SINCE.has(after[1].word) || (after[1].word === 'the' && SINCE.has(after[2]?.word ?? '')));
  if (!since && approximation?.word?.toLowerCase() !== 'within') return undefined;
  for (let back = 1; back <= 3 && back <= before.length; back++) {
    const verb = before[before.length - back];
    if (verb.word === ',' ) break;
    const found = VERBS.find(([words]) => words.has(verb.word));
    if (found) return meaning(found[1], verb.start, since ? after[0].end : end, { event: found[2] });
  }
  return undefined;
}
