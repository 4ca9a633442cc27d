import type { BudgetExceeded } from '../core/budget';
import type { AnalysisInput, FeatureArgs, FeatureName, FeatureResult } from './features';

/**
 * One version's analysis, wherever it runs (the server's thread, analyses.ts, or a thread of its
 * own, threaded-analysis.ts); features are asked for by name.
 */
export interface AnalysisHandle {
  readonly version: number;
  readonly isPostMortem: boolean;
  /** The budget of each render, that of the thread the analysis lives in. */
  readonly budgetMs: number;
  /** Set when the analysis overran its budget and was abandoned (isPostMortem is false then). */
  readonly exceeded?: BudgetExceeded;
  run<K extends FeatureName>(feature: K, ...args: FeatureArgs<K>): Promise<FeatureResult<K>>;
  dispose(): void;
}

/** Server → analysis thread: one feature call. */
export interface ThreadCall {
  id: number;
  feature: FeatureName;
  /** The feature's arguments (FeatureArgs of it), plain data. */
  args: unknown[];
}

/** Server → analysis thread: analyse the document's next version (from the last one's parse), or one feature call on the latest. */
export type ThreadMessage = ThreadCall | { id: number; analyze: AnalysisInput };

/** Analysis thread → server: an analysis' outcome, or a feature call's reply (`exceeded`: the call's budget, overrun); each with its message's id. */
export type ThreadReply = { id: number; isPostMortem: boolean } | { id: number; result?: unknown; error?: string; exceeded?: number };
