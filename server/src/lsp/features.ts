import { type Analysis, type AnalyzeOptions, analyze } from '../core/analyze';
import { completionsAt } from '../core/features/completion';
import { timelineLens } from '../core/features/code-lens';
import { fixAllEdits, quickFixesAt } from '../core/features/fixes';
import { markerFixesAt } from '../core/features/marker-fixes';
import { traceFixesAt } from '../core/features/traceability';
import { foldingRanges } from '../core/features/folding';
import { ticketLinks } from '../core/features/links';
import type { TicketUrl } from '../core/config';
import { hoverAt } from '../core/features/hover';
import { outline } from '../core/features/outline';
import { summarize, withoutFixes } from '../core/features/summary';
import { summarizeForWorkspace } from '../core/workspace';
import { Deadline } from '../core/budget';
import { isPostMortem } from '../core/identify';
import { insertSection, insertTeamSection } from '../core/section-insertion';
import { fillEverywhere } from '../core/commands/placeholders';
import { sortTimelines } from '../core/commands/sort-timelines';
import { setStatus } from '../core/commands/status';
import { updateStatedMetrics } from '../core/commands/stated-metrics';
import type { Status } from '../core/model';
import { removeGuidance } from '../core/guidance';
import type { Range } from '../core/text';
import { type RenderOptions, bodyPieces, renderBody } from '../render/body';
import { markedBlocks } from '../render/patch';
import { renderPage } from '../render/page';

/**
 * Every language feature as a function of the analysis. They run where the analysis lives: in the
 * server's thread, or in a large document's worker thread (see threaded-analysis.ts), so both call them by name.
 */
const FEATURES = {
  diagnostics: ({ diagnostics }: Analysis) => withoutFixes(diagnostics),
  quickFixes: (analysis: Analysis, range: Range) => [...quickFixesAt(analysis.diagnostics, range), ...markerFixesAt(analysis, range), ...traceFixesAt(analysis, range)],
  fixAll: ({ diagnostics }: Analysis) => fixAllEdits(diagnostics),
  completion: completionsAt,
  hover: hoverAt,
  symbols: ({ model, src }: Analysis) => outline(model, src),
  folding: ({ model, src }: Analysis) => foldingRanges(model, src),
  codeLens: timelineLens,
  links: ({ model, src }: Analysis, ticketUrl: TicketUrl | undefined) => ticketLinks(model, src, ticketUrl),
  summary: summarize,
  // What the workspace index keeps of the document (see lsp/workspace-index.ts).
  workspaceSummary: (analysis: Analysis, file: string, today: string) => summarizeForWorkspace(file, analysis, today),
  // The stylesheet comes as an argument (the request handler loads it), so that this module, which
  // tests import from source, has no stylesheet import; with it, the whole page.
  // The budget travels as a number, plain data for a worker; the deadline starts here.
  render: (analysis: Analysis, { css, budgetMs, ...options }: Omit<RenderOptions, 'deadline'> & { css?: string; budgetMs: number }) => {
    const deadline = new Deadline(budgetMs);
    return css === undefined ? renderBody(analysis, { ...options, deadline }) : renderPage(analysis, { ...options, css, deadline });
  },
  // The webview's blocks, marked, for a page that patches itself (render/patch.ts).
  renderBlocks: (analysis: Analysis, { budgetMs, ...options }: Omit<RenderOptions, 'deadline'> & { budgetMs: number }) =>
    markedBlocks(bodyPieces(analysis, { ...options, deadline: new Deadline(budgetMs) })),
  // The edits of the server's commands (see SERVER_COMMANDS in shared/protocol.ts).
  sortTimeline: ({ model, src }: Analysis) => sortTimelines(model, src),
  updateMetrics: updateStatedMetrics,
  removeGuidance: ({ model, src }: Analysis) => removeGuidance(model, src),
  insertSection: ({ model, src, template }: Analysis, name: string) => {
    // The team's sections where it has a template (the preview lists them), ours otherwise.
    const insertion = template ? insertTeamSection(model, src, template, name) : insertSection(model, src, name);
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
  options: Omit<AnalyzeOptions, 'deadline' | 'previous'>;
  /** Identified by its path (see identify): a post-mortem whatever its content. */
  byPath: boolean;
  /** Given, the analysis throws BudgetExceeded past it; a worker is stopped by a timer instead. */
  budgetMs?: number;
}

/** `previous`: the analysis of the document's previous version, whose parse is reused where the edit did not reach (in this thread only: it is not plain data). */
export function analyzeDocument({ text, options, byPath, budgetMs }: AnalysisInput, previous?: Analysis): { analysis: Analysis; isPostMortem: boolean } {
  const analysis = analyze(text, { ...options, previous, remember: true, deadline: budgetMs === undefined ? undefined : new Deadline(budgetMs) });
  return { analysis, isPostMortem: byPath || isPostMortem(analysis.model) };
}
