import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CancellationToken, Diagnostic as LspDiagnostic, ResultProgressReporter, WorkspaceDiagnosticParams, WorkspaceDiagnosticReport, WorkspaceDiagnosticReportPartialResult, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver';
import type { Diagnostic, Severity } from '../core/diagnostic';
import { localDate } from '../core/iso-date';
import { type WorkspaceSummary, foldOwner, isMine, overdueDays } from '../core/workspace';
import { MB, expandPaths, readText } from '../node/files';
import {
  WORKSPACE_ACTION_ITEMS_REQUEST,
  WORKSPACE_CHANGED_NOTIFICATION,
  WORKSPACE_POST_MORTEMS_REQUEST,
  type WorkspaceActionItem,
  type WorkspaceActionItemsParams,
  type WorkspaceActionItemsResult,
  type WorkspacePostMortem,
  type WorkspacePostMortemsParams,
  type WorkspacePostMortemsResult,
} from '../../../shared/protocol';
import { filterActionItems, groupActionItems, overdueCount, pageGroups } from '../../../shared/workspace-views';
import type { AnalysisHandle } from './analysis-handle';
import { toLspDiagnostic } from './diagnostics';
import type { Session } from './session';

/** Files over this size are not indexed (the CLI's default --max-size): the analysis holds about 55 times a file's size. */
export const INDEX_MAX_BYTES = 20 * MB;
const LIMIT = { bytes: INDEX_MAX_BYTES, advice: 'it is not indexed; postmortem lint --max-size reads it' };
/** The views are told the index changed at most this often. */
const CHANGED_DEBOUNCE_MS = 200;
const WALK_CHANGED_MS = 2000;

const MARKDOWN = /\.(?:md|markdown)$/i;
const IGNORED = /\/(?:node_modules|\.git)\//;
/** The action items of each group a grouped request sends unless asked for more. */
const GROUP_LIMIT = 50;
/** A workspace diagnostic report goes out in chunks of this many files when the client takes partial results. */
const REPORT_CHUNK = 100;
/** A workspace diagnostic request with nothing new to say is held at most this long for a change (the client asks again at once). */
const HOLD_MS = 5 * 60_000;

interface Entry {
  summary: WorkspaceSummary;
  /** The index's revision when the entry was made: an answer `since` an earlier one carries it. */
  revision: number;
  /** The rules ran: the problem counts are known (and, for a file not open, its diagnostics). */
  counted: boolean;
  /** A closed file's diagnostics, kept compact as the JSON text of CompactDiagnostic tuples, and their result id. */
  diagnostics?: { json: string; resultId: string };
  /** The digest of the file's text the entry was read from (not for an open document's): opened as it is, it needs no new entry. */
  source?: string;
  /** The entry's action items as the requests send them, made once per day and "me" (an edit makes a new entry). */
  view?: { today: string; me: string | undefined; items: WorkspaceActionItem[]; open: number; overdue: number };
}

/** A diagnostic as the index keeps it: start line and character, end line and character, severity, rule id, message. */
type CompactDiagnostic = [number, number, number, number, Severity, string, string];

function compact({ range: { start, end }, severity, code, message }: Omit<Diagnostic, 'fixes'>): CompactDiagnostic {
  return [start.line, start.character, end.line, end.character, severity, code, message];
}

function expand([sl, sc, el, ec, severity, code, message]: CompactDiagnostic): LspDiagnostic {
  return toLspDiagnostic({ range: { start: { line: sl, character: sc }, end: { line: el, character: ec } }, severity, code, message });
}

/**
 * The workspace's post-mortems, each kept as a compact summary (core/workspace.ts), for the
 * Post-Mortems and Action Items views and the Problems panel (workspace diagnostics). Files are
 * found as `postmortem lint FOLDER` finds them (node/files.ts expandPaths), read within the size
 * limit and analysed as an opened document would be (its settings, its team's template), one at a
 * time, yielding to the event loop between files so that open documents are served first.
 *
 * At start-up, in two passes: every file read and measured without the rules first (`check:
 * false`, a third of the work), so that the views are complete fast; then each analysed again with
 * its rules, for its problem counts and its diagnostics, kept as JSON text. A file created or
 * changed later is analysed with its rules at once. An open document is indexed from its editor's
 * text, with the analysis the server makes for it anyway (the Analyses cache), when the index is
 * next asked for; its diagnostics are pushed as ever (diagnostics.ts), never reported here. File
 * events (create, change, delete; a rename is both) keep it current.
 */
export class WorkspaceIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly skipped = new Map<string, string>();
  /** Files to read again from disk, in order. */
  private readonly queue = new Set<string>();
  /** Files read without their rules at start-up, whose problems are still to count. */
  private readonly uncounted = new Set<string>();
  /** Open documents edited since their entry was made. */
  private readonly stale = new Set<string>();
  /** Open documents: the first change of one is its opening. */
  private readonly opened = new Set<string>();
  private folders: string[] = [];
  private started?: Promise<void>;
  private draining?: Promise<void>;
  private refreshing?: Promise<void>;
  /** A queued file is being read (not one whose problems are being counted). */
  private reading = false;
  private walking = false;
  private timer?: { due: number; handle: NodeJS.Timeout };
  /** Result ids: unique to this server's run, so that a client's id from an earlier run never matches. */
  private readonly run = Date.now().toString(36);
  private results = 0;
  /** Bumped by every entry made or removed. */
  private revision = 0;
  /** The revision at which each file no longer indexed went, for the answers since an earlier one. */
  private readonly removedAt = new Map<string, number>();
  /** Workspace diagnostic requests held until the index changes. */
  private waiting: (() => void)[] = [];
  /** Closed files' diagnostics changed since the client was last told (workspace/diagnostic/refresh). */
  private diagnosticsChanged = false;
  /** The client asks for workspace diagnostics again when told (`workspace.diagnostics.refreshSupport`). */
  refreshSupport = false;

  constructor(private readonly session: Session) {}

  /** The workspace folders (file: URIs) to index; others are ignored. */
  setFolders(uris: string[]): void {
    this.folders = uris.filter((u) => u.startsWith('file:')).map((u) => withoutTrailingSlash(fileURLToPath(u)));
  }

  get isStarted(): boolean {
    return this.started !== undefined;
  }

  /** Walks the folders once and indexes what it finds, with work-done progress when the client shows it. */
  start(): Promise<void> {
    this.started ??= this.walk();
    return this.started;
  }

  private async walk(): Promise<void> {
    this.walking = true;
    try {
      const { targets } = await expandPaths(this.folders);
      for (const { path } of targets) this.queue.add(pathToFileURL(path).href);
      for (const doc of this.session.documents.all()) if (this.inScope(doc.uri)) this.stale.add(this.key(doc.uri));
      const total = this.queue.size;
      const progress = await this.session.connection.window.createWorkDoneProgress().catch(() => undefined);
      progress?.begin('Indexing post-mortems', 0, `0 of ${total}`, false);
      const started = performance.now();
      let percent = 0;
      await this.drain((done) => {
        // At most one report per percent: a thousand files make a hundred notifications.
        const now = Math.round((done / Math.max(total, 1)) * 100);
        if (now > percent || done >= total) progress?.report(now, `${Math.min(done, total)} of ${total}`);
        percent = now;
      });
      progress?.done();
      this.session.connection.console.log(`Indexed ${this.entries.size} post-mortems of ${total} Markdown files in ${Math.round(performance.now() - started)} ms`);
    } finally {
      this.walking = false;
      // The views are complete: told at once, not at the next of the walk's 2 s ticks.
      this.changed(0);
    }
    // The second pass: the problems of every file read without its rules.
    const counting = performance.now();
    await this.drain();
    this.session.connection.console.log(`Counted the problems of ${this.entries.size} post-mortems in ${Math.round(performance.now() - counting)} ms`);
  }

  /**
   * Reads the queued files one by one (a file queued meanwhile joins the run), then, outside the
   * first walk, counts the problems of the files read without their rules.
   */
  private drain(report?: (done: number) => void): Promise<void> {
    if (this.draining) return this.draining;
    this.draining = (async () => {
      let done = 0;
      for (;;) {
        const queued = first(this.queue);
        const uri = queued ?? (this.walking ? undefined : first(this.uncounted));
        if (uri === undefined) break;
        this.queue.delete(uri);
        this.uncounted.delete(uri);
        // The first walk reads without the rules; what comes after counts.
        this.reading = queued !== undefined;
        await this.indexFile(uri, !this.walking).catch((e: unknown) => this.session.connection.console.error(`Cannot index ${uri}: ${(e as Error).stack ?? e}`));
        this.reading = false;
        if (queued !== undefined) report?.(++done);
        this.changed();
        // Between files, whatever else waits (an open document's request) goes first.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async indexFile(uri: string, check: boolean): Promise<void> {
    if (this.openDocument(uri)) return void this.stale.add(uri);
    const read = readText(fileURLToPath(uri), LIMIT);
    if ('error' in read) {
      this.remove(uri);
      if (!read.missing) this.skipped.set(uri, read.error);
      return;
    }
    const { settings, analyses } = this.session;
    let handle: AnalysisHandle | undefined;
    try {
      handle = await analyses.once(uri, read.text, await settings.forDocument(uri, this.folderOf(uri)), check);
      // Opened meanwhile: its editor's text speaks for it.
      if (this.openDocument(uri)) return void this.stale.add(uri);
      await this.record(uri, handle, check ? 'closed' : 'unchecked', digest(read.text));
    } finally {
      handle?.dispose();
      if (!this.openDocument(uri)) settings.drop(uri);
    }
  }

  /** `how`: an open document's analysis, a closed file's, or a closed file's without its rules (its problems to count later). */
  private async record(uri: string, handle: AnalysisHandle, how: 'open' | 'closed' | 'unchecked', source?: string): Promise<void> {
    if (handle.exceeded || !handle.isPostMortem) {
      this.remove(uri);
      if (handle.exceeded) this.skipped.set(uri, `its analysis took over ${handle.exceeded.budgetMs / 1000} s and was abandoned`);
      return;
    }
    const summary = await handle.run('workspaceSummary', uri, localDate(new Date()));
    const entry: Entry = { summary, revision: ++this.revision, counted: how !== 'unchecked', ...(source === undefined ? {} : { source }) };
    this.removedAt.delete(uri);
    if (how === 'unchecked') this.uncounted.add(uri);
    if (how === 'closed') {
      const json = JSON.stringify((await handle.run('diagnostics')).map(compact));
      const before = this.entries.get(uri)?.diagnostics;
      entry.diagnostics = before?.json === json ? before : { json, resultId: `${this.run}-${++this.results}` };
      if (entry.diagnostics !== before) this.diagnosticsChanged = true;
    } else if (how === 'open') {
      // An open document's diagnostics are pushed; a file is still unchanged on disk while open.
      entry.diagnostics = this.entries.get(uri)?.diagnostics;
    }
    this.entries.set(uri, entry);
    this.skipped.delete(uri);
  }

  /** A file no longer indexed: its entry, its place in the second pass, and (told to the client) its diagnostics go. */
  private remove(uri: string): boolean {
    const entry = this.entries.get(uri);
    if (entry?.diagnostics) this.diagnosticsChanged = true;
    this.uncounted.delete(uri);
    const skipped = this.skipped.delete(uri);
    if (entry) this.removedAt.set(uri, ++this.revision);
    return this.entries.delete(uri) || skipped;
  }

  /** A file was created or changed on disk (an open document's editor text wins over it). */
  fileChanged(uri: string): void {
    if (!this.started || !this.inScope(uri)) return;
    if (!MARKDOWN.test(uri)) {
      // A folder created or moved in: its Markdown files.
      void stat(fileURLToPath(uri)).then(async (info) => {
        if (!info.isDirectory()) return;
        for (const { path } of (await expandPaths([fileURLToPath(uri)])).targets) this.queue.add(pathToFileURL(path).href);
        void this.drain();
      }, () => undefined);
      return;
    }
    this.queue.add(this.key(uri));
    void this.drain();
  }

  /** A file or a folder was deleted (or renamed away): its entries go. */
  fileDeleted(uri: string): void {
    if (!this.started) return;
    const key = this.key(uri);
    const folder = `${withoutTrailingSlash(key)}/`;
    let removed = false;
    for (const k of [...this.entries.keys(), ...this.skipped.keys()]) if (k === key || k.startsWith(folder)) removed = this.remove(k) || removed;
    this.queue.delete(key);
    if (removed) this.changed();
  }

  /** Config files or templates changed: everything is read again. */
  reindexAll(): void {
    if (!this.started) return;
    for (const uri of [...this.entries.keys(), ...this.skipped.keys()]) this.queue.add(uri);
    for (const doc of this.session.documents.all()) if (this.inScope(doc.uri)) this.stale.add(this.key(doc.uri));
    void this.drain();
  }

  /** An open document changed (or opened): its entry is made again from its text when next asked for. */
  documentChanged(uri: string): void {
    if (!this.started || !this.inScope(uri)) return;
    const key = this.key(uri);
    if (!this.opened.has(key)) {
      this.opened.add(key);
      // Opened as it is on disk: its entry stands, and the views have nothing new to show.
      const entry = this.entries.get(key);
      const text = entry?.counted && entry.source !== undefined ? this.openDocument(key)?.getText() : undefined;
      if (text !== undefined && digest(text) === entry!.source) return;
    }
    this.stale.add(key);
    this.changed();
  }

  /** A document closed: its file on disk speaks for it again (unsaved edits are gone). */
  documentClosed(uri: string): void {
    if (!this.started || !this.inScope(uri)) return;
    const key = this.key(uri);
    this.stale.delete(key);
    this.opened.delete(key);
    // The client forgets what it held of an open document: the file's report is sent whole again, with a new result id.
    const entry = this.entries.get(key);
    if (entry) entry.diagnostics = undefined;
    this.fileChanged(uri);
  }

  /** The open documents edited since their entry was made, indexed from the server's analysis of their current text. */
  private refreshOpen(): Promise<void> {
    // Requests that come together (both views after an edit) wait for the same analyses.
    this.refreshing ??= (async () => {
      for (const uri of this.stale) {
        const doc = this.openDocument(uri);
        this.stale.delete(uri);
        if (!doc) continue;
        try {
          await this.record(uri, await this.session.analysisOf(doc), 'open');
        } catch {
          // Closed or changed meanwhile: the next change or close says what it is.
        }
      }
    })().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** Every post-mortem, or (params.since) only those indexed again since that answer, and those gone. */
  async postMortems(params?: WorkspacePostMortemsParams): Promise<WorkspacePostMortemsResult> {
    void this.start();
    await this.refreshOpen();
    const today = localDate(new Date());
    const postMortems: WorkspacePostMortem[] = [];
    // `<run>:<revision>:<day>`: an answer of another run of the server, or of another day (overdue counts move), is no base.
    const revision = `${this.run}:${this.revision}:${today}`;
    const [run, n, day] = typeof params?.since === 'string' ? params.since.split(':') : [];
    const since = run === this.run && day === today && /^\d+$/.test(n) && Number(n) <= this.revision ? Number(n) : undefined;
    for (const [uri, entry] of this.entries) {
      if (since !== undefined && entry.revision <= since) continue;
      const { summary: s, counted } = entry;
      // The counts are anyone's: whichever "me" the entry's items were made for.
      const { open, overdue } = entry.view?.today === today ? entry.view : this.view(uri, entry, today, this.session.gitUser);
      const { title, status, date, severity, mttrMinutes, mttr, completeness, problems } = s;
      postMortems.push({ uri, title, status, date, severity, mttrMinutes, mttr, completeness, problems: { ...problems }, problemsCounted: counted, actionItems: { total: s.items.length, open, overdue } });
    }
    postMortems.sort((a, b) => compare(a.uri, b.uri));
    const skipped = [...this.skipped].map(([uri, reason]) => ({ uri, reason })).sort((a, b) => compare(a.uri, b.uri));
    const indexing = this.walking || this.queue.size > 0 || this.reading;
    const result: WorkspacePostMortemsResult = { postMortems, revision, indexing, counting: indexing || this.uncounted.size > 0, skipped };
    if (since !== undefined) result.removed = [...this.removedAt].filter(([, at]) => at > since).map(([uri]) => uri).sort(compare);
    return result;
  }

  /** Every action item, or (params.filters, params.groupBy) only what the view shows: filtered, grouped, each group's first items. */
  async actionItems(params: WorkspaceActionItemsParams | undefined): Promise<WorkspaceActionItemsResult> {
    void this.start();
    await this.refreshOpen();
    const today = localDate(new Date());
    const given = typeof params?.me === 'string' && params.me.trim() ? params.me.trim() : undefined;
    const me = given ?? this.session.gitUser;
    const all: WorkspaceActionItem[] = [];
    for (const uri of [...this.entries.keys()].sort(compare)) all.push(...this.view(uri, this.entries.get(uri)!, today, me).items);
    const result: WorkspaceActionItemsResult = { items: all, me: me ?? null, today, overdue: overdueCount(all) };
    const filters = typeof params?.filters === 'object' && params.filters !== null ? params.filters : undefined;
    if (filters) result.items = filterActionItems(all, filters);
    const by = params?.groupBy;
    if (by === 'owner' || by === 'postMortem' || by === 'due') {
      const limit = typeof params?.limit === 'number' && params.limit >= 0 ? params.limit : GROUP_LIMIT;
      const limits = typeof params?.limits === 'object' && params.limits !== null ? params.limits : {};
      Object.assign(result, pageGroups(groupActionItems(result.items, by, today), limit, limits));
    }
    return result;
  }

  /** Every indexed post-mortem's summary, open documents as they stand in their editors (the Insights page, lsp/insights-request.ts). */
  async summaries(): Promise<{ entries: { uri: string; summary: WorkspaceSummary }[]; indexing: boolean }> {
    void this.start();
    await this.refreshOpen();
    return { entries: [...this.entries].map(([uri, { summary }]) => ({ uri, summary })), indexing: this.walking || this.queue.size > 0 || this.reading };
  }

  /** An entry's action items as the requests send them, and its open and overdue counts, on `today` for `me`. */
  private view(uri: string, entry: Entry, today: string, me: string | undefined): NonNullable<Entry['view']> {
    if (entry.view?.today === today && entry.view.me === me) return entry.view;
    const s = entry.summary;
    let open = 0;
    let overdue = 0;
    const items = s.items.map((item): WorkspaceActionItem => {
      const late = overdueDays(item, today);
      if (!item.done) open++;
      if (late !== null) overdue++;
      return { uri, line: item.line, postMortem: s.title, action: item.action, owner: item.owner, ownerKey: item.owner === null ? null : foldOwner(item.owner), due: item.due, dueText: item.dueText, done: item.done, overdueDays: late, mine: isMine(item.owner, me) };
    });
    entry.view = { today, me, items, open, overdue };
    return entry.view;
  }

  /**
   * `workspace/diagnostic`: the diagnostics of the indexed post-mortems that are not open (an open
   * one's are pushed), each `unchanged` when the client holds its result id; a file the client
   * holds diagnostics of that has none now (deleted, no longer a post-mortem, the setting off)
   * gets an empty report. With nothing new to say, the request is held until the index changes,
   * so that a client that asks again at once (VS Code's) does not poll.
   */
  async workspaceDiagnostics(params: WorkspaceDiagnosticParams, token: CancellationToken, progress?: ResultProgressReporter<WorkspaceDiagnosticReportPartialResult>): Promise<WorkspaceDiagnosticReport> {
    void this.start();
    const held = performance.now();
    for (;;) {
      const items = await this.diagnosticReports(params);
      const news = items.some((i) => i.kind === 'full') || this.draining !== undefined;
      if (news || token.isCancellationRequested || performance.now() - held > HOLD_MS || !progress) {
        if (!progress) return { items };
        // In chunks: the client shows each as it comes, and the whole answer is then empty.
        for (let i = 0; i < items.length; i += REPORT_CHUNK) progress.report({ items: items.slice(i, i + REPORT_CHUNK) });
        return { items: [] };
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, HOLD_MS);
        const cancelled = token.onCancellationRequested(done);
        function done() {
          clearTimeout(timer);
          cancelled.dispose();
          resolve();
        }
        this.waiting.push(done);
      });
    }
  }

  private async diagnosticReports(params: WorkspaceDiagnosticParams): Promise<WorkspaceDocumentDiagnosticReport[]> {
    const held = new Map<string, string>();
    for (const { uri, value } of Array.isArray(params?.previousResultIds) ? params.previousResultIds : []) if (typeof uri === 'string') held.set(this.key(uri), value);
    const enabled = new Map<string | undefined, Promise<boolean>>();
    const on = (uri: string) => {
      const folder = this.folderOf(uri);
      let value = enabled.get(folder);
      if (!value) enabled.set(folder, (value = this.session.settings.workspaceDiagnostics(folder)));
      return value;
    };
    const items: WorkspaceDocumentDiagnosticReport[] = [];
    const open = new Set(this.session.documents.all().map((d) => this.key(d.uri)));
    for (const uri of [...this.entries.keys()].sort(compare)) {
      const diagnostics = this.entries.get(uri)?.diagnostics;
      if (!diagnostics || open.has(uri) || !(await on(uri))) continue;
      const { json, resultId } = diagnostics;
      items.push(held.get(uri) === resultId ? { kind: 'unchanged', uri, resultId, version: null } : { kind: 'full', uri, resultId, version: null, items: (JSON.parse(json) as CompactDiagnostic[]).map(expand) });
      held.delete(uri);
    }
    for (const uri of held.keys()) if (!open.has(uri) && this.inScope(uri)) items.push({ kind: 'full', uri, version: null, items: [] });
    return items;
  }

  /**
   * Tells the client, debounced, that the index changed, and answers the workspace diagnostic
   * requests held. While the workspace is first walked and counted, the views ask again at most
   * every 2 s, not after each file.
   */
  private changed(delay = this.walking || this.uncounted.size > 0 ? WALK_CHANGED_MS : CHANGED_DEBOUNCE_MS): void {
    const due = performance.now() + delay;
    if (this.timer && this.timer.due <= due) return;
    clearTimeout(this.timer?.handle);
    this.timer = {
      due,
      handle: setTimeout(() => {
        this.timer = undefined;
        void this.session.connection.sendNotification(WORKSPACE_CHANGED_NOTIFICATION);
        this.diagnosticsMayHaveChanged();
      }, delay),
    };
  }

  /** Settings changed (postmortem.workspace.diagnostics among them), or the index did: held requests answer, the client is told. */
  diagnosticsMayHaveChanged(settings = false): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const done of waiting) done();
    if (!this.refreshSupport || !(this.diagnosticsChanged || settings)) return;
    this.diagnosticsChanged = false;
    void this.session.connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  /** The workspace folder (its URI) a file is in, whose editor settings apply to it. */
  private folderOf(uri: string): string | undefined {
    const path = fileURLToPath(uri);
    const folder = this.folders.find((f) => path.startsWith(`${f}/`));
    return folder === undefined ? undefined : pathToFileURL(folder).href;
  }

  /** A file: URI inside a workspace folder, outside node_modules and .git. */
  private inScope(uri: string): boolean {
    if (!uri.startsWith('file:')) return false;
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return false;
    }
    return !IGNORED.test(path) && this.folders.some((f) => path === f || path.startsWith(`${f}/`));
  }

  /** One spelling of a file's URI, as the walk writes it, whatever the client's encoding. */
  private key(uri: string): string {
    try {
      return pathToFileURL(fileURLToPath(uri)).href;
    } catch {
      return uri;
    }
  }

  private openDocument(key: string): TextDocument | undefined {
    return this.session.documents.get(key) ?? this.session.documents.all().find((d) => this.key(d.uri) === key);
  }
}

function withoutTrailingSlash(path: string): string {
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

function first<T>(set: Set<T>): T | undefined {
  for (const value of set) return value;
  return undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The workspace requests; the index starts on the first if the client did not ask for it at start. */
export function registerWorkspaceRequests(session: Session, index: WorkspaceIndex): void {
  session.connection.onRequest(WORKSPACE_POST_MORTEMS_REQUEST, (params: WorkspacePostMortemsParams | undefined) => index.postMortems(params));
  session.connection.onRequest(WORKSPACE_ACTION_ITEMS_REQUEST, (params: WorkspaceActionItemsParams | undefined) => index.actionItems(params));
  // Open documents' diagnostics are pushed (diagnostics.ts): their pull answers nothing, so that no problem shows twice.
  session.connection.languages.diagnostics.on(() => ({ kind: 'full', items: [] }));
  session.connection.languages.diagnostics.onWorkspace((params, token, _workDone, progress) => index.workspaceDiagnostics(params, token, progress));
}

/** A digest of a file's text, to tell an editor's text that is the same as it. */
function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}
