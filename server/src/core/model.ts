import type { Position, Range, Span } from './text';
import type { HtmlComment } from './views';
import type { ResolvedTime, TimeProblem } from './time';
import type { StatedDuration } from './duration';
import type { MarkerKind, MetricKind, Status, TimelineSource } from './vocabulary';
import type { SlotScan } from './slots';

export type { MarkerKind, MetricKind, Status, TimelineSource };

/** What a section is in the template, whatever its number or exact wording. */
export type SectionKind =
  | 'history' | 'blameless' | 'metadata' | 'summary' | 'impact' | 'timeline' | 'rootCause' | 'whys' | 'factors'
  | 'trigger' | 'wentWell' | 'wentWrong' | 'lucky' | 'actions' | 'followUp' | 'recurrence' | 'signoff'
  | 'related' | 'approval';

export interface Section {
  /** The heading as written, without `#` marks. */
  heading: string;
  /** The heading without numbering and emphasis: "4. **Detailed Timeline**" → "Detailed Timeline". */
  title: string;
  number?: string;
  level: number;
  kind?: SectionKind;
  /** The heading's line; the section runs until `endLine` (exclusive). */
  line: number;
  endLine: number;
  range: Range;
  /** Index of the enclosing section in `PostMortem.sections`. */
  parent?: number;
}

export interface Cell extends Span {
  /** Text between the pipes, untrimmed: where an edit that fills an empty cell goes. */
  inner: Range;
}

export interface TableRow {
  line: number;
  /** The row's cells, the first `MAX_CELLS` of them at most (see extract/tables.ts). */
  cells: Cell[];
  /** How many cells the row really has, kept cells or not. */
  cellCount: number;
}

export interface Table {
  header: TableRow;
  rows: TableRow[];
  /** Lines of the whole table, header to last row (end exclusive). */
  startLine: number;
  endLine: number;
  section?: number;
}

/** A `Label: value` pair, from a line (`**MTTD:** 12 minutes`, `> **Status:** Draft`) or a two-column table row. */
export interface Field {
  label: string;
  /** Lower-case label without punctuation, for matching. */
  key: string;
  labelRange: Range;
  value: Span;
  line: number;
  source: 'line' | 'table';
  section?: number;
}

export interface Marker {
  kind: MarkerKind;
  label: string;
  range: Range;
  /**
   * The phrase the marker was read from when the entry has no explicit marker (`← Detection`, a
   * marker column) and its event names it in words ("alert fired"); undefined for an explicit one.
   */
  phrase?: string;
}

export interface TimelineEntry {
  /** 1-based position in its timeline, as a writer counts rows. */
  index: number;
  time: Span;
  /** Undefined when the time cannot be read (or is a placeholder: see `placeholder`). */
  at?: ResolvedTime;
  placeholder: boolean;
  /** Why a time that looks like one cannot be placed (`13:55 PM`, `3:75 pm`, `15.26`, `[???]`). */
  problem?: TimeProblem;
  event: Span;
  marker?: Marker;
  /** The lines this entry occupies (end exclusive), moved as a whole when the timeline is sorted. */
  startLine: number;
  endLine: number;
}

export interface Timeline {
  source: TimelineSource;
  entries: TimelineEntry[];
  /** Lines that hold the entries (end exclusive). */
  startLine: number;
  endLine: number;
  section?: number;
  /**
   * True when the timeline's dates are written in numbers and whether the day or the month comes
   * first cannot be told (`03-04-2026` then `04-05-2026`): the times are kept, the days are not,
   * and no metric is measured from it.
   */
  datesUnknown?: boolean;
}

/**
 * An incident the document covers. A document with several incidents, each under its own heading
 * with its own timeline (`## Incident 2`, `### 2022-01-25: second outage`), has one per heading;
 * any other has one, the whole document, with every timeline.
 */
export interface Incident {
  /** The incident's heading as titled; undefined for the whole document. */
  title?: string;
  /** The heading's line (0 for the whole document). */
  line: number;
  /** Lines of the incident (end exclusive). */
  startLine: number;
  endLine: number;
  timelines: Timeline[];
}

export interface StatedMetric {
  kind: MetricKind;
  field: Field;
  /** The duration as written; undefined when it is a placeholder or cannot be read. */
  stated?: StatedDuration;
}

/**
 * How a figure is meant: `exact` ("66 minutes"), `about` ("about", "~", "roughly", "nearly"),
 * `atLeast` ("at least", "over", "more than") or `atMost` ("within", "under", "less than").
 */
export type Approximation = 'exact' | 'about' | 'atLeast' | 'atMost';

/** The event a verb names when a figure counts the time to it: "the alert fired 2 minutes after", "detected within", "restored within". */
export type FigureEvent = 'alert' | 'detection' | 'mitigation' | 'recovery';

/** What a stated figure measures: one of the metrics, or the time to mitigate (Mitigated − Incident start), which is not the time to resolve. */
export type FigureKind = MetricKind | 'mitigation' | 'repair';

/** A figure stated outside the template's metric fields: "down for 66 minutes", `Incident Duration | 3h 45m`. */
export interface StatedFigure {
  kind: FigureKind;
  line: number;
  stated: StatedDuration;
  approximation: Approximation;
  /** The approximation as written ("about", "at least"); undefined for an exact figure. */
  approximationWord?: string;
  /** The figure with its approximation, as written: "about 45 minutes". */
  text: string;
  range: Range;
  /** The figure alone: "45 minutes". */
  figure: Range;
  /** The words that state it, as written: "unavailable for about 45 minutes", "40min of total outage", "Time to resolve: 35h 36m". */
  statement: string;
  event?: FigureEvent;
  /** The figure qualifies the noun after it ("a 47 minute period", "30min outage"): no corrected value is offered. */
  attributive?: boolean;
}

/** What a key event names: `- First detected: 2023-09-18 13:42`, `- Resolved 2023-09-20 19:18`. */
export type KeyEventKind = 'start' | 'detected' | 'declared' | 'mitigated' | 'repaired' | 'restored' | 'resolved';

/** A key event stated as a label and a dated time on a line of its own, outside any timeline (the Ministry of Justice's "Key events" list). */
export interface KeyEvent {
  kind: KeyEventKind;
  /** The label as written: "First detected". */
  label: string;
  /** The time as written: "2023-09-18 13:42". */
  time: string;
  at: ResolvedTime;
  line: number;
}

/** A time range with its length stated after it: `21:45 to 23:28 UTC (103 minutes)`. */
export interface WindowFigure {
  line: number;
  /** The range and its length, as written. */
  text: string;
  /** The range as written: "21:45 to 23:28 UTC". */
  window: string;
  /** Minutes from the range's first time to its second; null when they cannot be placed (different zones, a date alone). */
  minutes: number | null;
  stated: StatedDuration;
  /** The stated length alone: "103 minutes". */
  figure: Range;
}

export type ActionGroup = 'short-term' | 'long-term' | 'process' | 'other';

export interface ActionItem {
  /** The `#` cell's number, the list item's number, or the item's position in its table or section. */
  number: string;
  group: ActionGroup;
  /** The heading of the item's section ("Short-Term Fixes (This Sprint)", "Next steps"). */
  tableTitle: string;
  action?: Cell;
  /** The owner cell, or the owner a list item names (`@name`, `(owner: X)`, `Owner: X`, `— X`, `[X]`). */
  owner?: Cell;
  due?: Cell;
  priority?: Cell;
  ticket?: Cell;
  /** The Addresses (Cause, Factor) cell: which causes the item addresses (`CF-1, CF-3`, `Why 5`, `General`). */
  addresses?: Cell;
  /** The Type (Kind, Category) cell, which may mark the item as general hygiene. */
  category?: Cell;
  line: number;
  /** A table row, or a list item (`- [ ] …`, a bullet or a numbered item) under an action heading. */
  source: 'table' | 'list';
  /** Done: `[x]`, struck through, marked Done or Completed, or a done status cell; never missing an owner or overdue. */
  done: boolean;
  /**
   * Whether the team's format gives an item an owner: a table with an owner column, an item that
   * names one (even `TBD`), or a list whose other items name owners.
   */
  ownerExpected: boolean;
  /** The section the item is in (its innermost heading). */
  section?: number;
  /** The list item that labels this one's list as the action items (`- **Review actions**:`), where it is that rather than a heading. */
  anchor?: Range;
}

export interface WhyRow {
  label: string;
  question?: Cell;
  answer?: Cell;
  line: number;
}

export interface ContributingFactor {
  /** The factor as written: a table's Factor cell, a list item's first line, or a sub-heading of a Contributing Factors section. */
  factor: Cell;
  type?: Cell;
  actionRequired?: Cell;
  line: number;
  /** Where it was read from; a table row when undefined. */
  source?: 'table' | 'list' | 'heading';
  /** More of its words than the cell holds: a list item's whole paragraph, the first paragraph under a heading (bounded). */
  detail?: string;
}

export interface Approval {
  role: Cell;
  name?: Cell;
  date?: Cell;
  line: number;
}

export interface Placeholder {
  /** Text between the braces, trimmed: `PROJECT_NAME`. */
  name: string;
  range: Range;
}

export interface Choice {
  /** The options as written, in order: ["Yes", "No", "Partial"]. */
  options: string[];
  range: Range;
}

export interface Metadata {
  fields: Field[];
  incidentId?: Field;
  severity?: Field;
  status?: Field;
  /** The services (systems, components) the incident hit: `Services`, `Affected services`, `Service(s) affected` (see vocabulary's SERVICE_KEY). */
  services?: Field;
  /** The status the document is in; an unresolved or missing status counts as Draft. */
  statusValue: Status;
}

/**
 * A block of the narrative (see extract/narrative.ts): a paragraph, list item or table cell as the
 * prose view reads it, quoted text blanked; `text` has the source's length and line structure.
 */
export interface NarrativeBlock {
  text: string;
  /** Where `text` starts in the source: a line and column, which an edit on another line leaves as they are. */
  start: Position;
}

export interface PostMortem {
  title?: Span;
  /** The `title:` of a YAML front matter block, for a document named there rather than by a `# Title`. */
  frontMatterTitle?: Span;
  sections: Section[];
  tables: Table[];
  fields: Field[];
  metadata: Metadata;
  timelines: Timeline[];
  /** At least one: the whole document, or each incident of a document that covers several. */
  incidents: Incident[];
  statedMetrics: StatedMetric[];
  /** Figures stated in prose, lists, headings and other tables (`extract/figures.ts`). */
  statedFigures: StatedFigure[];
  /** Time ranges with their length stated after them, to check the one against the other. */
  windowFigures: WindowFigure[];
  /** Key events stated outside the timelines, which stated figures are checked against when the timeline gives no metric. */
  keyEvents: KeyEvent[];
  whys: WhyRow[];
  rootCause?: Field;
  /** The root cause's category (`Root cause category: Configuration`, or a `Category` field in the Root Cause section). */
  rootCauseCategory?: Field;
  /** A Root Cause section's first paragraph, where no `Root cause:` field states it; `detail` is its text (bounded). */
  rootCauseText?: { span: Span; detail: string };
  factors: ContributingFactor[];
  /** The items (or sub-headings) of a What Went Wrong section: what an action item may address besides the causes, read as factors are. */
  wentWrong: ContributingFactor[];
  actionItems: ActionItem[];
  followUpOwner?: Field;
  confidence?: Field;
  approvals: Approval[];
  placeholders: Placeholder[];
  choices: Choice[];
  comments: HtmlComment[];
  /** `> Example: …` lines left from the template. */
  examples: Range[];
  /** The story of the incident, for the checks of its wording (`blameless`). */
  narrative: NarrativeBlock[];
  /** Template slots by their style (`YYYY-MM-DD`, `Incident Lead:`, italic prompts), and each line's role. */
  slots: SlotScan;
  lineCount: number;
}
