import { DateTime, IANAZone, Info } from 'luxon';

/** A calendar date as written; `year` is missing for "July 22". */
export interface CalendarDate {
  year?: number;
  month: number;
  day: number;
  /**
   * Set for a date written in numbers only (`07-05-2026`, `[03-26 …]`, `11/04 …`): whether the
   * month or the day comes first is not known from the date alone. `month` and `day` are read
   * month first until the timeline settles the order (see `settleNumericDates`).
   */
  numeric?: boolean;
}

export type Precision = 'day' | 'minute' | 'second';

/** A time as written, before it is placed on the incident's calendar. */
export interface TimeValue {
  date?: CalendarDate;
  /** Seconds since midnight; missing for a date alone or a masked time (`2019-12-03 --:--`). */
  seconds?: number;
  /** A luxon zone name (`UTC`, `UTC+2`, `America/Los_Angeles`), when the text names one. */
  zone?: string;
  /** How many characters of the input the time takes up. */
  length: number;
  /** Why a time that looks like one cannot be placed (`13:55 PM`, `3:75 pm`, `15.26`): `seconds` is NaN then. */
  problem?: TimeProblem;
  /** A four-digit time alone (`1324 :`), which could also be a year (`2019:`). */
  military?: boolean;
}

/** What is wrong with a time that looks like one: an hour of 13 to 23 with AM/PM, minutes or hour out of range, a dot for a colon, an unknown time. */
export type TimeProblem =
  | { kind: 'twelveHour'; hour: number; minutes: string; half: 'AM' | 'PM' }
  | { kind: 'minutes'; minutes: number }
  | { kind: 'hour'; hour: number }
  | { kind: 'dotted'; written: string; colon: string }
  | { kind: 'date' }
  | { kind: 'unknown' };

/** A time placed on a timeline: an instant for comparisons and arithmetic. */
export interface ResolvedTime {
  /** Milliseconds since the epoch; times without a zone are read as UTC. */
  epoch: number;
  /** The local calendar day, as days since 1970-01-01, for comparing with date-only entries. */
  day: number;
  precision: Precision;
  /** False when no date was written anywhere before this time: only differences are meaningful. */
  dateKnown: boolean;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Common zone abbreviations, as fixed offsets: the ones real post-mortems write after a time. */
const ABBREVIATIONS: Record<string, string> = {
  Z: 'UTC', UTC: 'UTC', GMT: 'UTC', UT: 'UTC',
  PST: 'UTC-8', PDT: 'UTC-7', MST: 'UTC-7', MDT: 'UTC-6', CST: 'UTC-6', CDT: 'UTC-5', EST: 'UTC-5', EDT: 'UTC-4',
  AKST: 'UTC-9', AKDT: 'UTC-8', HST: 'UTC-10',
  WET: 'UTC', WEST: 'UTC+1', BST: 'UTC+1', CET: 'UTC+1', CEST: 'UTC+2', EET: 'UTC+2', EEST: 'UTC+3', MSK: 'UTC+3',
  JST: 'UTC+9', KST: 'UTC+9', SGT: 'UTC+8', AEST: 'UTC+10', AEDT: 'UTC+11', NZST: 'UTC+12', NZDT: 'UTC+13',
};

/** Zones named by region, with their daylight-saving rules: "All times Pacific", "7:09 AM Eastern". */
const REGIONS: Record<string, string> = {
  PACIFIC: 'America/Los_Angeles', PT: 'America/Los_Angeles', MOUNTAIN: 'America/Denver', MT: 'America/Denver',
  CENTRAL: 'America/Chicago', CT: 'America/Chicago', EASTERN: 'America/New_York', ET: 'America/New_York',
};

const MONTH_NAMES = Info.months('long', { locale: 'en' }).map((m) => m.toLowerCase());

const WEEKDAY = /(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?,?\s+/iy;
const ISO_DATE = /(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?![\d])/y;
const MONTH_FIRST = /([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?(?![\d:])/iy;
const DAY_FIRST = /(\d{1,2})(?:st|nd|rd|th|\.)?\s+([a-z]{3,9})\.?(?:,?\s+(\d{4}))?(?![\d:])/iy;
/** `07-05-2026`, `07/05/2026`, `07.05.2026`, and without a year `03-26`, `11/04`: month or day first is settled later. */
const NUMERIC_DATE = /(\d{1,2})([-/.])(\d{1,2})(?:\2(\d{4}))?(?![\d:./-])/y;
/** A four-digit time, `1324`, after a date (`2019-01-22 1430`) or before a colon (`1324 :`). */
const MILITARY = /([01]\d|2[0-3])([0-5]\d)(?!\d)/y;
const MILITARY_COLON = /[ \t]*:/y;
/** `15.26` after a date: a time written with a dot. */
const DOTTED_CLOCK = /(\d{1,2})\.(\d{2})(?!\d)/y;
/** `(Oct 29)`, `(6th Nov 2023)` or `6th Nov 2023` after a time: the date, written after it. */
const OPEN_PAREN = /[ \t]*\(/y;
const CLOSE_PAREN = /[ \t]*\)/y;
const SPACE = /[ \t]+/y;
/** A time nobody knew: `[???]`, `??:??`, `X:`, `XX:XX`, `14:??`. */
const UNKNOWN_CLOCK = /\?{2,3}(?::\?{2})?(?![\w?])|[xX]{1,2}(?=:)(?::[xX]{2}(?!\w))?|\d{1,2}:(?:\?{2}|[xX]{2})(?![\w?])/y;
const DATE_TIME_SEPARATOR = /(?:T|\s*,\s*|\s+at\s+|\s+)/iy;
const CLOCK = /(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?!\d)(?:\s*([ap])\.?m\.?(?![a-z])|([ap])(?![\w]))?/iy;
const HOUR_ONLY = /(\d{1,2})\s*([ap])\.?m\.?(?![a-z])/iy;
const MASKED_CLOCK = /[-?x]{1,2}:[-?x]{2}/iy;
/** A zone word, maybe with an offset: `UTC`, `PST`, `(UTC)`, `UTC+2`, `Z`. */
const ZONE_WORD = /\s*\(?((?:Z|[A-Z]{2,5})(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)\)?(?!\w)/y;
/** A bare offset, `+02:00`: only right after seconds (ISO 8601) or after a space, never in `10:00-11:30`. */
const ZONE_OFFSET = /( ?)([+-]\d{2}:?\d{2})(?![\w:])/y;
const APPROXIMATELY = /(?:~|≈|approx\.?\s+|about\s+|around\s+|circa\s+|c\.\s*)?/iy;

/**
 * Where the hours start when `text` is `14:05` or `2026-03-14 14:05` (`T` or a space between), a
 * whole cell, else -1: read character by character, as a pattern's match made an array and five
 * strings at every row of a timeline table.
 */
function commonCell(text: string): number {
  const n = text.length;
  if (n < 4 || text.charCodeAt(n - 3) !== 0x3a /* : */ || !digits(text, n - 2, n) || !digits(text, n - 4, n - 3)) return -1;
  const hours = n >= 5 && digits(text, n - 5, n - 4) ? n - 5 : n - 4;
  if (hours === 0) return 0;
  const between = text.charCodeAt(10);
  const dated = hours === 11 && (between === 0x20 || between === 0x54) /* space, T */ && digits(text, 0, 4) && text.charCodeAt(4) === 0x2d && digits(text, 5, 7) && text.charCodeAt(7) === 0x2d && digits(text, 8, 10);
  return dated ? hours : -1;
}

/** Whether `text` from `from` to `to` is ASCII digits only. */
function digits(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** The number the ASCII digits from `from` to `to` write. */
function numberAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + text.charCodeAt(i) - 0x30;
  return n;
}

/**
 * Reads the time at the start of `text`: `14:05`, `14:05:09`, `2:54 PM PST`, `07:30am`,
 * `2023-02-14 10:29`, `2019-01-23T16:08:30Z`, `July 11, 2025, 12:42 PM`, `Sep 27 2017 13:06`,
 * a date alone (`2021-12-10`, `28 Feb 2017`), or a date with a masked time (`2019-12-03 --:--`).
 * Returns undefined when the text does not start with one.
 */
export function parseLeadingTime(text: string): TimeValue | undefined {
  let pos = skip(APPROXIMATELY, text, 0);
  const value: TimeValue = { length: 0 };

  const date = readDate(text, pos) ?? readDate(text, skip(WEEKDAY, text, pos)) ?? readNumericDate(text, pos);
  if (date) {
    value.date = date.date;
    pos = date.end;
    const sep = at(DATE_TIME_SEPARATOR, text, pos);
    const afterSep = sep ? pos + sep[0].length : pos;
    const clock = readClock(text, afterSep) ?? (sep ? readMilitary(text, afterSep, false) ?? readOddClock(text, afterSep) ?? readUnknown(text, afterSep) : undefined);
    if (clock) {
      value.seconds = clock.seconds;
      if (clock.problem) value.problem = clock.problem;
      pos = clock.end;
    } else {
      const masked = at(MASKED_CLOCK, text, afterSep);
      if (masked) pos = afterSep + masked[0].length;
      // `03-26` or `11/04` alone is too often something else (a range, a ratio) to be a date.
      else if (date.date.numeric && date.date.year === undefined) return undefined;
    }
  } else {
    const military = readClock(text, pos) ? undefined : readMilitary(text, pos, true);
    const clock = military ?? readClock(text, pos) ?? readUnknown(text, pos);
    if (!clock) return undefined;
    if (military) value.military = true;
    value.seconds = clock.seconds;
    if (clock.problem) value.problem = clock.problem;
    pos = clock.end;
  }

  const word = at(ZONE_WORD, text, pos);
  const offset = word ? undefined : at(ZONE_OFFSET, text, pos);
  const zone = word ?? (offset && (offset[1] || /:\d\d:\d\d$/.test(text.slice(0, pos))) ? offset : undefined);
  const name = zone && zoneName(zone[zone === word ? 1 : 2]);
  if (zone && name) {
    value.zone = name;
    pos += zone[0].length;
  }
  if (!value.date && value.seconds !== undefined) {
    const after = dateAfter(text, pos);
    if (after) {
      value.date = after.date;
      pos = after.end;
    }
  }
  value.length = pos;
  return value;
}

/** A date written after the time: `22:30 UTC (Oct 29)`, `14:05 6th Nov 2023`, `14:05, July 11, 2025`. Only a date with a month name. */
function dateAfter(text: string, pos: number): { date: CalendarDate; end: number } | undefined {
  const paren = at(OPEN_PAREN, text, pos);
  if (paren) {
    const inner = pos + paren[0].length;
    const date = readDate(text, inner) ?? readDate(text, skip(WEEKDAY, text, inner));
    const close = date && at(CLOSE_PAREN, text, date.end);
    return date && close ? { date: date.date, end: date.end + close[0].length } : undefined;
  }
  const sep = at(SPACE, text, pos) ?? at(DATE_TIME_SEPARATOR, text, pos);
  if (!sep) return undefined;
  const from = pos + sep[0].length;
  const date = readDate(text, from) ?? readDate(text, skip(WEEKDAY, text, from));
  // "14:05 Nov" without a day is no date; "14:05 5 May" needs the month name, which readDate requires.
  return date && !/^\d{4}[-/]/.test(text.slice(from)) ? date : undefined;
}

/** Reads a whole cell as a time: a time followed by nothing, or by a parenthesis or dash remark. */
export function parseTime(text: string): TimeValue | undefined {
  // The forms timeline tables hold by far the most often, read in one step.
  const common = commonCell(text);
  if (common >= 0) {
    const hours = numberAt(text, common, text.length - 3);
    const minutes = numberAt(text, text.length - 2, text.length);
    const problem: TimeProblem | undefined = minutes >= 60 ? { kind: 'minutes', minutes } : hours >= 24 ? { kind: 'hour', hour: hours } : undefined;
    const seconds = problem ? NaN : hours * 3600 + minutes * 60;
    const date = common > 0 ? { year: numberAt(text, 0, 4), month: numberAt(text, 5, 7), day: numberAt(text, 8, 10) } : undefined;
    // Literals rather than spreads: this runs for every row of a timeline table.
    if (problem) return date ? { date, seconds, length: text.length, problem } : { seconds, length: text.length, problem };
    return date ? { date, seconds, length: text.length } : { seconds, length: text.length };
  }
  const value = parseLeadingTime(text);
  if (!value) return undefined;
  const rest = text.slice(value.length).trim();
  return rest === '' || /^[(\-–—]/.test(rest) ? value : undefined;
}

/**
 * Reads a date alone, as in a date line above a list of times or a due-date cell. With `numeric`,
 * also a date in numbers with its year (`07-05-2026`), marked `numeric` for the timeline to settle.
 */
export function parseDate(text: string, numeric = false): CalendarDate | undefined {
  const trimmed = text.trim();
  const date = readDate(trimmed, 0) ?? readDate(trimmed, skip(WEEKDAY, trimmed, 0)) ?? (numeric ? readNumericDate(trimmed, 0) : undefined);
  return date && date.end === trimmed.length && (!date.date.numeric || date.date.year !== undefined) ? date.date : undefined;
}

/**
 * The first full date (with its year) written anywhere in a short text, at the start of a word:
 * `2021-07-12`, `February 5th, 2019`, `August 12 2025`, `12 August 2025`. Only the first `limit`
 * characters are read, each word start tried once with a sticky pattern: linear.
 */
export function findDate(text: string, limit = 300): CalendarDate | undefined {
  const t = text.slice(0, limit);
  for (let i = 0; i < t.length; i++) {
    if (i > 0 && /[\p{L}\p{N}]/u.test(t[i - 1])) continue;
    const date = readDate(t, i)?.date;
    if (date?.year !== undefined) return date;
  }
  return undefined;
}

/**
 * Settles dates written in numbers (`07-05-2026`, `[03-26 23:04]`) in one timeline, in order:
 * day first when a first number is over 12 or, all being 12 or under, only the first number ever
 * changes (07-05 then 08-05: the day moves within a month); month first in the mirror cases.
 * Returns the order, `same` when every such date is the same (the times are unaffected: the caller
 * leaves the date unknown), or `unsure` when neither holds (the caller leaves the dates unknown and
 * gives no metric). The dates are not changed: `numericDateAs` reads each in the order found.
 */
export function settleNumericDates(dates: CalendarDate[]): 'day' | 'month' | 'same' | 'unsure' | undefined {
  const numeric = dates.filter((d) => d.numeric);
  if (!numeric.length) return undefined;
  // Read month first: `month` is the first number, `day` the second.
  const firstOver = numeric.some((d) => d.month > 12);
  const secondOver = numeric.some((d) => d.day > 12);
  let order: 'day' | 'month' | 'same' | 'unsure';
  if (firstOver !== secondOver) order = firstOver ? 'day' : 'month';
  else if (firstOver) order = 'unsure';
  else {
    const firsts = new Set(numeric.map((d) => d.month)).size;
    const seconds = new Set(numeric.map((d) => d.day)).size;
    const years = new Set(numeric.map((d) => d.year)).size;
    order = years > 1 ? 'unsure' : firsts === 1 && seconds === 1 ? 'same' : firsts > 1 && seconds === 1 ? 'day' : seconds > 1 && firsts === 1 ? 'month' : 'unsure';
  }
  return order;
}

/** A date written in numbers, read in the order `settleNumericDates` found: day first swaps what was read month first. */
export function numericDateAs(date: CalendarDate, order: 'day' | 'month'): CalendarDate {
  const { numeric: _, ...settled } = date;
  return order === 'day' ? { ...settled, month: date.day, day: date.month } : settled;
}

/** A zone named in prose ("All times in PST", "times in Europe/Oslo"), as a luxon zone name. */
export function zoneName(text: string): string | undefined {
  const t = text.trim();
  const upper = t.toUpperCase();
  if (ABBREVIATIONS[upper]) return ABBREVIATIONS[upper];
  if (REGIONS[upper]) return REGIONS[upper];
  const offset = /^(?:UTC|GMT|Z)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(t);
  if (offset) {
    const minutes = Number(offset[2]) * 60 + Number(offset[3] ?? 0);
    if (minutes > 14 * 60) return undefined;
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return `UTC${offset[1]}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
  }
  return t.includes('/') && IANAZone.isValidZone(t) ? t : undefined;
}

function readDate(text: string, pos: number): { date: CalendarDate; end: number } | undefined {
  let m = at(ISO_DATE, text, pos);
  if (m) return { date: { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, end: pos + m[0].length };
  m = at(MONTH_FIRST, text, pos);
  if (m && monthNumber(m[1])) {
    return { date: { year: m[3] ? Number(m[3]) : undefined, month: monthNumber(m[1])!, day: Number(m[2]) }, end: pos + m[0].length };
  }
  m = at(DAY_FIRST, text, pos);
  if (m && monthNumber(m[2])) {
    return { date: { year: m[3] ? Number(m[3]) : undefined, month: monthNumber(m[2])!, day: Number(m[1]) }, end: pos + m[0].length };
  }
  return undefined;
}

/** `07-05-2026`, `03-26`, `11/04`: read month first, marked `numeric` for the timeline to settle. */
function readNumericDate(text: string, pos: number): { date: CalendarDate; end: number } | undefined {
  const m = at(NUMERIC_DATE, text, pos);
  if (!m || (m[2] === '.' && !m[4])) return undefined;
  const first = Number(m[1]);
  const second = Number(m[3]);
  if (!first || !second || (first > 12 && second > 12) || first > 31 || second > 31) return undefined;
  return { date: { year: m[4] ? Number(m[4]) : undefined, month: first, day: second, numeric: true }, end: pos + m[0].length };
}

interface Clock {
  seconds: number;
  end: number;
  problem?: TimeProblem;
}

function readClock(text: string, pos: number): Clock | undefined {
  let m = at(CLOCK, text, pos);
  if (m) {
    const half = m[4] ?? m[5];
    const hour = Number(m[1]);
    const minutes = Number(m[2]);
    const seconds = Number(m[3] ?? 0);
    const end = pos + m[0].length;
    // 14:65 and 13:55 PM look like times but are none: NaN makes placing them fail, so they are reported.
    if (minutes >= 60) return { seconds: NaN, end, problem: { kind: 'minutes', minutes } };
    if (hour >= 24 && !half) return { seconds: NaN, end, problem: { kind: 'hour', hour } };
    if (half && hour > 12) return { seconds: NaN, end, problem: { kind: 'twelveHour', hour, minutes: m[2], half: half.toLowerCase() === 'p' ? 'PM' : 'AM' } };
    const valid = seconds < 60;
    return { seconds: valid ? twelveHour(hour, half) * 3600 + minutes * 60 + seconds : NaN, end };
  }
  m = at(HOUR_ONLY, text, pos);
  if (m) {
    const hour = Number(m[1]);
    const end = pos + m[0].length;
    if (hour > 12) return { seconds: NaN, end, problem: { kind: 'twelveHour', hour, minutes: '00', half: m[2].toLowerCase() === 'p' ? 'PM' : 'AM' } };
    return { seconds: twelveHour(hour, m[2]) * 3600, end };
  }
  return undefined;
}

/** `1324`: after a date, or before a colon (`1324 :`, `~1215:`) when nothing else starts the text. */
function readMilitary(text: string, pos: number, needsColon: boolean): Clock | undefined {
  const m = at(MILITARY, text, pos);
  if (!m) return undefined;
  const end = pos + m[0].length;
  if (needsColon && !at(MILITARY_COLON, text, end)) return undefined;
  return { seconds: Number(m[1]) * 3600 + Number(m[2]) * 60, end };
}

/** `15.26` after a date: a time with a dot for a colon, reported rather than read. */
function readOddClock(text: string, pos: number): Clock | undefined {
  const m = at(DOTTED_CLOCK, text, pos);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return undefined;
  return { seconds: NaN, end: pos + m[0].length, problem: { kind: 'dotted', written: m[0], colon: `${m[1]}:${m[2]}` } };
}

/** `???`, `X:`, `14:??`: a time nobody knew, reported. */
function readUnknown(text: string, pos: number): Clock | undefined {
  const m = at(UNKNOWN_CLOCK, text, pos);
  return m ? { seconds: NaN, end: pos + m[0].length, problem: { kind: 'unknown' } } : undefined;
}

/** 12 AM is midnight, 12 PM noon; an out-of-range hour stays out of range so validation catches it. */
function twelveHour(hour: number, half: string | undefined): number {
  if (!half || hour > 12 || hour === 0) return hour;
  const pm = half.toLowerCase() === 'p';
  return (hour % 12) + (pm ? 12 : 0);
}

/** "Sep", "Sept" and "September" are all month 9. */
function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  const index = MONTH_NAMES.findIndex((m) => m.startsWith(lower));
  return index < 0 ? undefined : index + 1;
}

function at(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

function skip(re: RegExp, text: string, pos: number): number {
  const m = at(re, text, pos);
  return m ? pos + m[0].length : pos;
}

/**
 * Places the times of one timeline on the calendar, in order. A time without a date takes the
 * date in force (the previous entry's, or a date line above it); one that goes back by more than
 * 12 hours is on the next day (23:50 then 00:10), by less it stays out of order for the rules to see.
 * A time without a zone takes the previous entry's, else the document's, else is read as UTC.
 */
export class TimelineClock {
  /** The date in force (none until a date is written or placed): its year, month and day. */
  private year?: number;
  private month?: number;
  private day?: number;
  private zone?: string;
  /** The epoch of the previous time placed, when it had a time of day: a time more than 12 hours before it is on the next day. */
  private lastEpoch?: number;

  constructor(private readonly defaultZone?: string) {}

  /** A date line or heading between entries sets the day for the times below it. */
  setDate(date: CalendarDate): void {
    this.year = date.year ?? this.year;
    this.month = date.month;
    this.day = date.day;
  }

  /**
   * Undefined when the written time does not exist (25:10, February 30). `kept`: what each time
   * placed before gave, with the clock as it was then (a time value is the same object while its
   * row is kept from version to version): a time placed from the same clock gives the same result.
   */
  place(value: TimeValue, kept?: WeakMap<TimeValue, Placement>): ResolvedTime | undefined {
    const before = kept?.get(value);
    if (before && this.is(before.clock)) {
      this.set(before.after);
      return before.result;
    }
    const clock = kept && this.state();
    const result = this.placeAfresh(value);
    if (clock) kept!.set(value, { clock, after: this.state(), result });
    return result;
  }

  private placeAfresh(value: TimeValue): ResolvedTime | undefined {
    const zone = value.zone ?? this.zone ?? this.defaultZone ?? 'UTC';
    const written = value.date;
    // The written date, its year from the date in force when it has none; else the date in force.
    const year = written ? (written.year ?? this.year) : this.month === undefined ? undefined : this.year;
    const month = written ? written.month : (this.month ?? 1);
    const day = written ? written.day : (this.day ?? 1);
    const seconds = value.seconds ?? 0;
    if (!(seconds < 24 * 3600)) return undefined;
    let local = instant(year ?? 2000, month, day, seconds, zone);
    if (!local) return undefined;
    if (!written && value.seconds !== undefined && this.lastEpoch !== undefined && local.epoch < this.lastEpoch - 12 * HOUR) {
      const next = new Date(Date.UTC(local.year, local.month - 1, local.day + 1));
      local = instant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), seconds, zone)!;
    }
    const precision: Precision = value.seconds === undefined ? 'day' : seconds % 60 ? 'second' : 'minute';
    const placed: ResolvedTime = { epoch: local.epoch, day: Math.floor(utcMidnight(local.year, local.month, local.day) / DAY), precision, dateKnown: year !== undefined };
    if (value.zone) this.zone = value.zone;
    this.year = year === undefined ? undefined : local.year;
    this.month = local.month;
    this.day = local.day;
    this.lastEpoch = precision === 'day' ? undefined : local.epoch;
    return placed;
  }

  /** What the clock knows now, to compare with or return to later. */
  state(): ClockState {
    return { defaultZone: this.defaultZone, zone: this.zone, year: this.year, month: this.month, day: this.day, lastEpoch: this.lastEpoch };
  }

  is(c: ClockState): boolean {
    return c.defaultZone === this.defaultZone && c.zone === this.zone && c.year === this.year && c.month === this.month && c.day === this.day && c.lastEpoch === this.lastEpoch;
  }

  set(c: ClockState): void {
    ({ zone: this.zone, year: this.year, month: this.month, day: this.day, lastEpoch: this.lastEpoch } = c);
  }
}

/** What a timeline clock knows between two times. */
export interface ClockState {
  defaultZone?: string;
  zone?: string;
  year?: number;
  month?: number;
  day?: number;
  lastEpoch?: number;
}

/** A time placed: the clock before and after, and where it was placed (see `TimelineClock.place`). */
export interface Placement {
  clock: ClockState;
  after: ClockState;
  result: ResolvedTime | undefined;
}

interface LocalInstant {
  epoch: number;
  year: number;
  month: number;
  day: number;
}

/**
 * The instant of a local date and time in `zone`, or undefined when the date does not exist.
 * Fixed offsets (`UTC`, `UTC+2`), by far the most common, are plain arithmetic; named zones go
 * through luxon for their daylight-saving rules.
 */
function instant(year: number, month: number, day: number, seconds: number, zone: string): LocalInstant | undefined {
  const offset = fixedOffsetMinutes(zone);
  if (offset === undefined) {
    const t = DateTime.fromObject({ year, month, day, hour: Math.floor(seconds / 3600), minute: Math.floor(seconds / 60) % 60, second: seconds % 60 }, { zone });
    return t.isValid ? { epoch: t.toMillis(), year: t.year, month: t.month, day: t.day } : undefined;
  }
  const midnight = year < 100 ? NaN : utcMidnight(year, month, day);
  if (Number.isNaN(midnight)) return undefined;
  return { epoch: midnight + seconds * 1000 - offset * 60_000, year, month, day };
}

/** Epoch milliseconds of each UTC midnight asked for (NaN for a day that does not exist), by year × 10,000 + month × 100 + day. */
const MIDNIGHTS = new Map<number, number>();

/** The epoch milliseconds of a day's UTC midnight, NaN when the day does not exist (February 30); the timelines' days, read once. */
function utcMidnight(year: number, month: number, day: number): number {
  const key = year * 10_000 + month * 100 + day;
  // Only a month and a day that could exist have a key of their own.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return NaN;
  let epoch = MIDNIGHTS.get(key);
  if (epoch === undefined) {
    const midnight = new Date(Date.UTC(year, month - 1, day));
    epoch = midnight.getUTCFullYear() !== year || midnight.getUTCMonth() !== month - 1 || midnight.getUTCDate() !== day ? NaN : midnight.getTime();
    // Bounded: a document of many thousands of distinct days starts the table afresh.
    if (MIDNIGHTS.size >= 8192) MIDNIGHTS.clear();
    MIDNIGHTS.set(key, epoch);
  }
  return epoch;
}

/** `UTC` → 0, `UTC+2` → 120, `UTC-5:30` → -330; undefined for a named zone. */
function fixedOffsetMinutes(zone: string): number | undefined {
  if (zone === 'UTC') return 0;
  const m = /^UTC([+-])(\d{1,2})(?::(\d{2}))?$/.exec(zone);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : undefined;
}

/** True when `a` is earlier than `b`, comparing days only where either is a date alone. */
export function isEarlier(a: ResolvedTime, b: ResolvedTime): boolean {
  return a.precision === 'day' || b.precision === 'day' ? a.day < b.day : a.epoch < b.epoch;
}

export function minutesBetween(from: ResolvedTime, to: ResolvedTime): number {
  return (to.epoch - from.epoch) / 60_000;
}
