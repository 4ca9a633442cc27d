// Entry of dist/analysis-thread.js, the worker thread of one large document (threaded-analysis.ts
// starts it): the document's analysis, kept to answer feature calls.
import { parentPort, workerData } from 'node:worker_threads';
import { BudgetExceeded } from '../core/budget';
import type { ThreadCall, ThreadReply } from './analysis-handle';
import { type AnalysisInput, type FeatureArgs, type FeatureName, analyzeDocument, runFeature } from './features';

const port = parentPort!;
const reply = (message: ThreadReply) => port.postMessage(message);
const { analysis, isPostMortem } = analyzeDocument(workerData as AnalysisInput);
reply({ isPostMortem });
port.on('message', ({ id, feature, args }: ThreadCall) => {
  try {
    reply({ id, result: runFeature(analysis, feature, args as FeatureArgs<FeatureName>) });
  } catch (e) {
    reply(e instanceof BudgetExceeded ? { id, exceeded: e.budgetMs } : { id, error: (e as Error).stack ?? String(e) });
  }
});
