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

/** `postmortem/render`: a document's preview as HTML, from the analysis of its current version. */
export const RENDER_REQUEST = 'postmortem/render';

export interface RenderParams {
  uri: string;
  /** YYYY-MM-DD: action items due before this day are past due; the server's local date when left out. */
  today?: string;
  /** List the problems at the top (the `postmortem.preview.showProblems` setting); default true. */
  showProblems?: boolean;
  /** The whole self-contained page with its stylesheet inline (`postmortem render`'s) instead of the webview's body. */
  standalone?: boolean;
  /** Load the document's images from the web (the `postmortem.preview.remoteImages` setting); default false. */
  remoteImages?: boolean;
}

export interface RenderResult {
  /** The document version the HTML was rendered from. */
  version: number;
  html: string;
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

/**
 * Commands the server runs on a document, `workspace/executeCommand` with `[uri, …args]`: it
 * applies their edits with one `workspace/applyEdit`, so each is undone in one step. The client
 * registers the first four as palette commands (acting on the active editor); the others take
 * what the user picked in the client's UI.
 */
export const SERVER_COMMANDS = {
  fixAll: FIX_ALL_COMMAND,
  sortTimeline: 'postmortem.sortTimeline',
  updateMetrics: 'postmortem.updateMetrics',
  removeGuidance: 'postmortem.removeGuidance',
  /** `[uri, sectionName]` */
  insertSection: 'postmortem.server.insertSection',
  /** `[uri, status]` */
  setStatus: 'postmortem.server.setStatus',
  /** `[uri, placeholderName, value]` */
  fillPlaceholder: 'postmortem.server.fillPlaceholder',
} as const;

/** `postmortem/newDocument`: the text of a new post-mortem from the template, with what the user gave filled in. */
export const NEW_DOCUMENT_REQUEST = 'postmortem/newDocument';

export type { NewPostMortem as NewDocumentParams } from './core/commands/new-document';

export interface NewDocumentResult {
  text: string;
}
