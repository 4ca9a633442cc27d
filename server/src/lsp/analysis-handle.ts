import type { BudgetExceeded } from '../core/budget';
import type { FeatureArgs, FeatureName, FeatureResult } from './features';

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

/** Analysis thread → server: first the analysis' outcome, then one reply per feature call (`exceeded`: the call's budget, overrun). */
export type ThreadReply = { isPostMortem: boolean } | { id: number; result?: unknown; error?: string; exceeded?: number };
