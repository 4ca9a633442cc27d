// Entry of dist/analysis-thread.js, the worker thread of one large document (threaded-analysis.ts
// starts it): the analysis of the document's latest version, kept to answer feature calls. The
// thread lives on from one version to the next while each is analysed in time, so each version's
// analysis re-parses only what its edit touched (incremental-parse.ts) and runs warm.
import { parentPort } from 'node:worker_threads';
import type { Analysis } from '../core/analyze';
import { BudgetExceeded } from '../core/budget';
import type { ThreadMessage, ThreadReply } from './analysis-handle';
import { type FeatureArgs, type FeatureName, analyzeDocument, runFeature } from './features';

const port = parentPort!;
const reply = (message: ThreadReply) => port.postMessage(message);
let analysis: Analysis | undefined;
port.on('message', (message: ThreadMessage) => {
  if ('analyze' in message) {
    const done = analyzeDocument(message.analyze, analysis);
    analysis = done.analysis;
    reply({ id: message.id, isPostMortem: done.isPostMortem });
    return;
  }
  const { id, feature, args } = message;
  try {
    reply({ id, result: runFeature(analysis!, feature, args as FeatureArgs<FeatureName>) });
  } catch (e) {
    reply(e instanceof BudgetExceeded ? { id, exceeded: e.budgetMs } : { id, error: (e as Error).stack ?? String(e) });
  }
});
