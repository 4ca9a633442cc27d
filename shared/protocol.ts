/**
 * The contract between the language server, the VS Code client and the preview webview: custom
 * request names with their params and results, the server's commands, the webview's messages.
 * Both sides import it; it imports nothing (ESLint keeps it so), so the wire types are written out
 * here and the server maps its core types onto them (server/src/lsp/*-request.ts check that they match).
 */

export interface Position {
  /** 0-based */
  line: number;
  /** 0-based, in UTF-16 code units */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Status = 'Draft' | 'In Review' | 'Final' | 'Approved';

export type MarkerKind = 'start' | 'detection' | 'acknowledged' | 'declared' | 'rootCause' | 'mitigated' | 'fix' | 'restored' | 'resolved' | 'other';

/**
 * The words a document may use, as the configuration that applies to it says (the nearest
 * `.postmortemrc.json` on top of the editor's settings): what the client offers in its pickers.
 */
export interface Vocabulary {
  statuses: Status[];
  severities: string[];
  priorities: string[];
}

// ---------------------------------------------------------------------------------------------
// postmortem/analysis

/** `postmortem/analysis`: a document's model summary, metrics, timeline, action items, diagnostics and vocabulary. */
export const ANALYSIS_REQUEST = 'postmortem/analysis';

export interface AnalysisParams {
  uri: string;
}

export interface TimelineEntrySummary {
  line: number;
  time: string;
  event: string;
  marker?: string;
  markerKind?: string;
  /** Minutes from the incident start; null when unreadable or before a start exists. */
  minutesFromStart: number | null;
  readable: boolean;
}

export interface ActionItemSummary {
  line: number;
  number: string;
  group: string;
  action: string;
  owner: string;
  due: string;
  priority: string;
  /** An open item without an owner. */
  missingOwner: boolean;
  /** Done: `[x]`, struck through, a Done status. */
  done: boolean;
}

export interface MarkerTime {
  kind: MarkerKind;
  label: string;
  /** 0-based line of the timeline entry. */
  line: number;
  /** 1-based position of the entry in its timeline. */
  row: number;
  time: string;
  minutesFromStart: number | null;
  /** The phrase the marker was read from, when the event named it in words ("alert fired") rather than with a marker. */
  phrase?: string;
}

/** As `postmortem metrics --format json` gives them. */
export interface Metrics {
  mttdMinutes: number | null;
  mttrMinutes: number | null;
  durationMinutes: number | null;
  /** Minutes from the incident start to each other marker the timeline has. */
  timeToMarkerMinutes: Partial<Record<MarkerKind, number>>;
  /** Every marked entry of the timeline the metrics come from, start first. */
  markers: MarkerTime[];
  /** `open`: not done; `withoutOwner` counts open items only. */
  actionItems: { total: number; open: number; withoutOwner: number; byPriority: Record<string, number> };
  /** Share of the template's placeholders filled in, 0 to 1. */
  completeness: number;
  placeholdersLeft: number;
}

/** The metrics written as the server writes them everywhere ("1h 10m"; null when the timeline does not give one), counts with their nouns. */
export interface MetricsText {
  mttd: string | null;
  mttr: string | null;
  duration: string | null;
  /** "1 action item", "3 action items" (without an owner) */
  withoutOwner: string;
  /** "4 placeholders" (left) */
  placeholdersLeft: string;
}

export interface DiagnosticSummary {
  range: Range;
  message: string;
  /** The rule id. */
  code: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
}

/** What the preview and the editor's commands show of a document, but for its identity. */
export interface AnalysisSummary {
  title?: string;
  status: Status;
  incidentId?: string;
  severity?: string;
  metrics: Metrics;
  metricsText: MetricsText;
  /** The timeline the metrics come from. */
  timeline: TimelineEntrySummary[];
  actionItems: ActionItemSummary[];
  /** Without their fixes: those travel with code actions. */
  diagnostics: DiagnosticSummary[];
  /** Unfilled placeholders in document order, for placeholder navigation and filling. */
  placeholders: { name: string; range: Range }[];
  /** The template's sections in template order, and whether the document has each. */
  sections: { name: string; present: boolean }[];
  /** What still stands in the way of leaving Draft ("3 placeholders not filled in"). */
  blockers: string[];
}

export interface AnalysisResult extends AnalysisSummary {
  uri: string;
  version: number;
  isPostMortem: boolean;
  /** The statuses, severities and priorities this document may use. */
  vocabulary: Vocabulary;
}

// ---------------------------------------------------------------------------------------------
// postmortem/render

/** `postmortem/render`: a document's preview as HTML, from the analysis of its current version. */
export const RENDER_REQUEST = 'postmortem/render';

/** What the webview page needs from its host (see `RenderParams.webview`). */
export interface WebviewShell {
  /** `webview.cspSource`: where the webview may load the stylesheet and images from. */
  cspSource: string;
  /** Fresh for every page, from crypto.randomBytes: only the page's own stylesheet and script carry it. */
  nonce: string;
  /** `webview.asWebviewUri(media/preview.css)` and `…/preview.js`, as strings. */
  styleUri: string;
  scriptUri: string;
}

export interface RenderParams {
  uri: string;
  /** YYYY-MM-DD: action items due before this day are past due; the server's local date when left out. */
  today?: string;
  /** List the problems at the top (the `postmortem.preview.showProblems` setting); default true. */
  showProblems?: boolean;
  /** The whole self-contained page with its stylesheet inline (`postmortem render`'s) instead of the webview's body. */
  standalone?: boolean;
  /** The webview's whole page around the body, with this host's policy, nonce and media; later bodies go as `update` messages. */
  webview?: WebviewShell;
  /** Load the document's images from the web (the `postmortem.preview.remoteImages` setting); default false. */
  remoteImages?: boolean;
  /**
   * For a page that patches itself (the VS Code preview's): the body with its blocks marked and an
   * `id` for the render; with `since`, the `id` of the render the page shows, only the differences
   * from it (`patch`) when the server still has it. Ignored with `standalone`.
   */
  incremental?: { since?: string };
}

/**
 * One run of a patch, over the page's new list of blocks (or of an element's child nodes): `count`
 * blocks of its old list from index `old`, the first `data-line` of each moved by `shift` (in a
 * marked body each `data-line` counts from the one before it: render/patch.ts); new blocks'
 * HTML, each with its marker; or old block `in`'s element (or old child `in`) kept, its own
 * `data-line` moved by `shift`, its `n` child nodes patched by `runs`. Old blocks no run takes are
 * removed. The page then sets its line labels' numbers from their lines.
 */
export type PatchRun = { old: number; count: number; shift: number } | { add: string[] } | { in: number; shift: number; n: number; runs: PatchRun[] };

export interface RenderResult {
  /** The document version the HTML was rendered from. */
  version: number;
  /** Empty when `patch` is given. */
  html: string;
  /** With `incremental`: this render's id, the `since` of the next request. */
  id?: string;
  /** With `incremental.since` known to the server: the runs that turn render `from`'s blocks into this one's. */
  patch?: { from: string; runs: PatchRun[] };
}

// ---------------------------------------------------------------------------------------------
// New Post-Mortem from Template

/** What the facilitator gives for a new post-mortem. */
export interface NewDocumentFields {
  /** INC-YYYY-SEQ */
  incidentId: string;
  /** One of the vocabulary's severities. */
  severity: string;
  title: string;
  /** YYYY-MM-DD */
  incidentDate: string;
}

/**
 * `postmortem/newDocumentForm`: what New Post-Mortem from Template asks with, for the workspace
 * folder it writes in: the folder (the `postmortem.newDocument.folder` setting, which must stay
 * inside it: InvalidParams otherwise), the vocabulary there, and the answers to start from.
 */
export const NEW_DOCUMENT_FORM_REQUEST = 'postmortem/newDocumentForm';

export interface NewDocumentFormParams {
  /** The workspace folder's URI; without one the document is untitled and the defaults apply. */
  workspaceFolder?: string;
  /** The `postmortem.newDocument.folder` setting, relative to the workspace folder. */
  folder?: string;
}

export interface NewDocumentFormResult {
  /** The folder to write `<incidentId>.md` in (URI), when a workspace folder was given. */
  folderUri?: string;
  vocabulary: Vocabulary;
  /** `INC-<this year>-` and today (the writer's local date). */
  defaults: Pick<NewDocumentFields, 'incidentId' | 'incidentDate'>;
}

/** `postmortem/checkNewDocument`: what is wrong with each answer given so far, in a sentence that says what to write. */
export const CHECK_NEW_DOCUMENT_REQUEST = 'postmortem/checkNewDocument';

export type CheckNewDocumentParams = Partial<NewDocumentFields>;

export interface CheckNewDocumentResult {
  /** Only for the fields given, and only those that are wrong. */
  problems: Partial<Record<keyof NewDocumentFields, string>>;
}

/**
 * `postmortem/newDocument`: the text of a new post-mortem from the template, with what the user gave
 * filled in (checked as `checkNewDocument` checks it). With `folderUri` (the form's), from the team's
 * own template when one is found from that folder up (its text, the title as its H1).
 */
export const NEW_DOCUMENT_REQUEST = 'postmortem/newDocument';

export type NewDocumentParams = NewDocumentFields & { folderUri?: string };

export interface NewDocumentResult {
  text: string;
}

// ---------------------------------------------------------------------------------------------
// The workspace index (the Post-Mortems and Action Items views)

/**
 * `postmortem/workspace/postMortems`: every post-mortem the server found in the workspace folders
 * (as `postmortem lint FOLDER` finds them; the team's template is not one), an open document as
 * it stands in its editor.
 */
export const WORKSPACE_POST_MORTEMS_REQUEST = 'postmortem/workspace/postMortems';
/** `postmortem/workspace/actionItems`: every action item of every indexed post-mortem. */
export const WORKSPACE_ACTION_ITEMS_REQUEST = 'postmortem/workspace/actionItems';
/** Server → client, debounced: the index changed (a file indexed, changed, deleted; indexing ended); ask again. No params. */
export const WORKSPACE_CHANGED_NOTIFICATION = 'postmortem/workspace/changed';

/**
 * The `initializationOptions` of a client that shows the views: `workspaceIndex: true` makes the
 * server index the workspace after `initialized` (else on the first workspace request) and watch
 * its Markdown files.
 */
export interface InitializationOptions {
  workspaceIndex?: boolean;
}

export interface WorkspacePostMortem {
  uri: string;
  title: string;
  status: Status;
  /** The incident's date, YYYY-MM-DD, as `postmortem report` dates it; null when unknown. */
  date: string | null;
  /** As the report writes it (P1, SEV2, Critical), `Unset` when the document gives none. */
  severity: string;
  mttrMinutes: number | null;
  /** "1h 10m"; null without an MTTR. */
  mttr: string | null;
  /** 0 to 1. */
  completeness: number;
  /** The document's problems by severity, as the Problems panel shows them (all 0 until counted). */
  problems: { error: number; warning: number; information: number; hint: number };
  /**
   * The problems are counted. At start-up the index reads every post-mortem without its checks
   * first, so that the views are complete fast, then counts their problems in a second pass.
   */
  problemsCounted: boolean;
  actionItems: { total: number; open: number; overdue: number };
}

export interface WorkspacePostMortemsParams {
  /** The `revision` of the last answer the client holds: given, only what changed since comes (see `removed`). */
  since?: string;
}

export interface WorkspacePostMortemsResult {
  /** Every post-mortem, or with `removed`, only those indexed again since `params.since`. */
  postMortems: WorkspacePostMortem[];
  /** This answer's revision: the `since` of the next request. */
  revision: string;
  /**
   * Present when the answer is only what changed since `params.since` (the server still knew that
   * revision): the URIs no longer indexed since. Absent, `postMortems` is the whole list.
   */
  removed?: string[];
  /** Still indexing: more may come (a `changed` notification follows when it ends). */
  indexing: boolean;
  /** Still counting problems (some entries have `problemsCounted: false`; a `changed` notification follows). */
  counting: boolean;
  /** Markdown files not indexed, with the reason (over the size limit, not UTF-8, analysis over its budget). */
  skipped: { uri: string; reason: string }[];
}

export type ActionItemGrouping = 'owner' | 'postMortem' | 'due';

export interface ActionItemFilters {
  /** Only items not done. */
  open?: boolean;
  overdue?: boolean;
  withoutOwner?: boolean;
  mine?: boolean;
}

export interface WorkspaceActionItemsParams {
  /** Who "mine" is (the `postmortem.me` setting); without it, the workspace's `git config user.name`. */
  me?: string;
  /** Given, only the items that pass every filter that is on (shared/workspace-views.ts filterActionItems). */
  filters?: ActionItemFilters;
  /**
   * Given, the items come as the view shows them: grouped (shared/workspace-views.ts
   * groupActionItems), in the groups' order, each group's first `limit` items only; `groups` says
   * which items are whose.
   */
  groupBy?: ActionItemGrouping;
  /** With groupBy: at most this many items of each group (default 50). */
  limit?: number;
  /** With groupBy: more items of the groups named (by group id) than `limit`, as the user asked for. */
  limits?: Record<string, number>;
}

export interface WorkspaceActionItemGroup {
  /** Stable within its grouping (`owner:alex`, `due:Overdue`). */
  id: string;
  label: string;
  /** "3 · 1 overdue": of all the group's items, not only those sent. */
  description: string;
  /** How many items the group has. */
  total: number;
  /** How many of them `items` carries: the next `count` items of `items`, after the groups before. */
  count: number;
}

export interface WorkspaceActionItem {
  uri: string;
  /** 0-based line of the item's row. */
  line: number;
  /** The post-mortem's title. */
  postMortem: string;
  action: string;
  /** As the report names owners (emphasis and a link dropped); null when it names nobody (TBD, empty). */
  owner: string | null;
  /** The key that makes `@alex`, `Alex` and `ALEX` one owner (as the report counts owners); null without owner. */
  ownerKey: string | null;
  /** The due date as YYYY-MM-DD when it is one; null otherwise. */
  due: string | null;
  /** The due date as written ('' for none). */
  dueText: string;
  done: boolean;
  /** Days past due today (open items only), else null. */
  overdueDays: number | null;
  /** The owner is "me" (see WorkspaceActionItemsParams.me), in any case, with or without `@`. */
  mine: boolean;
}

export interface WorkspaceActionItemsResult {
  items: WorkspaceActionItem[];
  /** Who "mine" meant, or null when nobody is known. */
  me: string | null;
  /** The server's day, YYYY-MM-DD, that overdue is measured on. */
  today: string;
  /** The workspace's overdue items, whatever the filters: the view's badge. */
  overdue: number;
  /** With params.groupBy: the groups, in order, and how many of `items` each takes. */
  groups?: WorkspaceActionItemGroup[];
}

/**
 * `postmortem/workspace/insights`: the Insights page of the indexed post-mortems, rendered by the
 * server (render/insights.ts): the webview's whole page (with `webview`), its body alone (an update
 * of a page already shown), or the self-contained page Export Insights to HTML writes (`standalone`).
 */
export const WORKSPACE_INSIGHTS_REQUEST = 'postmortem/workspace/insights';

export interface WorkspaceInsightsParams {
  /** Keep the incidents dated from `since` to `until` (YYYY-MM-DD, inclusive) and their post-mortems. */
  since?: string;
  until?: string;
  /** YYYY-MM-DD: the day overdue is measured on; the server's local date when left out. */
  today?: string;
  /** The webview's whole page around the body, with this host's policy, nonce and script (its `styleUri` is unused: the stylesheet is inline). */
  webview?: WebviewShell;
  /** The self-contained page, its links to the post-mortems relative to the folder `base` (a file: URI) the page is written to. */
  standalone?: { base?: string };
}

export interface WorkspaceInsightsResult {
  html: string;
  /** Post-mortems the page counts. */
  postMortems: number;
  /** Still indexing: a `changed` notification follows when it ends. */
  indexing: boolean;
}

// ---------------------------------------------------------------------------------------------
// Commands

/** Code action kind of "fix all": every safe fix at once (on save, or from the Source Action menu). */
export const FIX_ALL_KIND = 'source.fixAll.postmortem';

/**
 * Commands the server runs on a document, `workspace/executeCommand` with `[uri, …args]`: it
 * applies their edits with one `workspace/applyEdit`, so each is undone in one step. The client
 * registers the first four as palette commands (acting on the active editor); the others take
 * what the user picked in the client's UI.
 */
export const SERVER_COMMANDS = {
  /** `[uri]`: the document's safe fixes. */
  fixAll: 'postmortem.fixAll',
  sortTimeline: 'postmortem.sortTimeline',
  updateMetrics: 'postmortem.updateMetrics',
  removeGuidance: 'postmortem.removeGuidance',
  /** `[uri, sectionName]` */
  insertSection: 'postmortem.server.insertSection',
  /** `[uri, status]`, one of the vocabulary's statuses */
  setStatus: 'postmortem.server.setStatus',
  /** `[uri, placeholderName, value]` */
  fillPlaceholder: 'postmortem.server.fillPlaceholder',
} as const;

// ---------------------------------------------------------------------------------------------
// The preview webview (media/preview.js)

/** Messages the extension posts to the preview webview. */
export type ExtensionToPreview =
  /** A new body for document `version`; the preview keeps its scroll position and ignores older versions. `id`: the render's, for patches. */
  | { type: 'update'; body: string; version: number; id?: string }
  /** The differences from render `from`, which the page must show (else it asks to `resync`), to render `id`; scroll and selection kept. */
  | { type: 'patch'; version: number; id: string; from: string; runs: PatchRun[] }
  /** Scroll the preview to the element nearest to a 0-based source line (the editor scrolled). */
  | { type: 'scroll-to-line'; line: number };

/** Messages the preview webview posts to the extension. */
export type PreviewToExtension =
  /** The user clicked an element rendered from this 0-based line: reveal it in the editor. */
  | { type: 'reveal'; line: number }
  /** The user clicked a link; the preview never navigates, the extension decides what to open. */
  | { type: 'open-link'; href: string }
  /** The user scrolled the preview; this 0-based line is now at its top. */
  | { type: 'scrolled'; line: number }
  /** A patch did not apply to what the page shows: it needs a whole body. */
  | { type: 'resync' };

// ---------------------------------------------------------------------------------------------
// The Insights webview (media/insights.js)

/** Messages the extension posts to the Insights webview: a new body (the index changed). */
export type ExtensionToInsights = { type: 'update'; body: string };

/** Messages the Insights webview posts: open a post-mortem (its file: URI, as the page links it) at a 0-based line. */
export type InsightsToExtension = { type: 'open'; uri: string; line: number };
