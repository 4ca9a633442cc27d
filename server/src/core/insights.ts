/**
 * The Insights page's figures: the workspace report (core/report.ts buildReport: incidents by
 * month and severity, MTTD and MTTR by quarter, owners, overdue items) over the index's summaries,
 * and what only the page shows, each point knowing the post-mortems behind it:
 *
 * - Quarters: each quarter's MTTD and MTTR median and p90 (the report's), with a link to every
 *   incident dated in it (its post-mortem and the incident's line).
 * - Action items over time: a Markdown file knows whether an item is done today, not when it was
 *   closed. So each item counts in the month of its post-mortem's incident (the first dated one in
 *   the period), and each month shows, cumulatively, how many of the items raised up to then are
 *   still open today and how many are closed. Items of a post-mortem without a dated incident
 *   count in no month.
 * - Services, contributing-factor categories and root-cause categories: how many post-mortems
 *   name each (a post-mortem counts once per name, in any case), the most frequent first.
 *
 * A period keeps the post-mortems with an incident in it, as the report does.
 */
import {
  type Distribution,
  type Report,
  type ReportPeriod,
  buildReport,
  compareText,
  distribution,
  nextMonth,
  nextQuarter,
  periodFilter,
  quarterOf,
  spanOf,
} from './report';
import { type WorkspaceSummary, type WorkspaceTag, foldTag, reportSummaryOf } from './workspace';

/** A post-mortem (or one incident of it) a point of a chart stands for. */
export interface InsightLink {
  uri: string;
  /** 0-based line: the incident's heading, the field or factor that names the category. */
  line: number;
  /** The post-mortem's title, and the incident's heading for a document that covers several. */
  label: string;
}

export interface QuarterInsight {
  quarter: string;
  incidents: number;
  mttd: Distribution;
  mttr: Distribution;
  /** Every incident dated in the quarter, by date. */
  links: InsightLink[];
}

export interface ItemsMonth {
  month: string;
  /** Items of the post-mortems of incidents in this month. */
  raised: number;
  /** Of all items raised up to this month (inclusive): still open today, and done. */
  open: number;
  closed: number;
}

export interface TagCount {
  name: string;
  /** Post-mortems that name it. */
  count: number;
  links: InsightLink[];
}

export interface Insights {
  report: Report;
  quarters: QuarterInsight[];
  itemsByMonth: ItemsMonth[];
  /** Items of post-mortems without a dated incident, in no month. */
  undatedItems: { open: number; closed: number };
  services: TagCount[];
  factorCategories: TagCount[];
  rootCauseCategories: TagCount[];
}

export interface InsightsEntry {
  uri: string;
  summary: WorkspaceSummary;
}

/** The Insights page's figures over the index's entries (any order) on `today`, for a period (inclusive, YYYY-MM-DD). */
export function buildInsights(entries: readonly InsightsEntry[], today: string, period: ReportPeriod = {}): Insights {
  const sorted = [...entries].sort((a, b) => compareText(a.uri, b.uri));
  const report = buildReport(
    sorted.map((e) => reportSummaryOf(e.uri, e.summary, today)),
    today,
    period,
  );
  const inPeriod = periodFilter(period);
  const kept = sorted.filter((e) => e.summary.incidents.some((i) => inPeriod(i.date ?? undefined)));

  const quarters = new Map<string, { date: string; link: InsightLink }[]>();
  const months = new Map<string, { open: number; closed: number }>();
  const undatedItems = { open: 0, closed: 0 };
  for (const { uri, summary } of kept) {
    const dated = summary.incidents.filter((i): i is typeof i & { date: string } => i.date !== null && inPeriod(i.date));
    for (const incident of dated) {
      const label = incident.title === undefined || incident.title === summary.title ? summary.title : `${summary.title}: ${incident.title}`;
      push(quarters, quarterOf(incident.date), { date: incident.date, link: { uri, line: incident.line, label } });
    }
    const first = dated.map((i) => i.date).sort()[0];
    const closed = summary.items.filter((i) => i.done).length;
    const counts = first === undefined ? undatedItems : (months.get(first.slice(0, 7)) ?? set(months, first.slice(0, 7), { open: 0, closed: 0 }));
    counts.open += summary.items.length - closed;
    counts.closed += closed;
  }

  const byQuarter = new Map(report.byQuarter.map((q) => [q.quarter, q]));
  const quarterRows = spanOf(quarters, nextQuarter).map((quarter): QuarterInsight => {
    const row = byQuarter.get(quarter);
    const points = (quarters.get(quarter) ?? []).sort((a, b) => compareText(a.date, b.date));
    return { quarter, incidents: row?.incidents ?? 0, mttd: row?.mttd ?? distribution([]), mttr: row?.mttr ?? distribution([]), links: points.map((p) => p.link) };
  });

  let open = 0;
  let closed = 0;
  const itemsByMonth = spanOf(months, nextMonth).map((month): ItemsMonth => {
    const counts = months.get(month) ?? { open: 0, closed: 0 };
    open += counts.open;
    closed += counts.closed;
    return { month, raised: counts.open + counts.closed, open, closed };
  });

  return {
    report,
    quarters: quarterRows,
    itemsByMonth,
    undatedItems,
    services: tagCounts(kept, (s) => s.services),
    factorCategories: tagCounts(kept, (s) => s.factorCategories),
    rootCauseCategories: tagCounts(kept, (s) => s.rootCauseCategories),
  };
}

/** How many post-mortems name each tag (named as first written), the most frequent first, then by name. */
function tagCounts(entries: readonly InsightsEntry[], tags: (s: WorkspaceSummary) => readonly WorkspaceTag[]): TagCount[] {
  const counts = new Map<string, TagCount>();
  for (const { uri, summary } of entries) {
    for (const tag of tags(summary)) {
      const key = foldTag(tag.name);
      const entry = counts.get(key) ?? set(counts, key, { name: tag.name, count: 0, links: [] });
      entry.count++;
      entry.links.push({ uri, line: tag.line, label: summary.title });
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || compareText(a.name.toLowerCase(), b.name.toLowerCase()));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function set<K, V>(map: Map<K, V>, key: K, value: V): V {
  map.set(key, value);
  return value;
}
