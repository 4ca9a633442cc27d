/**
 * What the editor's workspace index keeps of one post-mortem (the Post-Mortems and Action Items
 * views): its headline figures, its problem counts and every action item, small enough to hold a
 * thousand. Read as the report reads a post-mortem (core/report.ts: title, incident date, severity,
 * owners); overdue days are measured when asked, from the due date kept here.
 */
import type { Analysis } from './analyze';
import type { Severity } from './diagnostic';
import { formatMinutes } from './duration';
import type { PostMortem, Status } from './model';
import { dueDate } from './overdue';
import { isMissingOwner } from './owners';
import { type PostMortemSummary, actionText, foldOwner, ownerName, summarizePostMortem } from './report';

export { foldOwner };
import { isPlaceholder, plainText } from './vocabulary';

export interface WorkspaceItem {
  /** 0-based line of the item. */
  line: number;
  action: string;
  /** The owner as the report names it, or null when it names nobody. */
  owner: string | null;
  /** The due date as YYYY-MM-DD when it is one (a quarter is due on its last day). */
  due: string | null;
  /** The due date as written, without emphasis. */
  dueText: string;
  done: boolean;
}

/** An incident as the report counts it (core/report.ts IncidentSummary), its line 0-based. */
export interface WorkspaceIncident {
  /** YYYY-MM-DD, null when unknown. */
  date: string | null;
  severity: string;
  mttdMinutes: number | null;
  mttrMinutes: number | null;
  /** The incident's heading, for a document that covers several. */
  title?: string;
  /** 0-based line of the incident's heading, 0 for the whole document. */
  line: number;
}

/** A name the document gives (a service, a category) and the 0-based line it is written on. */
export interface WorkspaceTag {
  name: string;
  line: number;
}

export interface WorkspaceSummary {
  title: string;
  status: Status;
  /** The first incident's date, YYYY-MM-DD, as the report dates it. */
  date: string | null;
  severity: string;
  mttrMinutes: number | null;
  /** "1h 10m", null without an MTTR. */
  mttr: string | null;
  /** 0 to 1, as the metrics measure it. */
  completeness: number;
  problems: Record<Severity, number>;
  items: WorkspaceItem[];
  /** Open items without an owner, as the metrics count them. */
  withoutOwner: number;
  /** Every incident the document covers (the Insights page's trends). */
  incidents: WorkspaceIncident[];
  /** The services its metadata names (`Services`, `Affected services`), each once. */
  services: WorkspaceTag[];
  /** The categories (Type cells) of its contributing factors, each once, at its first factor. */
  factorCategories: WorkspaceTag[];
  /** Its root cause's category, when it states one. */
  rootCauseCategories: WorkspaceTag[];
}

/** The summary of one analysed post-mortem; `file` is its path or URI (the file name may date it). */
export function summarizeForWorkspace(file: string, analysis: Pick<Analysis, 'model' | 'metrics' | 'diagnostics'>, today: string): WorkspaceSummary {
  const { model, metrics, diagnostics } = analysis;
  const report = summarizePostMortem(file, analysis, today);
  const problems: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const d of diagnostics) problems[d.severity]++;
  return {
    title: report.title,
    status: model.metadata.statusValue,
    date: report.incidents.find((i) => i.date !== undefined)?.date ?? null,
    severity: report.incidents[0]?.severity ?? 'Unset',
    mttrMinutes: metrics.mttrMinutes,
    mttr: metrics.mttrMinutes === null ? null : formatMinutes(metrics.mttrMinutes),
    completeness: metrics.completeness,
    problems,
    items: model.actionItems.map((item) => {
      const dueText = plainText(item.due?.text ?? '');
      return { line: item.line, action: actionText(item), owner: ownerName(item), due: dueText ? (dueDate(dueText) ?? null) : null, dueText, done: item.done };
    }),
    withoutOwner: metrics.actionItems.withoutOwner,
    incidents: report.incidents.map((i) => ({ date: i.date ?? null, severity: i.severity, mttdMinutes: i.mttdMinutes, mttrMinutes: i.mttrMinutes, ...(i.title === undefined ? {} : { title: i.title }), line: i.line - 1 })),
    ...tagsOf(model),
  };
}

/**
 * The services, factor categories and root-cause category of a post-mortem, each named once (in
 * any case: `API` and `api` are one, named as first written) at the line it is first written on.
 * A service field is a list: split at commas and semicolons. A value that names nothing (empty,
 * `N/A`, `TBD`, a placeholder) or is the template's list of options (`Technical / Process / Human`) is left out.
 */
function tagsOf(model: PostMortem): Pick<WorkspaceSummary, 'services' | 'factorCategories' | 'rootCauseCategories'> {
  const services = new Tags();
  const field = model.metadata.services;
  if (field) for (const part of field.value.text.split(/[,;]/)) services.add(part, field.line);
  const factors = new Tags();
  for (const factor of model.factors) if (factor.type) factors.add(factor.type.text, factor.line);
  const rootCauses = new Tags();
  if (model.rootCauseCategory) rootCauses.add(model.rootCauseCategory.value.text, model.rootCauseCategory.line);
  return { services: services.list, factorCategories: factors.list, rootCauseCategories: rootCauses.list };
}

class Tags {
  readonly list: WorkspaceTag[] = [];
  private readonly seen = new Set<string>();

  add(written: string, line: number): void {
    const name = tagName(written);
    if (name === undefined || this.seen.has(foldTag(name))) return;
    this.seen.add(foldTag(name));
    this.list.push({ name, line });
  }
}

/** A service or category as written: emphasis and a link's address dropped, white space folded, at most 40 characters; undefined when it names nothing. */
export function tagName(written: string): string | undefined {
  const text = plainText(written);
  const link = /^\[([^[\]]+)\]\([^()\s]*\)$/.exec(text);
  const name = (link ? link[1] : text).replace(/\s+/g, ' ').replace(/[.:]$/, '').trim();
  if (!name || isMissingOwner(name) || isPlaceholder(name) || /[|/]/.test(name)) return undefined;
  return name.length > 40 ? `${name.slice(0, 39)}…` : name;
}

/** The key that makes `API` and `api` one service or category. */
export function foldTag(name: string): string {
  return name.toLowerCase();
}

/**
 * The report's summary of an indexed post-mortem (core/report.ts buildReport's input), from what
 * the index keeps: its incidents, and its open items with an owner or past due on `today`.
 */
export function reportSummaryOf(file: string, s: WorkspaceSummary, today: string): PostMortemSummary {
  const open = s.items.filter((i) => !i.done);
  return {
    file,
    title: s.title,
    incidents: s.incidents.map((i) => ({ ...(i.date === null ? {} : { date: i.date }), severity: i.severity, mttdMinutes: i.mttdMinutes, mttrMinutes: i.mttrMinutes, ...(i.title === undefined ? {} : { title: i.title }), line: i.line + 1 })),
    actionItems: { total: s.items.length, open: open.length, withoutOwner: s.withoutOwner },
    openItems: open.flatMap((i) => {
      const days = overdueDays(i, today);
      if (i.owner === null && days === null) return [];
      return [{ line: i.line + 1, action: i.action, owner: i.owner, due: i.due, ...(days === null ? {} : { daysOverdue: days }) }];
    }),
  };
}

/** Days an open item is past its due date on `today` (YYYY-MM-DD), or null: as core/overdue.ts counts them. */
export function overdueDays(item: Pick<WorkspaceItem, 'due' | 'done'>, today: string): number | null {
  if (item.done || item.due === null) return null;
  const days = Math.round((Date.parse(today) - Date.parse(item.due)) / 86_400_000);
  return days > 0 ? days : null;
}

/** Whether the owner is `me` (a name or a handle, in any case: `@alex` is Alex). */
export function isMine(owner: string | null, me: string | undefined): boolean {
  return owner !== null && me !== undefined && me.trim() !== '' && foldOwner(owner) === foldOwner(me.trim());
}
