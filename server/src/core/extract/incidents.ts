import type { Incident, Section, Timeline } from '../model';
import type { DocumentContext } from './context';

/** A date anywhere in a heading: `2022-01-25`, `Jan 25`, `25 January 2022`, `25.01.2022`. Linear: literals, bounded counts. */
const DATED = /\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{4}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.? \d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
/** `Incident 2`, `Incident #2`, `Second incident`, `Outage 1`. */
const NUMBERED = /\b(?:incident|outage)\s?#?\d{1,3}\b|\b(?:first|second|third|fourth|fifth)\s(?:incident|outage)\b/i;
/** A time of day in a heading: such a heading is an entry of a heading timeline, not an incident. */
const CLOCK = /\d:\d\d/;
/** Figures, punctuation and marks, taken out of what is left of a heading without its date. */
const NOT_WORDS = /[\s\d.,:;/()[\]*_`~-]+/g;
/** What is left then when the heading was a date alone, or a weekday and a date. */
const WEEKDAY_ONLY = /^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*)?$/i;

/**
 * Incident headings: headings that name an incident (`## Incident 2`) or carry a date and words
 * (`## 2022-01-25: Prometheus down`), not a day alone (`### 2019-01-22`, a timeline's day) nor a
 * time (`### 14:05`, a heading timeline's entry). Only those at the level where at least two of
 * them each hold a timeline count, so that one dated title does not split a document.
 */
export function incidentHeadings(sections: Section[], timelines: Timeline[]): number[] {
  const named: number[] = [];
  sections.forEach((s, i) => {
    const title = s.title;
    if (CLOCK.test(title)) return;
    const date = DATED.exec(title);
    if (NUMBERED.test(title) || (date !== null && !WEEKDAY_ONLY.test((title.slice(0, date.index) + title.slice(date.index + date[0].length)).replace(NOT_WORDS, '')))) named.push(i);
  });
  // Two are needed at one level: most documents have none, and no entry need be looked at.
  if (named.length < 2) return [];
  const lines: number[] = [];
  for (const t of timelines) for (const e of t.entries) lines.push(e.startLine);
  lines.sort((a, b) => a - b);
  // An entry below the heading and inside its section, found by binary search.
  const holdsTimeline = (i: number) => {
    let lo = 0;
    let hi = lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lines[mid] <= sections[i].line) lo = mid + 1;
      else hi = mid;
    }
    return lo < lines.length && lines[lo] < sections[i].endLine;
  };
  const candidates = named.filter(holdsTimeline);
  // The shallowest level with two or more.
  for (let level = 1; level <= 6; level++) {
    const at = candidates.filter((i) => sections[i].level === level);
    if (at.length >= 2) return at;
  }
  return [];
}

/**
 * The incidents a document covers: one per incident heading when there are several (each with the
 * timelines under it), else one for the whole document with all its timelines.
 */
export function extractIncidents(ctx: DocumentContext, timelines: Timeline[]): Incident[] {
  const headings = incidentHeadings(ctx.sections, timelines);
  if (headings.length < 2) return [{ title: undefined, line: 0, startLine: 0, endLine: ctx.src.lineCount, timelines }];
  // Headings and timelines are both in line order, and the headings, at one level, do not nest.
  const sorted = [...timelines].sort((a, b) => a.startLine - b.startLine);
  let next = 0;
  return headings.map((i) => {
    const s = ctx.sections[i];
    while (next < sorted.length && sorted[next].startLine < s.line) next++;
    const own: Timeline[] = [];
    for (; next < sorted.length && sorted[next].startLine < s.endLine; next++) own.push(sorted[next]);
    return { title: s.title, line: s.line, startLine: s.line, endLine: s.endLine, timelines: own };
  });
}

