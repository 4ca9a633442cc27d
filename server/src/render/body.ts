import type { Analysis } from '../core/analyze';
import type { Deadline } from '../core/budget';
import { renderBlocks } from '../core/markdown';
import { frontMatterEnd } from '../core/front-matter';
import { actionItemsSection } from './action-items';
import { metricsHeader } from './metrics-header';
import { problems } from './problems';
import { timelineSection } from './timeline-svg';
import { whysSection } from './whys';
import { traceabilitySection } from './traceability';

export interface RenderOptions {
  /** YYYY-MM-DD: action items due before this day are past due. Without it none is. */
  today?: string;
  /** List the analysis's problems at the top (the `postmortem.preview.showProblems` setting); default true. */
  showProblems?: boolean;
  /** Checked between the parts and at each block of the document: an overrun throws BudgetExceeded. */
  deadline?: Deadline;
  /** Load the document's images from the network (the `postmortem.preview.remoteImages` setting); default false, each shown as a link. */
  remoteImages?: boolean;
}

/**
 * The preview's body, from an analysis the caller already has: header, problems, timeline, action
 * items and 5 Whys, then the whole document from the analysis's own markdown-it parse. The same
 * HTML is the webview's body, the exported page's and the browser tests'.
 */
export function renderBody(analysis: Analysis, options: RenderOptions = {}): string {
  const { deadline } = options;
  const parts: (() => string)[] = [
    () => metricsHeader(analysis),
    () => (options.showProblems === false ? '' : problems(analysis.diagnostics)),
    () => timelineSection(analysis),
    () => actionItemsSection(analysis, options.today),
    () => whysSection(analysis.model),
    () => traceabilitySection(analysis),
    () => `<article class="document">\n${renderBlocks(analysis.blocks, { remoteImages: options.remoteImages, fromLine: frontMatterEnd(analysis.src.lines) }, deadline)}</article>`,
  ];
  return parts
    .map((part) => {
      deadline?.check();
      return part();
    })
    .filter(Boolean)
    .join('\n');
}
