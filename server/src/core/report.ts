/**
 * The workspace report (`postmortem report`, later the Insights page): every post-mortem's
 * incidents and action items summed up. Pure: each analysed file is summarised once
 * (`summarizePostMortem`, small enough to keep a thousand of), then the summaries are aggregated
 * (`buildReport`) for a period.
 *
 * - Incidents: every incident of every post-mortem (`model.incidents`: a document that covers
 *   several counts each), with its MTTD and MTTR as the metrics measure them.
 * - An incident's date: the day of its timeline's incident start, else of the first dated entry of
 *   that timeline, else of the document's dated key events (`- First detected 2021-07-12 15:44`),
 *   else a date in the incident's heading, else the document's incident date field (`Incident
 *   date`, `Date of incident`), else a date in the document's title (`# February 5th, 2019 Prow
 *   outage`), else a YYYY-MM-DD date the file's name starts with (`2026-03-14-checkout.md`), else
 *   the document's `Date` field (our template's is the document's own date, on or after the incident's).
 *   An incident without one is counted, but in no month, and left out whenever a period is given.
 * - A period (`since`, `until`, inclusive) keeps the incidents dated in it, and the post-mortems
 *   with at least one such incident, with their action items.
 * - Medians and 90th percentiles are interpolated between the nearest ranks (as a spreadsheet's
 *   PERCENTILE.INC); null when no incident has the metric.
 * - Severity: the document's Severity field without emphasis, `P1`/`p 1` written P1, `SEV1`/`Sev-1`/
 *   `Severity 1` written SEV1, a word capitalised (`critical` → Critical); anything else as written;
 *   an empty, placeholder or unresolved value (`P0 / P1`) counts as `Unset`.
 * - Owners: the owner as written without emphasis and a leading `@`, the same name in any case one
 *   key (`@alex` and `Alex` are one owner, named as first written without `@`); `Alex Smith` is not `Alex`.
 *   An owner that names nobody (TBD, `?`, a placeholder) makes the item one without owner.
 */
import type { Analysis } from './analyze';
import { isIsoDate } from './iso-date';
import { primaryTimeline } from './metrics';
import type { ActionItem, PostMortem } from './model';
import { daysOverdue, dueDate } from './overdue';
import { isMissingOwner } from './owners';
import { type CalendarDate, findDate } from './time';
import { isPlaceholder, plainText } from './vocabulary';

/** One incident as the report counts it. */
export interface IncidentSummary {
  /** YYYY-MM-DD, when the incident's date is known. */
  date?: string;
  severity: string;
  mttdMinutes: number | null;
  mttrMinutes: number | null;
  /** The incident's heading, for a document that covers several. */
  title?: string;
  /** 1-based line of the incident's heading, or 1 for the whole document. */
  line: number;
}

/** An open action item, as the report needs it: owned, overdue, or both. */
export interface OpenItemSummary {
  /** 1-based line of the item, as in lint's text output. */
  line: number;
  action: string;
  owner: string | null;
  /** The due date as YYYY-MM-DD when it is one (a quarter is due on its last day). */
  due: string | null;
  /** Days past due on the report's day; absent when not overdue. */
  daysOverdue?: number;
}

/** What the report keeps of one post-mortem. */
export interface PostMortemSummary {
  file: string;
  title: string;
  incidents: IncidentSummary[];
  actionItems: { total: number; open: number; withoutOwner: number };
  /** Its open items that have an owner or are overdue. */
  openItems: OpenItemSummary[];
}

export interface Distribution {
  median: number | null;
  p90: number | null;
  count: number;
}

export interface OverdueItem {
  file: string;
  line: number;
  action: string;
  owner: string | null;
  due: string;
  days: number;
}

export interface MonthRow {
  month: string;
  incidents: number;
  mttrMedian: number | null;
  mttdMedian: number | null;
  bySeverity: Record<string, number>;
}

export interface QuarterRow {
  quarter: string;
  incidents: number;
  mttd: Distribution;
  mttr: Distribution;
}

/** The JSON contract of `postmortem report --format json`: extended, never renamed. */
export interface Report {
  postMortems: number;
  incidents: number;
  actionItems: { total: number; open: number; overdue: number; withoutOwner: number; byOwner: Record<string, { open: number; overdue: number }> };
  mttdMinutes: Distribution;
  mttrMinutes: Distribution;
  bySeverity: Record<string, number>;
  /** Every month from the first dated incident's to the last's, months without incidents included. */
  byMonth: MonthRow[];
  /** The same, by quarter (`2026-Q1`): what the MTTD/MTTR trend is drawn from. */
  byQuarter: QuarterRow[];
  /** Open items past their due date, the longest overdue first. */
  overdue: OverdueItem[];
  /** Incidents counted whose date is unknown (in no month). */
  undatedIncidents: number;
  /** The report's day and period, as given. */
  today: string;
  since: string | null;
  until: string | null;
}

export interface ReportPeriod {
  since?: string;
  until?: string;
}

/** The severity an unset, placeholder or unresolved Severity counts as. */
export const UNSET_SEVERITY = 'Unset';

/** What the report keeps of one analysed post-mortem; `today` (YYYY-MM-DD) is the day overdue items are measured on. */
export function summarizePostMortem(file: string, analysis: Pick<Analysis, 'model' | 'metrics'>, today: string): PostMortemSummary {
  const { model, metrics } = analysis;
  const severity = severityLabel(model.metadata.severity?.value.text ?? '');
  const documentDate = fieldDate(model, INCIDENT_DATE_KEYS) ?? dateIn(documentTitle(model)) ?? fileNameDate(file) ?? fieldDate(model, DATE_KEYS);
  const keyEventDate = keyEventsDate(model);
  const timings = metrics.incidents ?? [metrics];
  const incidents = model.incidents.map((incident, i): IncidentSummary => {
    const timing = timings[i] ?? metrics;
    const headingDate = incident.title === undefined ? undefined : dateIn(incident.title);
    return {
      ...dated(timelineDate(incident.timelines, timing.measured.mttd.start?.line) ?? keyEventDate ?? headingDate ?? documentDate),
      severity,
      mttdMinutes: timing.mttdMinutes,
      mttrMinutes: timing.mttrMinutes,
      ...(incident.title === undefined ? {} : { title: plainText(incident.title) }),
      line: incident.line + 1,
    };
  });
  const openItems: OpenItemSummary[] = [];
  for (const item of model.actionItems) {
    if (item.done) continue;
    const owner = ownerName(item);
    const days = daysOverdue(item, today);
    if (owner === null && days === undefined) continue;
    const due = item.due ? (dueDate(plainText(item.due.text)) ?? null) : null;
    openItems.push({ line: item.line + 1, action: actionText(item), owner, due, ...(days === undefined ? {} : { daysOverdue: days }) });
  }
  const { total, open, withoutOwner } = metrics.actionItems;
  return { file, title: documentTitle(model), incidents, actionItems: { total, open, withoutOwner }, openItems };
}

const dated = (date: string | undefined) => (date === undefined ? {} : { date });

/** The report over `summaries` for a period (inclusive, YYYY-MM-DD; either end open). */
export function buildReport(summaries: readonly PostMortemSummary[], today: string, period: ReportPeriod = {}): Report {
  const inPeriod = periodFilter(period);
  const incidents: IncidentSummary[] = [];
  const kept: PostMortemSummary[] = [];
  for (const summary of summaries) {
    const own = summary.incidents.filter((i) => inPeriod(i.date));
    if (!own.length) continue;
    kept.push(summary);
    incidents.push(...own);
  }

  const actionItems: Report['actionItems'] = { total: 0, open: 0, overdue: 0, withoutOwner: 0, byOwner: {} };
  const owners = new Map<string, OwnerCount>();
  const overdue: (OverdueItem & { fold?: string })[] = [];
  for (const summary of kept) {
    actionItems.total += summary.actionItems.total;
    actionItems.open += summary.actionItems.open;
    actionItems.withoutOwner += summary.actionItems.withoutOwner;
    for (const item of summary.openItems) {
      const late = item.daysOverdue !== undefined;
      const owner = item.owner === null ? undefined : ownerEntry(owners, item.owner);
      if (owner) owner.open++;
      if (!late) continue;
      actionItems.overdue++;
      if (owner) owner.overdue++;
      overdue.push({ file: summary.file, line: item.line, action: item.action, owner: null, due: item.due ?? '', days: item.daysOverdue!, ...(item.owner === null ? {} : { fold: foldOwner(item.owner) }) });
    }
  }
  for (const { name, open, overdue: late } of owners.values()) actionItems.byOwner[name] = { open, overdue: late };
  for (const item of overdue) {
    if (item.fold !== undefined) item.owner = owners.get(item.fold)!.name;
    delete item.fold;
  }
  actionItems.byOwner = sortedRecord(actionItems.byOwner, (a, b) => b[1].overdue - a[1].overdue || b[1].open - a[1].open || compareText(a[0], b[0]));
  overdue.sort((a, b) => b.days - a.days || compareText(a.file, b.file) || a.line - b.line);

  const bySeverity: Record<string, number> = {};
  for (const i of incidents) bySeverity[i.severity] = (bySeverity[i.severity] ?? 0) + 1;

  return {
    postMortems: kept.length,
    incidents: incidents.length,
    actionItems,
    mttdMinutes: distribution(incidents.map((i) => i.mttdMinutes)),
    mttrMinutes: distribution(incidents.map((i) => i.mttrMinutes)),
    bySeverity: sortedRecord(bySeverity, (a, b) => compareSeverities(a[0], b[0])),
    byMonth: byMonth(incidents),
    byQuarter: byQuarter(incidents),
    overdue,
    undatedIncidents: incidents.filter((i) => i.date === undefined).length,
    today,
    since: period.since ?? null,
    until: period.until ?? null,
  };
}

/** Whether an incident's date is in the period: any date, or none, when no period is given; otherwise a date from `since` to `until`, inclusive. */
export function periodFilter(period: ReportPeriod): (date: string | undefined) => boolean {
  const { since, until } = period;
  if (since === undefined && until === undefined) return () => true;
  return (date) => date !== undefined && (since === undefined || date >= since) && (until === undefined || date <= until);
}

/** The quarter of a YYYY-MM-DD date: `2026-Q1`. */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`;
}

/** The median and 90th percentile of the known values (interpolated between the nearest ranks), rounded to hundredths. */
export function distribution(values: readonly (number | null)[]): Distribution {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  return { median: percentile(known, 0.5), p90: percentile(known, 0.9), count: known.length };
}

/** The `p` quantile of sorted values: the value at rank (n − 1)·p, interpolated between its neighbours; null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.min(low + 1, sorted.length - 1);
  return Math.round((sorted[low] + (sorted[high] - sorted[low]) * (rank - low)) * 100) / 100;
}

function byMonth(incidents: readonly IncidentSummary[]): MonthRow[] {
  const groups = groupBy(incidents, (date) => date.slice(0, 7));
  return spanOf(groups, nextMonth).map((month) => {
    const group = groups.get(month) ?? [];
    const bySeverity: Record<string, number> = {};
    for (const i of group) bySeverity[i.severity] = (bySeverity[i.severity] ?? 0) + 1;
    return {
      month,
      incidents: group.length,
      mttrMedian: distribution(group.map((i) => i.mttrMinutes)).median,
      mttdMedian: distribution(group.map((i) => i.mttdMinutes)).median,
      bySeverity: sortedRecord(bySeverity, (a, b) => compareSeverities(a[0], b[0])),
    };
  });
}

function byQuarter(incidents: readonly IncidentSummary[]): QuarterRow[] {
  const groups = groupBy(incidents, quarterOf);
  return spanOf(groups, nextQuarter).map((quarter) => {
    const group = groups.get(quarter) ?? [];
    return { quarter, incidents: group.length, mttd: distribution(group.map((i) => i.mttdMinutes)), mttr: distribution(group.map((i) => i.mttrMinutes)) };
  });
}

function groupBy(incidents: readonly IncidentSummary[], key: (date: string) => string): Map<string, IncidentSummary[]> {
  const groups = new Map<string, IncidentSummary[]>();
  for (const incident of incidents) {
    if (incident.date === undefined) continue;
    const k = key(incident.date);
    const group = groups.get(k);
    if (group) group.push(incident);
    else groups.set(k, [incident]);
  }
  return groups;
}

/** Every period from the first key to the last, in order. */
export function spanOf(groups: Map<string, unknown>, next: (key: string) => string): string[] {
  const keys = [...groups.keys()].sort();
  if (!keys.length) return [];
  const span = [keys[0]];
  while (span[span.length - 1] < keys[keys.length - 1]) span.push(next(span[span.length - 1]));
  return span;
}

export function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${pad(year + 1, 4)}-01` : `${pad(year, 4)}-${pad(m + 1, 2)}`;
}

export function nextQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 4 ? `${pad(year + 1, 4)}-Q1` : `${pad(year, 4)}-Q${q + 1}`;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The day of the incident's start in its measured timeline, else of that timeline's first dated entry. */
function timelineDate(timelines: PostMortem['timelines'], startLine: number | undefined): string | undefined {
  const timeline = primaryTimeline(timelines);
  if (!timeline || timeline.datesUnknown) return undefined;
  const start = startLine === undefined ? undefined : timeline.entries.find((e) => e.startLine === startLine);
  const entry = start?.at?.dateKnown ? start : timeline.entries.find((e) => e.at?.dateKnown);
  return entry?.at ? dayToIso(entry.at.day) : undefined;
}

function dayToIso(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The day of the document's key events: its start, else its first detection, else the first dated one. */
function keyEventsDate(model: PostMortem): string | undefined {
  const dated = model.keyEvents.filter((e) => e.at.dateKnown);
  const event = dated.find((e) => e.kind === 'start') ?? dated.find((e) => e.kind === 'detected') ?? dated[0];
  return event ? dayToIso(event.at.day) : undefined;
}

/** The labels of an incident date field as teams write them. */
const INCIDENT_DATE_KEYS = new Set(['incident date', 'date of incident', 'incident start date', 'start date', 'incident start']);
/** The document's own date (the template's `Date`). */
const DATE_KEYS = new Set(['date']);

/** A metadata field's date as YYYY-MM-DD, when it holds a full date (the first of a range). */
function fieldDate(model: PostMortem, keys: ReadonlySet<string>): string | undefined {
  const field = model.metadata.fields.find((f) => keys.has(f.key));
  return field ? dateIn(plainText(field.value.text)) : undefined;
}

/** A YYYY-MM-DD date the file's name (its last path segment) starts with. */
function fileNameDate(file: string): string | undefined {
  const name = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const date = /^(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(name);
  return date ? isoDay({ year: Number(date[1]), month: Number(date[2]), day: Number(date[3]) }) : undefined;
}

/** The first real full date in a short text (a heading, a field), as YYYY-MM-DD. */
function dateIn(text: string): string | undefined {
  const date = findDate(text);
  return date ? isoDay(date) : undefined;
}

function isoDay(date: CalendarDate): string | undefined {
  const iso = `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** `P1`, `SEV1`, `Critical` as the report counts them (see the module's comment). */
export function severityLabel(text: string): string {
  const t = plainText(text).replace(/\s+/g, ' ');
  if (!t || isPlaceholder(t) || /[|/]/.test(t)) return UNSET_SEVERITY;
  const level = /^(p|sev|severity)[ -]?(\d)(?!\d)/i.exec(t);
  if (level) return `${level[1].toLowerCase() === 'p' ? 'P' : 'SEV'}${level[2]}`;
  if (/^[a-z]+$/i.test(t)) return t[0].toUpperCase() + t.slice(1).toLowerCase();
  return t.length > 40 ? `${t.slice(0, 39)}…` : t;
}

/** P0 before P1, SEV1 before SEV2, the words in the order of our priorities, then the rest by name, Unset last. */
function compareSeverities(a: string, b: string): number {
  return severityRank(a) - severityRank(b) || compareText(a, b);
}

const WORD_RANK = ['critical', 'high', 'major', 'medium', 'moderate', 'minor', 'low'];

function severityRank(s: string): number {
  if (s === UNSET_SEVERITY) return 1000;
  const level = /^(?:P|SEV)(\d)$/.exec(s);
  if (level) return (s.startsWith('P') ? 0 : 10) + Number(level[1]);
  const word = WORD_RANK.indexOf(s.toLowerCase());
  return word >= 0 ? 20 + word : 100;
}

interface OwnerCount {
  name: string;
  open: number;
  overdue: number;
  /** Named by a handle so far. */
  handle?: boolean;
}

/** The owner as written, emphasis dropped, a link's text kept (`[@alex](https://…)`) and white space folded, or null when it names nobody. */
export function ownerName(item: ActionItem): string | null {
  const written = plainText(item.owner?.text ?? '');
  const link = /^\[([^[\]]+)\]\([^()\s]*\)$/.exec(written);
  const text = link ? link[1].trim() : written;
  return isMissingOwner(text) || /^@*$/.test(text) ? null : text.replace(/\s+/g, ' ');
}

/** The key that makes `@alex`, `Alex` and `ALEX` one owner. */
export function foldOwner(written: string): string {
  return written.replace(/^@+/, '').toLowerCase();
}

/**
 * The owner's counts, one entry per folded name: named as first written without `@`, or as the
 * first handle (without its `@`) until a spelling without `@` comes.
 */
function ownerEntry(owners: Map<string, OwnerCount>, written: string): OwnerCount {
  const fold = foldOwner(written);
  const handle = written.startsWith('@');
  const entry = owners.get(fold);
  if (!entry) {
    const created: OwnerCount = { name: written.replace(/^@+/, ''), open: 0, overdue: 0, ...(handle ? { handle } : {}) };
    owners.set(fold, created);
    return created;
  }
  if (entry.handle && !handle) (entry.name = written, delete entry.handle);
  return entry;
}

export function actionText(item: ActionItem): string {
  return plainText(item.action?.text ?? '').replace(/\s+/g, ' ') || `Action item ${item.number}`;
}

function documentTitle(model: PostMortem): string {
  return plainText(model.title?.text.replace(/^#+\s*/, '') ?? model.frontMatterTitle?.text ?? '') || 'Untitled post-mortem';
}

function sortedRecord<T>(record: Record<string, T>, compare: (a: [string, T], b: [string, T]) => number): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(compare));
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
