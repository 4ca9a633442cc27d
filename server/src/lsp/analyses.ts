import type { Worker } from 'node:worker_threads';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type Analysis, analyze, withoutTokens } from '../core/analyze';
import { BudgetExceeded } from '../core/budget';
import { identify } from '../core/identify';
import type { FixContext } from '../core/diagnostic';
import { MAIN_THREAD_BUDGET_MS, WORKER_BUDGET_MS, budgetMessage } from './budgets';
import type { AnalysisHandle } from './analysis-handle';
import { type AnalysisInput, type FeatureArgs, type FeatureName, type FeatureResult, analyzeDocument, runFeature } from './features';
import type { DocumentSettings } from './settings';
import { ThreadedAnalysis } from './threaded-analysis';
import { uriPath } from './uri';

/**
 * Above this size a document is analysed in a worker thread: the analysis is synchronous, and at
 * this size it starts to take long enough (a few hundred ms) to hold up the other documents.
 */
export const LARGE_DOCUMENT_CHARS = 256 * 1024;

/**
 * The analyses made in the server's thread kept at once, by the length of their texts: one holds about 45 times its
 * text (tokens, model, diagnostics), 25 times once its tokens are let go. Past it, the least recently used are let go and made again
 * when next asked for; their diagnostics, once published, stay. 50 open 2,000-line post-mortems
 * would hold 400 MB otherwise.
 */
export const CACHED_CHARS = 512 * 1024;

/** What a document that is not analysed answers every feature with: what an empty one would. */
let empty: Analysis | undefined;

class LocalAnalysis implements AnalysisHandle {
  readonly budgetMs = MAIN_THREAD_BUDGET_MS;
  private slim = false;

  constructor(readonly version: number, public analysis: Analysis, readonly isPostMortem: boolean, readonly exceeded?: BudgetExceeded) {}

  /** Keeps the model, not the tokens (a caller already reading the analysis keeps its own until it is done). */
  releaseTokens(): void {
    if (this.slim || !this.isPostMortem) return;
    this.analysis = withoutTokens(this.analysis);
    this.slim = true;
  }

  /** Not a post-mortem, or abandoned: nothing analysed, every feature answers as for an empty document. */
  static unanalysed(version: number, exceeded?: BudgetExceeded): LocalAnalysis {
    empty ??= analyze('');
    return new LocalAnalysis(version, empty, false, exceeded);
  }

  async run<K extends FeatureName>(feature: K, ...args: FeatureArgs<K>): Promise<FeatureResult<K>> {
    return runFeature(this.analysis, feature, args);
  }

  dispose(): void {}
}

interface Entry {
  version: number;
  /** The text's length, for an analysis made in this thread: what the entry counts for against CACHED_CHARS. */
  chars: number;
  /** Analysed: only then may it be let go (a worker still analysing would take its lint with it). */
  done?: boolean;
  settings: DocumentSettings;
  /** The day the analysis was made for: overdue action items change with it. */
  today?: string;
  /** The analysis, once made in this thread: the next version's reuses its parse. */
  analysis?: LocalAnalysis;
  dispose: () => void;
  /** A worker thread whose analysis is done, handed on to the next version's (ThreadedAnalysis.detach). */
  detach?: () => Worker | undefined;
  ready: Promise<AnalysisHandle>;
}

/**
 * The analysis of each open document's current version: computed once, read by diagnostics and
 * every request. Only a document identified as a post-mortem is analysed, under a time budget.
 */
export class Analyses {
  private readonly entries = new Map<string, Entry>();
  /**
   * The last analysis of each document whose text changed since, until its next version is
   * analysed: that analysis parses again only the blocks the edit touched (incremental-parse.ts).
   */
  private readonly previous = new Map<string, Analysis>();
  /** Likewise the worker thread of each large document whose text changed: it analyses the next version. */
  private readonly threads = new Map<string, { thread: Worker; exited: () => void }>();

  constructor(private readonly fixContext: () => FixContext, private readonly log: (message: string) => void) {}

  get(doc: TextDocument, settings: DocumentSettings): Promise<AnalysisHandle> {
    const entry = this.entries.get(doc.uri);
    const fix = this.fixContext();
    if (entry && entry.version === doc.version && entry.settings === settings && entry.today === fix.today) {
      // The most recently used last, as the map keeps keys in the order they were set.
      this.entries.delete(doc.uri);
      this.entries.set(doc.uri, entry);
      return entry.ready;
    }
    const previous = this.previous.get(doc.uri) ?? entry?.analysis?.analysis;
    this.previous.delete(doc.uri);
    this.drop(doc.uri);
    const thread = this.takeThread(doc.uri);
    const text = doc.getText();
    const { identified, input } = this.input(doc.uri, text, settings, fix);
    const worker = identified && text.length > LARGE_DOCUMENT_CHARS ? new ThreadedAnalysis(doc.version, input, WORKER_BUDGET_MS, thread) : undefined;
    if (thread && !worker) void thread.terminate();
    const started: Promise<AnalysisHandle> = worker
      ? worker.ready
      : Promise.resolve().then(() => {
          if (!identified) return LocalAnalysis.unanalysed(doc.version);
          const { analysis, isPostMortem } = analyzeDocument({ ...input, budgetMs: MAIN_THREAD_BUDGET_MS }, previous);
          added.analysis = new LocalAnalysis(doc.version, analysis, isPostMortem);
          return added.analysis;
        });
    const ready = this.abandonedPastBudget(started, doc.uri, doc.version);
    const added: Entry = { version: doc.version, chars: identified && !worker ? text.length : 0, settings, today: fix.today, dispose: () => worker?.dispose(), detach: () => worker?.detach(), ready };
    this.entries.set(doc.uri, added);
    // A failed analysis is not kept: the next request tries again.
    ready.catch(() => this.entries.get(doc.uri)?.ready === ready && this.drop(doc.uri));
    void ready.then(() => {
      added.done = true;
      this.evict(doc.uri);
    }, () => undefined);
    return ready;
  }

  /**
   * One analysis of a file that is not open (the workspace index's), kept nowhere: the caller
   * disposes of it. `check: false` reads and measures only, without the rules (no diagnostics).
   */
  once(uri: string, text: string, settings: DocumentSettings, check: boolean): Promise<AnalysisHandle> {
    const { identified, input } = this.input(uri, text, settings, this.fixContext());
    const checked: AnalysisInput = { ...input, options: { ...input.options, check } };
    const started: Promise<AnalysisHandle> =
      identified && text.length > LARGE_DOCUMENT_CHARS
        ? new ThreadedAnalysis(0, checked, WORKER_BUDGET_MS).ready
        : Promise.resolve().then(() => {
            if (!identified) return LocalAnalysis.unanalysed(0);
            const { analysis, isPostMortem } = analyzeDocument({ ...checked, budgetMs: MAIN_THREAD_BUDGET_MS });
            return new LocalAnalysis(0, analysis, isPostMortem);
          });
    return this.abandonedPastBudget(started, uri, 0);
  }

  /** What a document is analysed with: whether it is a post-mortem (and how known), its settings, its team's template. */
  private input(uri: string, text: string, settings: DocumentSettings, fix: FixContext): { identified: ReturnType<typeof identify>; input: AnalysisInput } {
    // The team's template is the reference of the post-mortems around it, never one of them.
    const identified = settings.isTemplate ? undefined : identify(text, uriPath(uri), settings.files);
    const template = identified ? settings.templateFor(text) : undefined;
    return { identified, input: { text, options: { config: settings.config, fix, template }, byPath: identified === 'path' } };
  }

  /** An analysis over its budget is kept as the version's outcome, unanalysed: the same text would overrun again. */
  private abandonedPastBudget(started: Promise<AnalysisHandle>, uri: string, version: number): Promise<AnalysisHandle> {
    return started.catch((e: unknown) => {
      if (!(e instanceof BudgetExceeded)) throw e;
      this.log(`${uri} (version ${version}): ${budgetMessage('check', e.budgetMs)}`);
      return LocalAnalysis.unanalysed(version, e);
    });
  }

  /**
   * Lets the least recently used analyses go until the rest fit CACHED_CHARS; the newest is always
   * kept, and so is `done`, the one just made, which its callers (the lint that asked for it) are
   * about to read. Only analyses made in this thread are counted and let go: a caller that holds
   * one keeps it until it is done with it, whereas stopping a worker would fail the calls it is
   * answering. The others keep their model, not their tokens: only the newest, the document
   * being edited, needs them for its next version's parse.
   */
  private evict(done: string): void {
    let chars = 0;
    let newest: string | undefined;
    for (const [uri, entry] of this.entries) (chars += entry.chars), (newest = uri);
    for (const [uri, entry] of this.entries) if (uri !== newest) entry.analysis?.releaseTokens();
    for (const [uri, entry] of this.entries) {
      if (chars <= CACHED_CHARS) break;
      if (!entry.done || !entry.chars || uri === newest || uri === done) continue;
      chars -= entry.chars;
      this.entries.get(uri)?.dispose();
      this.entries.delete(uri);
    }
  }

  /**
   * The document changed: its analysis goes, and a thread still analysing the old text stops; an
   * analysis made in this thread is kept for the next version's to start from.
   */
  drop(uri: string): void {
    const entry = this.entries.get(uri);
    this.entries.delete(uri);
    if (!entry) return;
    if (entry.analysis) this.previous.set(uri, entry.analysis.analysis);
    const thread = entry.detach?.();
    if (!thread) return;
    void this.takeThread(uri)?.terminate();
    // A thread that stops while it waits is not handed on.
    const exited = () => this.threads.get(uri)?.thread === thread && this.threads.delete(uri);
    thread.once('exit', exited);
    this.threads.set(uri, { thread, exited });
  }

  /** The document's waiting worker thread, if any, no longer waiting. */
  private takeThread(uri: string): Worker | undefined {
    const waiting = this.threads.get(uri);
    this.threads.delete(uri);
    waiting?.thread.off('exit', waiting.exited);
    return waiting?.thread;
  }

  /** The document closed: nothing of it is kept. */
  closed(uri: string): void {
    this.drop(uri);
    this.previous.delete(uri);
    void this.takeThread(uri)?.terminate();
  }
}
