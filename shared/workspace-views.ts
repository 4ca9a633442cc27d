/**
 * The Post-Mortems and Action Items views as data: grouping, filters and labels, without VS Code
 * (the client maps them onto TreeItems; test/unit/workspace-views.test.ts tests them). Every
 * figure comes from the server (shared/protocol.ts): nothing here reads a document.
 */
import type { ActionItemFilters, ActionItemGrouping, Status, WorkspaceActionItem, WorkspaceActionItemGroup, WorkspacePostMortem, WorkspacePostMortemsResult } from './protocol';

export type { ActionItemFilters, ActionItemGrouping };
export type PostMortemGrouping = 'status' | 'year';

export interface Group<T> {
  /** Stable within its grouping: the tree keeps a group's expansion by it. */
  id: string;
  label: string;
  /** "3 · 1 overdue" */
  description: string;
  items: T[];
}

const STATUS_ORDER: Status[] = ['Draft', 'In Review', 'Final', 'Approved'];
export const NO_DATE = 'No date';
export const NO_OWNER = 'No owner';

/** By status (Draft first, as the work to do) or by year (the latest first, undated last); in each, the latest incident first. */
export function groupPostMortems(postMortems: readonly WorkspacePostMortem[], by: PostMortemGrouping): Group<WorkspacePostMortem>[] {
  const key = (p: WorkspacePostMortem) => (by === 'status' ? p.status : (p.date?.slice(0, 4) ?? NO_DATE));
  const groups = groupBy(postMortems, key);
  const order = by === 'status' ? (a: string, b: string) => STATUS_ORDER.indexOf(a as Status) - STATUS_ORDER.indexOf(b as Status) : (a: string, b: string) => (a === NO_DATE ? 1 : b === NO_DATE ? -1 : compare(b, a));
  return [...groups.keys()].sort(order).map((label) => {
    const items = groups.get(label)!.sort((a, b) => compare(b.date ?? '', a.date ?? '') || compare(a.title, b.title) || compare(a.uri, b.uri));
    return { id: `${by}:${label}`, label, description: String(items.length), items };
  });
}

/**
 * The post-mortems a client holds (by URI) brought up to an answer: the whole list, or (with
 * `removed`) what changed since the revision it held. Returns the list, sorted by URI as the server sorts it.
 */
export function applyPostMortems(known: Map<string, WorkspacePostMortem>, result: Pick<WorkspacePostMortemsResult, 'postMortems' | 'removed'>): WorkspacePostMortem[] {
  if (!result.removed) known.clear();
  for (const uri of result.removed ?? []) known.delete(uri);
  for (const p of result.postMortems) known.set(p.uri, p);
  return [...known.values()].sort((a, b) => compare(a.uri, b.uri));
}

/** How many problems a post-mortem has, in words ("2 problems"), or '' for none. */
export function problemCount(p: WorkspacePostMortem): number {
  return p.problems.error + p.problems.warning + p.problems.information + p.problems.hint;
}

/** `2026-03-14 · P1 · MTTR 1h 10m · 80% complete · 3 problems`: what is known, in that order. */
export function postMortemDescription(p: WorkspacePostMortem): string {
  const problems = problemCount(p);
  return [
    p.date ?? undefined,
    p.severity === 'Unset' ? undefined : p.severity,
    p.mttr === null ? undefined : `MTTR ${p.mttr}`,
    `${Math.round(p.completeness * 100)}% complete`,
    problems && p.problemsCounted ? plural(problems, 'problem') : undefined,
  ]
    .filter((part) => part !== undefined)
    .join(' · ');
}

/** The tooltip: the title, its figures and its problems and action items by kind. */
export function postMortemTooltip(p: WorkspacePostMortem): string {
  const { error, warning, information, hint } = p.problems;
  const problems = !p.problemsCounted
    ? 'Problems not counted yet'
    : problemCount(p)
      ? `${plural(problemCount(p), 'problem')}: ${error} errors, ${warning} warnings, ${information} information, ${hint} hints`
      : 'No problems';
  const items = `${plural(p.actionItems.total, 'action item')}, ${p.actionItems.open} open, ${p.actionItems.overdue} overdue`;
  return [p.title, `${p.status} · ${postMortemDescription(p)}`, problems, items].join('\n');
}

/** The items that pass every filter that is on. */
export function filterActionItems(items: readonly WorkspaceActionItem[], filters: ActionItemFilters): WorkspaceActionItem[] {
  return items.filter(
    (i) => (!filters.open || !i.done) && (!filters.overdue || i.overdueDays !== null) && (!filters.withoutOwner || (i.owner === null && !i.done)) && (!filters.mine || i.mine),
  );
}

/** The badge of the Action Items view: the overdue items (of those the filters show). */
export function overdueCount(items: readonly WorkspaceActionItem[]): number {
  return items.filter((i) => i.overdueDays !== null).length;
}

/**
 * Grouped by owner (the most overdue first, then by name, items without owner last: `@alex` and
 * `Alex` are one owner, named as first written without `@`), by post-mortem (by title), or by due
 * date: Overdue, due within 7 days, within 30, later, no due date, done. In a group, the most
 * overdue first, then by due date, then by place.
 */
export function groupActionItems(items: readonly WorkspaceActionItem[], by: ActionItemGrouping, today: string): Group<WorkspaceActionItem>[] {
  let groups: Map<string, WorkspaceActionItem[]>;
  let labels = (key: string) => key;
  let order: (a: string, b: string) => number;
  if (by === 'owner') {
    const names = new Map<string, string>();
    groups = groupBy(items, (i) => {
      if (i.owner === null || i.ownerKey === null) return NO_OWNER;
      const fold = i.ownerKey;
      const name = names.get(fold);
      if (name === undefined || (name.startsWith('@') && !i.owner.startsWith('@'))) names.set(fold, i.owner);
      return `owner:${fold}`;
    });
    labels = (key) => (key === NO_OWNER ? NO_OWNER : names.get(key.slice(6))!.replace(/^@+/, ''));
    const late = (key: string) => overdueCount(groups.get(key)!);
    order = (a, b) => (a === NO_OWNER ? 1 : b === NO_OWNER ? -1 : late(b) - late(a) || compare(labels(a).toLowerCase(), labels(b).toLowerCase()));
  } else if (by === 'postMortem') {
    groups = groupBy(items, (i) => i.uri);
    const title = new Map(items.map((i) => [i.uri, i.postMortem]));
    labels = (key) => title.get(key)!;
    order = (a, b) => compare(labels(a), labels(b)) || compare(a, b);
  } else {
    groups = groupBy(items, (i) => dueBucket(i, today));
    order = (a, b) => DUE_BUCKETS.indexOf(a) - DUE_BUCKETS.indexOf(b);
  }
  return [...groups.keys()].sort(order).map((key) => {
    const group = groups.get(key)!.sort((a, b) => (b.overdueDays ?? 0) - (a.overdueDays ?? 0) || compare(a.due ?? '\uffff', b.due ?? '\uffff') || compare(a.uri, b.uri) || a.line - b.line);
    const late = overdueCount(group);
    return { id: `${by}:${key}`, label: labels(key), description: late ? `${group.length} · ${late} overdue` : String(group.length), items: group };
  });
}

/** The items a view shows first of each group: the items in the groups' order, at most `limit` of each group (more of those `limits` names). */
export function pageGroups(groups: readonly Group<WorkspaceActionItem>[], limit: number, limits: Readonly<Record<string, number>> = {}): { items: WorkspaceActionItem[]; groups: WorkspaceActionItemGroup[] } {
  const items: WorkspaceActionItem[] = [];
  const pages = groups.map(({ id, label, description, items: all }) => {
    const shown = all.slice(0, Math.max(0, Math.max(limit, limits[id] ?? 0)));
    items.push(...shown);
    return { id, label, description, total: all.length, count: shown.length };
  });
  return { items, groups: pages };
}

/** The groups of a paged answer (pageGroups), each with its items again. */
export function unpageGroups(items: readonly WorkspaceActionItem[], groups: readonly WorkspaceActionItemGroup[]): (Group<WorkspaceActionItem> & { total: number })[] {
  let start = 0;
  return groups.map(({ id, label, description, total, count }) => {
    const group = { id, label, description, total, items: items.slice(start, start + count) };
    start += count;
    return group;
  });
}

const DUE_BUCKETS = ['Overdue', 'Due within 7 days', 'Due within 30 days', 'Due later', 'No due date', 'Done'];

function dueBucket(item: WorkspaceActionItem, today: string): string {
  if (item.done) return 'Done';
  if (item.overdueDays !== null) return 'Overdue';
  if (item.due === null) return 'No due date';
  const days = Math.round((Date.parse(item.due) - Date.parse(today)) / 86_400_000);
  return days <= 7 ? 'Due within 7 days' : days <= 30 ? 'Due within 30 days' : 'Due later';
}

/** An item's row: the action; its description says who, when and how late (what its group does not say already). */
export function actionItemLabel(item: WorkspaceActionItem, by: ActionItemGrouping): { label: string; description: string; tooltip: string } {
  const due = item.dueText ? `due ${item.due ?? item.dueText}` : undefined;
  const state = item.done ? 'done' : item.overdueDays !== null ? `${plural(item.overdueDays, 'day')} overdue` : undefined;
  const parts = [by === 'owner' ? undefined : (item.owner ?? NO_OWNER.toLowerCase()), due, state, by === 'postMortem' ? undefined : item.postMortem];
  const description = parts.filter((p) => p !== undefined).join(' · ');
  return { label: item.action, description, tooltip: [item.action, `Owner: ${item.owner ?? 'none'}`, `Due: ${item.dueText || 'none'}`, state ? `State: ${state}` : 'State: open', `${item.postMortem}, line ${item.line + 1}`].join('\n') };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
