/**
 * Contracts shared by the language server, the VS Code client and the preview webview: custom
 * request names, settings and messages. Imported by both sides; imports nothing itself but types.
 */
import type { AnalysisSummary } from './core/features/summary';

/** `postmortem/analysis`: a document's model summary, metrics, timeline, action items and diagnostics. */
export const ANALYSIS_REQUEST = 'postmortem/analysis';

export interface AnalysisParams {
  uri: string;
}

export type { ActionItemSummary, TimelineEntrySummary } from './core/features/summary';

export interface AnalysisResult extends AnalysisSummary {
  uri: string;
  version: number;
  isPostMortem: boolean;
}

/** Settings under `postmortem.*`, pulled per document with workspace/configuration. */
export interface Settings {
  files: string[];
  lint: { debounceMs: number; rules: Record<string, 'off' | 'hint' | 'info' | 'warning' | 'error'> };
  owners: string[];
  newDocument: { folder: string };
  preview: { showProblems: boolean };
}

/** Messages the extension posts to the preview webview (media/preview.js). */
export type ExtensionToPreview =
  /** A new body from `renderBody` for document `version`; the preview keeps its scroll position and ignores older versions. */
  | { type: 'update'; body: string; version: number }
  /** Scroll the preview to the element nearest to a 0-based source line (the editor scrolled). */
  | { type: 'scroll-to-line'; line: number };

/** Messages the preview webview posts to the extension. */
export type PreviewToExtension =
  /** The user clicked an element rendered from this 0-based line: reveal it in the editor. */
  | { type: 'reveal'; line: number }
  /** The user clicked a link; the preview never navigates, the extension decides what to open. */
  | { type: 'open-link'; href: string }
  /** The user scrolled the preview; this 0-based line is now at its top. */
  | { type: 'scrolled'; line: number };

/** Code action kind of "fix all": every safe fix at once (on save, or from the Source Action menu). */
export const FIX_ALL_KIND = 'source.fixAll.postmortem';

/** `workspace/executeCommand` with `[uri]`: the server applies the document's safe fixes with `workspace/applyEdit`. */
export const FIX_ALL_COMMAND = 'postmortem.fixAll';
