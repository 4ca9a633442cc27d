import { type Analysis, type AnalyzeOptions, analyze } from '../core/analyze';
import { completionsAt } from '../core/features/completion';
import { timelineLens } from '../core/features/code-lens';
import { fixAllEdits, quickFixesAt } from '../core/features/fixes';
import { foldingRanges } from '../core/features/folding';
import { hoverAt } from '../core/features/hover';
import { outline } from '../core/features/outline';
import { summarize, withoutFixes } from '../core/features/summary';
import { isPostMortem } from '../core/identify';
import { insertSection } from '../core/commands/insert-section';
import { fillEverywhere } from '../core/commands/placeholders';
import { sortTimelines } from '../core/commands/sort-timelines';
import { setStatus } from '../core/commands/status';
import { updateStatedMetrics } from '../core/commands/stated-metrics';
import type { Status } from '../core/model';
import { removeGuidance } from '../core/rules/leftover-guidance';
import type { Range } from '../core/text';
import { type RenderOptions, renderBody } from '../render/body';
import { renderPage } from '../render/page';

/**
 * Every language feature as a function of the analysis. They run where the analysis lives: in the
 * server's thread, or in a large document's worker (see worker-analysis.ts), so both call them by name.
 */
const FEATURES = {
  diagnostics: ({ diagnostics }: Analysis) => withoutFixes(diagnostics),
  quickFixes: ({ diagnostics }: Analysis, range: Range) => quickFixesAt(diagnostics, range),
  fixAll: ({ diagnostics }: Analysis) => fixAllEdits(diagnostics),
  completion: completionsAt,
  hover: hoverAt,
  symbols: ({ model, src }: Analysis) => outline(model, src),
  folding: ({ model, src }: Analysis) => foldingRanges(model, src),
  codeLens: timelineLens,
  summary: summarize,
  // The stylesheet comes as an argument (the request handler loads it), so that this module, which
  // tests import from source, has no stylesheet import; with it, the whole page.
  render: (analysis: Analysis, { css, ...options }: RenderOptions & { css?: string }) =>
    css === undefined ? renderBody(analysis, options) : renderPage(analysis, { ...options, css }),
  // The edits of the server's commands (see SERVER_COMMANDS in protocol.ts).
  sortTimeline: ({ model, src }: Analysis) => sortTimelines(model, src),
  updateMetrics: updateStatedMetrics,
  removeGuidance: ({ model, src }: Analysis) => removeGuidance(model, src),
  insertSection: ({ model, src }: Analysis, name: string) => {
    const insertion = insertSection(model, src, name);
    return insertion ? [insertion.edit] : [];
  },
  setStatus: (analysis: Analysis, status: Status) => setStatus(analysis, status),
  fillPlaceholder: ({ model }: Analysis, name: string, value: string) => fillEverywhere(model, name, value),
};

type Features = typeof FEATURES;
export type FeatureName = keyof Features;
export type FeatureArgs<K extends FeatureName> = Features[K] extends (analysis: Analysis, ...args: infer A) => unknown ? A : never;
export type FeatureResult<K extends FeatureName> = ReturnType<Features[K]>;

export function runFeature<K extends FeatureName>(analysis: Analysis, feature: K, args: FeatureArgs<K>): FeatureResult<K> {
  return (FEATURES[feature] as (analysis: Analysis, ...args: unknown[]) => FeatureResult<K>)(analysis, ...args);
}

/** What one analysis needs, all plain data so that it can go to a worker. */
export interface AnalysisInput {
  text: string;
  options: AnalyzeOptions;
  /** The document's path, matched against the `postmortem.files` globs. */
  path?: string;
  globs: string[];
}

export function analyzeDocument({ text, options, path, globs }: AnalysisInput): { analysis: Analysis; isPostMortem: boolean } {
  const analysis = analyze(text, options);
  return { analysis, isPostMortem: isPostMortem(analysis.model, path, globs) };
}
