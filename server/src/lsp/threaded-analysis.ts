import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { BudgetExceeded } from '../core/budget';
import type { AnalysisHandle, ThreadCall, ThreadReply } from './analysis-handle';
import type { AnalysisInput, FeatureArgs, FeatureName, FeatureResult } from './features';

/**
 * The server's handle on a large document's analysis, which runs in a worker thread of its own
 * (analysis-thread-entry.ts, bundled as dist/analysis-thread.js) that keeps the analysis and answers
 * feature calls from it. Disposing it stops the worker, mid-analysis if need be: that is how
 * stale work on a large document is cancelled, and how an analysis past its budget is abandoned
 * (the worker cannot be interrupted otherwise; its renders check their own deadline).
 */
export class ThreadedAnalysis implements AnalysisHandle {
  isPostMortem = false;
  readonly ready: Promise<this>;
  private readonly worker: Worker;
  private readonly calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  /** The analysis itself is pending under this id until the worker reports it. */
  private static readonly ANALYSIS = -1;
  private failure?: Error;

  constructor(readonly version: number, input: AnalysisInput, readonly budgetMs: number) {
    this.worker = new Worker(join(__dirname, 'analysis-thread.js'), { workerData: input });
    this.ready = new Promise((resolve, reject) => {
      this.calls.set(ThreadedAnalysis.ANALYSIS, { resolve: () => resolve(this), reject });
    });
    const timer = setTimeout(() => {
      this.fail(new BudgetExceeded(budgetMs));
      void this.worker.terminate();
    }, budgetMs);
    this.worker.on('message', (reply: ThreadReply) => {
      if ('isPostMortem' in reply) {
        clearTimeout(timer);
        this.isPostMortem = reply.isPostMortem;
        this.settle(ThreadedAnalysis.ANALYSIS, undefined);
      } else {
        const error = reply.exceeded !== undefined ? new BudgetExceeded(reply.exceeded) : reply.error !== undefined ? new Error(reply.error) : undefined;
        this.settle(reply.id, reply.result, error);
      }
    });
    this.worker.on('exit', () => clearTimeout(timer));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', () => this.fail(new Error('The analysis worker stopped')));
  }

  run<K extends FeatureName>(feature: K, ...args: FeatureArgs<K>): Promise<FeatureResult<K>> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const call: ThreadCall = { id, feature, args };
    this.worker.postMessage(call);
    return new Promise((resolve, reject) => this.calls.set(id, { resolve: resolve as (value: unknown) => void, reject }));
  }

  dispose(): void {
    this.fail(new ResponseError(LSPErrorCodes.ContentModified, 'The document changed'));
    void this.worker.terminate();
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
