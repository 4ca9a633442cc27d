/**
 * The template's words, written once: statuses, severities, priorities and the other option
 * lists, metric and marker names, the incident ID, what a placeholder is and how emphasis is
 * dropped. The extractors, rules, features, commands, the preview, the CLI and
 * `npm run generate` (the metadata schema's enums, the snippets' choices) all read them here.
 */
import { trimRuns } from './text';

export type MarkerKind = 'start' | 'detection' | 'acknowledged' | 'declared' | 'rootCause' | 'mitigated' | 'fix' | 'restored' | 'resolved' | 'other';

export type MetricKind = 'mttd' | 'mttr' | 'duration';

export type TimelineSource = 'table' | 'mermaid' | 'list' | 'headings';

/** Markdown's emphasis, code and strike-through marks, made once (a regular expression literal is a new object each time it is evaluated, and these run for every cell); above the word lists made with them. */
const MARKS = /[*_`~]/g;
const MARK_OR_SPACE = /[*_`~\s]/;

/** What one entry of each kind of timeline is called: "Row 3 (09:12) is earlier than row 2". */
export const ENTRY_NOUNS: Record<TimelineSource, string> = { table: 'Row', mermaid: 'Entry', list: 'Item', headings: 'Entry' };

/** The statuses a post-mortem goes through, in order. */
export const STATUSES = ['Draft', 'In Review', 'Final', 'Approved'] as const;
export type Status = (typeof STATUSES)[number];

/**
 * The document's status as teams write it, each read as the one of ours it means: "Reviewed" and
 * "Published" are finished (Final), "Under review" is In Review, "WIP" a Draft.
 */
export const DOCUMENT_STATUS_WORDS: Readonly<Record<string, Status>> = {
  draft: 'Draft', wip: 'Draft', 'work in progress': 'Draft',
  'in review': 'In Review', review: 'In Review', 'under review': 'In Review', 'ready for review': 'In Review', 'in-review': 'In Review',
  final: 'Final', reviewed: 'Final', published: 'Final', finalized: 'Final', finalised: 'Final',
  approved: 'Approved', 'signed off': 'Approved', 'signed-off': 'Approved',
};

/**
 * The incident's status, not the document's: a `Status: Resolved` says how the incident stands,
 * so it is neither checked against the document's statuses nor taken as one.
 */
export const INCIDENT_STATUSES = ['Preemptive', 'Investigating', 'Identified', 'Ongoing', 'Active', 'Open', 'In Progress', 'Monitoring', 'Mitigated', 'Resolved', 'Closed', 'Fixed'] as const;

/** What a Status value says: one of the document's statuses (read as ours), the incident's, or neither. */
export function statusKind(text: string): { document: Status } | 'incident' | undefined {
  const t = plainText(text).toLowerCase().replace(/\s+/g, ' ');
  const document = DOCUMENT_STATUS_WORDS[t];
  if (document) return { document };
  return INCIDENT_STATUSES.some((s) => s.toLowerCase() === t) ? 'incident' : undefined;
}

/** The statuses of a finished post-mortem: it needs sign-off, and leftover guidance is a warning. */
export function isFinished(status: Status): boolean {
  return status === 'Final' || status === 'Approved';
}

/** The Severity field's values unless `.postmortemrc.json` gives `severities`. */
export const DEFAULT_SEVERITIES: readonly string[] = ['P0', 'P1', 'P2', 'P3', 'P4'];

/**
 * What an action item's status cell says when the item is done, compared whole, case ignored,
 * emphasis dropped (`**Done**`). `.postmortemrc.json` may add the team's own (`doneStatuses`),
 * which are also read at the end of a list item (`— Deployed`) and in brackets (`(deployed)`).
 */
export const DONE_STATUSES: readonly string[] = ['Done', 'Complete', 'Completed', 'Closed', 'Fixed', 'Resolved', 'Finished', 'Shipped', 'Merged', 'Implemented', 'Yes', '✅', '✔', '✔️', '☑', '☑️'];

/** The team's extra done words as `isDoneStatus` and the list items compare them: trimmed, lower-case, white space folded. */
export function doneWords(extra: readonly string[] | undefined): ReadonlySet<string> | undefined {
  const words = (extra ?? []).map(foldDoneWord).filter(Boolean);
  return words.length ? new Set(words) : undefined;
}

function foldDoneWord(text: string): string {
  return plainText(text).toLowerCase().replace(/\s+/g, ' ');
}

const DEFAULT_DONE = new Set(DONE_STATUSES.map(foldDoneWord));

/** Whether a status cell says the item is done: one of `DONE_STATUSES`, or of the team's `extra` words. */
export function isDoneStatus(cell: string, extra?: ReadonlySet<string>): boolean {
  const word = foldDoneWord(cell);
  return DEFAULT_DONE.has(word) || (extra?.has(word) ?? false);
}

/** An action item's Priority. */
export const PRIORITIES = ['Critical', 'High', 'Medium', 'Low'] as const;

/** The answers of the template's yes/no cells (SLA breach, Action Required, Verified, Effective). */
export const ANSWERS = ['Yes', 'No', 'Partial'] as const;

/** A contributing factor's Type. */
export const FACTOR_TYPES = ['Technical', 'Process', 'Human'] as const;

/** The template's option lists, each a set of words one of which the writer should keep. */
export const CHOICE_SETS: readonly (readonly string[])[] = [STATUSES, [...ANSWERS, 'TBD', 'N/A'], FACTOR_TYPES, PRIORITIES];

/**
 * Option lists other templates leave as a status's value: the document's statuses as teams name
 * them (`Draft | Final`, `Draft / Reviewed / Published`) and the incident's (`ongoing, mitigated, closed`).
 */
export const STATUS_CHOICE_SETS: readonly (readonly string[])[] = [['Draft', 'In Review', 'Reviewed', 'Final', 'Published', 'Approved'], INCIDENT_STATUSES];

/**
 * A regex source for a list of two or more of `set`'s options separated by `separator` (a regex
 * source): `Yes / No / Partial`, `Draft | In Review | Approved`. Used by the extraction of choices
 * and by the snippets' choice tab stops.
 */
export function choiceListSource(set: readonly string[], separator: string): { list: string; option: string } {
  const option = `(?:${set.map((o) => o.replace('/', '\\/').replace(' ', '\\s+')).join('|')})`;
  return { list: `(?<![\\w/|])${option}(?:\\s*${separator}\\s*${option})+(?![\\w/|])`, option };
}

/** The incident ID as the template writes it, INC-YYYY-SEQ: the metadata schema's pattern and the new-document input's check. */
export const INCIDENT_ID = /^INC-(\d{4})-(\d{1,6})$/;

/** The field labels (as `keyOf` folds them) that give the incident ID, for the extraction and the `metadata` rule alike. */
export const INCIDENT_ID_KEYS: readonly string[] = ['incident id', 'incident number', 'incident #'];

/**
 * The field labels (as `keyOf` folds them) that name the services an incident hit: `Services`,
 * `Affected services`, `Service(s) affected`, `Systems`, `Impacted components`. Read for the Insights page.
 */
export const SERVICE_KEY = /^(?:(?:affected|impacted) )?(?:services?|systems?|components?)(?: (?:affected|impacted))?$|^(?:(?:affected|impacted) )?service s(?: (?:affected|impacted))?$/;

/** The labels of a root cause's category: `Root cause category`, `Cause type`; a bare `Category` counts inside a Root Cause section. */
export const ROOT_CAUSE_CATEGORY_KEY = /^(?:root )?cause (?:category|type|class)$/;

/** What a metric is called in messages and hovers: "Total duration is stated as …". */
export const METRIC_NAMES: Record<MetricKind, string> = { mttd: 'MTTD', mttr: 'MTTR', duration: 'Total duration' };

/** What a metric is called on a tile, a code lens or a CLI line: "Duration 1h 28m". */
export const METRIC_SHORT_NAMES: Record<MetricKind, string> = { mttd: 'MTTD', mttr: 'MTTR', duration: 'Duration' };

/** The markers each metric ends at, the first the timeline has; every metric starts at the incident start. */
export const METRIC_END: Record<MetricKind, readonly MarkerKind[]> = { mttd: ['detection'], mttr: ['resolved'], duration: ['resolved', 'restored'] };

/** How each timeline marker is named. */
export const MARKER_NAMES: Record<MarkerKind, string> = {
  start: 'Incident start', detection: 'Detection', acknowledged: 'Acknowledged', declared: 'Declared', rootCause: 'Root cause',
  mitigated: 'Mitigated', fix: 'Fix', restored: 'Restored', resolved: 'Resolved', other: 'Marker',
};

/** The time from the incident start to each other marker. */
export const TIME_TO_NAMES: Record<MarkerKind, string> = {
  start: 'Start', detection: 'Time to detect', acknowledged: 'Time to acknowledge', declared: 'Time to declare', rootCause: 'Time to root cause',
  mitigated: 'Time to mitigate', fix: 'Time to fix', restored: 'Time to restore', resolved: 'Time to resolve', other: 'Time to marker',
};

/** The events a timeline entry may name in words instead of a marker. */
export type EventKind = 'start' | 'detection' | 'mitigated' | 'resolved';

/**
 * The words that name each event in a timeline entry without a marker (`**Outage begins.**`, "alert
 * fired", "Service restored"), matched as whole words, case and white space ignored. The end of
 * impact is `resolved`: the labels and `metric-mismatch` count MTTR to service restored.
 * `.postmortemrc.json` may add phrases (`events`).
 */
export const EVENT_WORDS: Record<EventKind, readonly string[]> = {
  start: [
    'outage begins', 'outage began', 'outage starts', 'outage started', 'outage start', 'impact begins', 'impact began', 'impact starts', 'impact started',
    'incident begins', 'incident began', 'incident starts', 'incident started', 'incident start', 'start of incident', 'start of the incident',
    'start of the outage', 'start of outage', 'problem starts', 'problem started', 'problem begins', 'problem began', 'issue starts', 'issue started',
    'errors begin', 'errors began', 'errors start', 'errors started', 'error rate starts to rise', 'first error', 'first errors', 'first users',
    'requests start timing out', 'requests started timing out', 'requests start failing', 'requests started failing',
    'starts failing', 'started failing', 'begins failing', 'began failing', 'starts to fail', 'started to fail',
    'starts to climb', 'started to climb', 'begins to climb', 'began to climb', 'starts to rise', 'started to rise', 'starts to spike', 'started to spike',
    'crash loop', 'crash loops', 'crash looping', 'crashloop', 'stopped working', 'stops working', 'became unavailable', 'becomes unavailable',
  ],
  detection: [
    'alert fired', 'alert fires', 'alerts fired', 'alerts fire', 'alert triggered', 'alerts triggered', 'alert was triggered', 'alerts were triggered',
    'paged', 'was alerted', 'were alerted', 'team alerted', 'we were notified', 'was notified', 'first report', 'first reported', 'first reports',
    'user reported', 'users reported', 'customer reported', 'customers reported', 'detected', 'noticed', 'notices', 'notice the',
  ],
  mitigated: ['mitigated', 'rolled back', 'rolls back', 'rollback complete', 'rollback completed', 'rollback performed', 'failed over', 'fails over'],
  resolved: [
    'service restored', 'service is restored', 'service was restored', 'services restored', 'outage ends', 'outage ended', 'outage is over',
    'incident ends', 'incident ended', 'impact ends', 'impact ended', 'back to normal', 'service resumes', 'service resumed', 'service operational',
    'fully recovered', 'issue goes away', 'issue went away', 'solved the issue', 'returns to normal', 'returned to normal',
    'issue resolved', 'incident resolved', 'is resolved', 'was resolved', 'being resolved', 'has been resolved', 'green again', 'back to green',
  ],
};

/**
 * A whole-word, case-blind alternation of `phrases` as they read in a line whose marks are spaces
 * ("rolled **back**", "`failover` completed"): between their words any run of spaces, marks
 * (`*_\`~`) and other white space; before and after them no letter, digit or apostrophe (a mark
 * reads as a space there too). Read so on the line as written, not on a copy of it with its marks
 * replaced, which a long timeline made at every row. Literals and one class repeated, so linear.
 */
export function phrasePattern(phrases: readonly string[]): RegExp | undefined {
  const words = [...new Set(phrases.map((p) => p.trim().toLowerCase().replace(/\s+/g, ' ')).filter(Boolean))]
    // A mark in a phrase never meets one in a line, where marks read as spaces.
    .filter((w) => !/[*_`~]/.test(w));
  if (!words.length) return undefined;
  // Longest first, so that "alerts fired" is taken whole rather than as "alerts".
  words.sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![A-Za-z0-9'])(?:${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll(' ', '[\\s*_`~]+')).join('|')})(?![A-Za-z0-9'])`, 'i');
}

/** Words before an event's phrase, in the same clause, that deny it or make it hypothetical: "no alert fired", "would have paged". */
export const NOT_HAPPENED = /\b(?:no|not|never|without|nobody|nothing|none|would|could|should|might|if|unless|nor)\b|n['’]t\b/i;

/** The markers a timeline row offers, as the template and the README write them (`← Incident start`). */
export const MARKER_TEXTS: readonly string[] = ['Incident start', 'Detection', 'Root cause identified', 'Fix applied', 'Service restored', 'Resolved'];

/**
 * A template placeholder, `{{NAME}}` on one line, its name (untrimmed) the first group: what the
 * extraction reports, `Update Stated Metrics` fills and the preview marks. Global: use it with
 * `matchAll` or `replace`, which never share its `lastIndex`.
 */
export const PLACEHOLDER = /\{\{([^{}\r\n]{1,100}?)\}\}/g;

/**
 * Whether a cell or field still holds a template placeholder: it has a `{{` (a `{{NAME}}`, or
 * one being typed). The extraction's `{{NAME}}` search finds each one with its range.
 */
export function isPlaceholder(text: string): boolean {
  return text.includes('{{');
}

/**
 * A cell or field's text without Markdown emphasis, strikethrough and code marks, anywhere in it,
 * trimmed: `**P1**` → `P1`. The same marks `trimMarks` drops around a label.
 */
export function plainText(text: string): string {
  return text.replace(MARKS, '').trim();
}

/**
 * Inline links and images as their text, `[Add checks](https://…)` and `[Add checks][ref]` →
 * `Add checks`: what a reader sees of them. One forward scan: a `]` closes the last `[` before it,
 * and the destination runs to the next `)` (or `]`), found once and remembered, never looked
 * for again from an earlier place.
 */
export function linkText(text: string): string {
  let out = '';
  let kept = 0;
  let open = -1;
  const next: Record<string, number> = { ')': -2, ']': -2 };
  /** The first `c` at or after `from`: a search ahead of the last one's answer gives that answer. */
  const find = (c: ')' | ']', from: number) => (next[c] === -1 || (next[c] >= from && next[c] !== -2) ? next[c] : (next[c] = text.indexOf(c, from)));
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '[') open = i;
    else if (c === ']' && open >= 0) {
      const after = text[i + 1];
      const end = after === '(' ? find(')', i + 2) : after === '[' ? find(']', i + 2) : -1;
      if (end >= 0) {
        out += text.slice(kept, text[open - 1] === '!' ? open - 1 : open) + text.slice(open + 1, i);
        kept = end + 1;
        i = end;
      }
      open = -1;
    }
  }
  return out + text.slice(kept);
}

/** Emphasis, strikethrough and code marks around a short text, inner ones kept: `**Incident ID**` → `Incident ID`. */
export function trimMarks(text: string): string {
  return trimRuns(text, MARK_OR_SPACE);
}

/** The words a document may use under `config`: what the editor offers in its pickers and completion. */
export function vocabulary(config: { severities: readonly string[] }): { statuses: Status[]; severities: string[]; priorities: string[] } {
  return { statuses: [...STATUSES], severities: [...config.severities], priorities: [...PRIORITIES] };
}

/** A ticket URL template in `.postmortemrc.json` (the schema's pattern): http(s), with `{id}` or `{n}`. */
export const TICKET_URL_PATTERN = '^https?://[^\\s{}]*(?:\\{(?:id|n)\\}[^\\s{}]*)+$';
/** A ticket prefix `ticketUrl` maps: `PROJ`, `GH`, `#`, or `*` for every other. */
export const TICKET_PREFIX_PATTERN = '^(?:#|\\*|[A-Z][A-Z0-9]{1,9})$';
