import { stat } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
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
  type WorkspacePostMortemsResult,
} from '../../../shared/protocol';
import type { AnalysisHandle } from './analysis-handle';
import type { Session } from './session';

/** Files over this size are not indexed (the CLI's default --max-size): the analysis holds about 55 times a file's size. */
export const INDEX_MAX_BYTES = 20 * MB;
const LIMIT = { bytes: INDEX_MAX_BYTES, advice: 'it is not indexed; postmortem lint --max-size reads it' };
/** The views are told the index changed at most this often. */
const CHANGED_DEBOUNCE_MS = 200;
const WALK_CHANGED_MS = 2000;

const MARKDOWN = /\.(?:md|markdown)$/i;
const IGNORED = /\/(?:node_modules|\.git)\//;

/**
 * The workspace's post-mortems, each kept as a compact summary (core/workspace.ts), for the
 * Post-Mortems and Action Items views. Files are found as `postmortem lint FOLDER` finds them
 * (node/files.ts expandPaths), read within the size limit and analysed as an opened document
 * would be (its settings, its team's template), one at a time, yielding to the event loop between
 * files so that open documents are served first. An open document is indexed from its editor's
 * text, with the analysis the server makes for it anyway (the Analyses cache), when the index is
 * next asked for. File events (create, change, delete; a rename is both) keep it current.
 */
export class WorkspaceIndex {
  private readonly entries = new Map<string, WorkspaceSummary>();
  private readonly skipped = new Map<string, string>();
  /** Files to read again from disk, in order. */
  private readonly queue = new Set<string>();
  /** Open documents edited since their entry was made. */
  private readonly stale = new Set<string>();
  private folders: string[] = [];
  private started?: Promise<void>;
  private draining?: Promise<void>;
  private walking = false;
  private timer?: { due: number; handle: NodeJS.Timeout };

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
      this.changed();
    }
  }

  /** Reads the queued files one by one; a file queued meanwhile joins the run. */
  private drain(report?: (done: number) => void): Promise<void> {
    if (this.draining) return this.draining;
    this.draining = (async () => {
      let done = 0;
      for (const uri of this.queue) {
        this.queue.delete(uri);
        await this.indexFile(uri).catch((e: unknown) => this.session.connection.console.error(`Cannot index ${uri}: ${(e as Error).stack ?? e}`));
        report?.(++done);
        this.changed();
        // Between files, whatever else waits (an open document's request) goes first.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async indexFile(uri: string): Promise<void> {
    if (this.openDocument(uri)) return void this.stale.add(uri);
    const read = readText(fileURLToPath(uri), LIMIT);
    if ('error' in read) {
      this.entries.delete(uri);
      if (read.missing) this.skipped.delete(uri);
      else this.skipped.set(uri, read.error);
      return;
    }
    const { settings, analyses } = this.session;
    const doc = TextDocument.create(uri, 'markdown', 0, read.text);
    try {
      const handle = await analyses.get(doc, await settings.forDocument(uri, this.folderOf(uri)));
      // Opened meanwhile: its editor's text speaks for it.
      if (this.openDocument(uri)) return void this.stale.add(uri);
      await this.record(uri, handle);
    } finally {
      if (!this.openDocument(uri)) {
        analyses.drop(uri);
        settings.drop(uri);
      }
    }
  }

  private async record(uri: string, handle: AnalysisHandle): Promise<void> {
    if (handle.exceeded) {
      this.entries.delete(uri);
      this.skipped.set(uri, `its analysis took over ${handle.exceeded.budgetMs / 1000} s and was abandoned`);
    } else if (!handle.isPostMortem) {
      this.entries.delete(uri);
      this.skipped.delete(uri);
    } else {
      this.entries.set(uri, await handle.run('workspaceSummary', uri, localDate(new Date())));
      this.skipped.delete(uri);
    }
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
    for (const map of [this.entries, this.skipped]) {
      for (const k of map.keys()) if (k === key || k.startsWith(folder)) removed = map.delete(k) || removed;
    }
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
    this.stale.add(this.key(uri));
    this.changed();
  }

  /** A document closed: its file on disk speaks for it again (unsaved edits are gone). */
  documentClosed(uri: string): void {
    if (!this.started || !this.inScope(uri)) return;
    this.stale.delete(this.key(uri));
    this.fileChanged(uri);
  }

  /** The open documents edited since their entry was made, indexed from the server's analysis of their current text. */
  private async refreshOpen(): Promise<void> {
    for (const uri of [...this.stale]) {
      const doc = this.openDocument(uri);
      this.stale.delete(uri);
      if (!doc) continue;
      try {
        await this.record(uri, await this.session.analysisOf(doc));
      } catch {
        // Closed or changed meanwhile: the next change or close says what it is.
      }
    }
  }

  async postMortems(): Promise<WorkspacePostMortemsResult> {
    void this.start();
    await this.refreshOpen();
    const today = localDate(new Date());
    const postMortems: WorkspacePostMortem[] = [];
    for (const [uri, s] of this.entries) {
      const open = s.items.filter((i) => !i.done);
      const overdue = open.filter((i) => overdueDays(i, today) !== null).length;
      const { title, status, date, severity, mttrMinutes, mttr, completeness, problems } = s;
      postMortems.push({ uri, title, status, date, severity, mttrMinutes, mttr, completeness, problems: { ...problems }, actionItems: { total: s.items.length, open: open.length, overdue } });
    }
    postMortems.sort((a, b) => compare(a.uri, b.uri));
    const skipped = [...this.skipped].map(([uri, reason]) => ({ uri, reason })).sort((a, b) => compare(a.uri, b.uri));
    return { postMortems, indexing: this.walking || this.draining !== undefined, skipped };
  }

  async actionItems(params: WorkspaceActionItemsParams | undefined): Promise<WorkspaceActionItemsResult> {
    void this.start();
    await this.refreshOpen();
    const today = localDate(new Date());
    const given = typeof params?.me === 'string' && params.me.trim() ? params.me.trim() : undefined;
    const me = given ?? this.session.gitUser;
    const items: WorkspaceActionItem[] = [];
    for (const uri of [...this.entries.keys()].sort(compare)) {
      const s = this.entries.get(uri)!;
      for (const item of s.items) {
        items.push({ uri, line: item.line, postMortem: s.title, action: item.action, owner: item.owner, ownerKey: item.owner === null ? null : foldOwner(item.owner), due: item.due, dueText: item.dueText, done: item.done, overdueDays: overdueDays(item, today), mine: isMine(item.owner, me) });
      }
    }
    return { items, me: me ?? null, today };
  }

  /** Every indexed post-mortem's summary, open documents as they stand in their editors (the Insights page, lsp/insights-request.ts). */
  async summaries(): Promise<{ entries: { uri: string; summary: WorkspaceSummary }[]; indexing: boolean }> {
    void this.start();
    await this.refreshOpen();
    return { entries: [...this.entries].map(([uri, summary]) => ({ uri, summary })), indexing: this.walking || this.draining !== undefined };
  }

  /** Tells the client, debounced, that the index changed. */
  private changed(): void {
    // While the workspace is first walked, the views ask again at most every 2 s, not after each file.
    const delay = this.walking ? WALK_CHANGED_MS : CHANGED_DEBOUNCE_MS;
    const due = performance.now() + delay;
    if (this.timer && this.timer.due <= due) return;
    clearTimeout(this.timer?.handle);
    this.timer = {
      due,
      handle: setTimeout(() => {
        this.timer = undefined;
        void this.session.connection.sendNotification(WORKSPACE_CHANGED_NOTIFICATION);
      }, delay),
    };
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

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The workspace requests; the index starts on the first if the client did not ask for it at start. */
export function registerWorkspaceRequests(session: Session, index: WorkspaceIndex): void {
  session.connection.onRequest(WORKSPACE_POST_MORTEMS_REQUEST, () => index.postMortems());
  session.connection.onRequest(WORKSPACE_ACTION_ITEMS_REQUEST, (params: WorkspaceActionItemsParams | undefined) => index.actionItems(params));
}
