// Entry of dist/analysis-worker.js: one large document's analysis, kept to answer feature calls.
import { parentPort, workerData } from 'node:worker_threads';
import { BudgetExceeded } from '../core/budget';
import { type AnalysisInput, type FeatureArgs, type FeatureName, analyzeDocument, runFeature } from './features';
import type { WorkerReply } from './worker-analysis';

const port = parentPort!;
const reply = (message: WorkerReply) => port.postMessage(message);
const { analysis, isPostMortem } = analyzeDocument(workerData as AnalysisInput);
reply({ isPostMortem });
port.on('message', ({ id, feature, args }: { id: number; feature: FeatureName; args: FeatureArgs<FeatureName> }) => {
  try {
    reply({ id, result: runFeature(analysis, feature, args) });
  } catch (e) {
    reply(e instanceof BudgetExceeded ? { id, exceeded: e.budgetMs } : { id, error: (e as Error).stack ?? String(e) });
  }
});
