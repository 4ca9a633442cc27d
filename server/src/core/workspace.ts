/**
 * What the editor's workspace index keeps of one post-mortem (the Post-Mortems and Action Items
 * views): its headline figures, its problem counts and every action item, small enough to hold a
 * thousand. Read as the report reads a post-mortem (core/report.ts: title, incident date, severity,
 * owners); overdue days are measured when asked, from the due date kept here.
 */
import type { Analysis } from './analyze';
import type { Severity } from './diagnostic';
import { formatMinutes } from './duration';
import type { Status } from './model';
import { dueDate } from './overdue';
import { actionText, foldOwner, ownerName, summarizePostMortem } from './report';

export { foldOwner };
import { plainText } from './vocabulary';

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
