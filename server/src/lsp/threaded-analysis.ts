import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { BudgetExceeded } from '../core/budget';
import type { AnalysisHandle, ThreadMessage, ThreadReply } from './analysis-handle';
import type { AnalysisInput, FeatureArgs, FeatureName, FeatureResult } from './features';

/**
 * The ids of the messages to every analysis thread, never reused: a thread that goes on to a
 * document's next version may still answer a call of the last one, which then matches nothing.
 */
let nextId = 0;

/**
 * The server's handle on a large document's analysis, which runs in a worker thread of its own
 * (analysis-thread-entry.ts, bundled as dist/analysis-thread.js) that keeps the analysis and answers
 * feature calls from it. Disposing it stops the worker, mid-analysis if need be: that is how
 * stale work on a large document is cancelled, and how an analysis past its budget is abandoned
 * (the worker cannot be interrupted otherwise; its renders check their own deadline). A worker whose
 * analysis is done is handed on instead (`detach`) to analyse the document's next version, which
 * then re-parses only what its edit touched.
 */
export class ThreadedAnalysis implements AnalysisHandle {
  isPostMortem = false;
  readonly ready: Promise<this>;
  private readonly worker: Worker;
  private readonly calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  /** The analysis itself is pending under this id until the worker reports it. */
  private readonly analysisId = nextId++;
  private analysed = false;
  private failure?: Error;
  private readonly timer: NodeJS.Timeout;
  private readonly listeners: { message: (reply: ThreadReply) => void; error: (error: Error) => void; exit: () => void };

  /** `worker`: the thread of the document's last version, its analysis done, or a new thread. */
  constructor(readonly version: number, input: AnalysisInput, readonly budgetMs: number, worker?: Worker) {
    this.worker = worker ?? new Worker(join(__dirname, 'analysis-thread.js'));
    this.ready = new Promise((resolve, reject) => {
      this.calls.set(this.analysisId, { resolve: () => resolve(this), reject });
    });
    this.timer = setTimeout(() => {
      this.fail(new BudgetExceeded(budgetMs));
      void this.worker.terminate();
    }, budgetMs);
    this.listeners = {
      message: (reply) => {
        if ('isPostMortem' in reply) {
          if (reply.id !== this.analysisId) return;
          clearTimeout(this.timer);
          this.isPostMortem = reply.isPostMortem;
          this.analysed = true;
          this.settle(this.analysisId, undefined);
        } else {
          const error = reply.exceeded !== undefined ? new BudgetExceeded(reply.exceeded) : reply.error !== undefined ? new Error(reply.error) : undefined;
          this.settle(reply.id, reply.result, error);
        }
      },
      error: (error) => this.fail(error),
      exit: () => {
        clearTimeout(this.timer);
        this.fail(new Error('The analysis worker stopped'));
      },
    };
    this.worker.on('message', this.listeners.message);
    this.worker.on('error', this.listeners.error);
    this.worker.on('exit', this.listeners.exit);
    this.post({ id: this.analysisId, analyze: input });
  }

  run<K extends FeatureName>(feature: K, ...args: FeatureArgs<K>): Promise<FeatureResult<K>> {
    if (this.failure) return Promise.reject(this.failure);
    const id = nextId++;
    this.post({ id, feature, args });
    return new Promise((resolve, reject) => this.calls.set(id, { resolve: resolve as (value: unknown) => void, reject }));
  }

  dispose(): void {
    this.detach();
    void this.worker.terminate();
  }

  /**
   * The document changed: this version's calls fail as `dispose` fails them, and the worker is
   * handed back for the next version if its analysis is done and nothing went wrong; else it stops.
   */
  detach(): Worker | undefined {
    const reusable = this.analysed && !this.failure;
    clearTimeout(this.timer);
    this.fail(new ResponseError(LSPErrorCodes.ContentModified, 'The document changed'));
    this.worker.off('message', this.listeners.message);
    this.worker.off('error', this.listeners.error);
    this.worker.off('exit', this.listeners.exit);
    if (reusable) return this.worker;
    void this.worker.terminate();
    return undefined;
  }

  private post(message: ThreadMessage): void {
    this.worker.postMessage(message);
  }

  private settle(id: number, result: unknown, error?: Error): void {
    const call = this.calls.get(id);
    this.calls.delete(id);
    if (error) call?.reject(error);
    else call?.resolve(result);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const call of this.calls.values()) call.reject(this.failure);
    this.calls.clear();
  }
}
