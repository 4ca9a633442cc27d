import type { Analysis } from '../core/analyze';
import type { Deadline } from '../core/budget';
import { renderBlockList, renderBlocks } from '../core/markdown';
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

/** The body's pieces: the parts above the document (header, problems, cards), each non-empty, and the document's blocks. */
export interface BodyPieces {
  parts: string[];
  blocks: string[];
}

/**
 * The preview's body, from an analysis the caller already has: header, problems, timeline, action
 * items and 5 Whys, then the whole document from the analysis's own markdown-it parse. The same
 * HTML is the webview's body, the exported page's and the browser tests'.
 */
export function renderBody(analysis: Analysis, options: RenderOptions = {}): string {
  const { deadline } = options;
  return [...partsOf(analysis, options), `<article class="document">\n${renderBlocks(analysis.blocks, documentOptions(analysis, options), deadline)}</article>`].join('\n');
}

/** `renderBody` in pieces, for a page that patches itself block by block (render/patch.ts). */
export function bodyPieces(analysis: Analysis, options: RenderOptions = {}): BodyPieces {
  const parts = partsOf(analysis, options);
  return { parts, blocks: renderBlockList(analysis.blocks, documentOptions(analysis, options), options.deadline) };
}

/** The parts above the document that have something to show. */
function partsOf(analysis: Analysis, options: RenderOptions): string[] {
  const { deadline } = options;
  const parts: (() => string)[] = [
    () => metricsHeader(analysis),
    () => (options.showProblems === false ? '' : problems(analysis.diagnostics)),
    () => timelineSection(analysis),
    () => actionItemsSection(analysis, options.today),
    () => whysSection(analysis.model),
    () => traceabilitySection(analysis),
  ];
  const rendered = parts
    .map((part) => {
      deadline?.check();
      return part();
    })
    .filter(Boolean);
  deadline?.check();
  return rendered;
}

/** The document from its first line after the front matter. */
function documentOptions(analysis: Analysis, options: RenderOptions) {
  return { remoteImages: options.remoteImages, fromLine: frontMatterEnd(analysis.src.lines) };
}
