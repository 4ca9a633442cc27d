import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FixContext } from '../core/rules/rule';
import { type AnalysisInput, type FeatureArgs, type FeatureName, type FeatureResult, analyzeDocument, runFeature } from './features';
import type { DocumentSettings } from './settings';
import { uriPath } from './uri';
import { WorkerAnalysis } from './worker-analysis';

/**
 * Above this size a document is analysed in a worker thread: the analysis is synchronous, and at
 * this size it starts to take long enough (a few hundred ms) to hold up the other documents.
 */
export const LARGE_DOCUMENT_CHARS = 256 * 1024;

/** One version's analysis, wherever it runs; features are asked for by name. */
export interface AnalysisHandle {
  readonly version: number;
  readonly isPostMortem: boolean;
  run<K extends FeatureName>(feature: K, ...args: FeatureArgs<K>): Promise<FeatureResult<K>>;
  dispose(): void;
}

class LocalAnalysis implements AnalysisHandle {
  readonly isPostMortem: boolean;
  private readonly analysis;

  constructor(readonly version: number, input: AnalysisInput) {
    ({ analysis: this.analysis, isPostMortem: this.isPostMortem } = analyzeDocument(input));
  }

  async run<K extends FeatureName>(feature: K, ...args: FeatureArgs<K>): Promise<FeatureResult<K>> {
    return runFeature(this.analysis, feature, args);
  }

  dispose(): void {}
}

interface Entry {
  version: number;
  settings: DocumentSettings;
  handle: AnalysisHandle;
  ready: Promise<AnalysisHandle>;
}

/** The analysis of each open document's current version: computed once, read by diagnostics and every request. */
export class Analyses {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly fixContext: () => FixContext) {}

  get(doc: TextDocument, settings: DocumentSettings): Promise<AnalysisHandle> {
    const entry = this.entries.get(doc.uri);
    if (entry && entry.version === doc.version && entry.settings === settings) return entry.ready;
    this.drop(doc.uri);
    const input: AnalysisInput = { text: doc.getText(), options: { config: settings.config, fix: this.fixContext() }, path: uriPath(doc.uri), globs: settings.files };
    const worker = input.text.length > LARGE_DOCUMENT_CHARS ? new WorkerAnalysis(doc.version, input) : undefined;
    const handle = worker ?? new LocalAnalysis(doc.version, input);
    const ready = worker ? worker.ready : Promise.resolve(handle);
    this.entries.set(doc.uri, { version: doc.version, settings, handle, ready });
    // A failed analysis is not kept: the next request tries again.
    ready.catch(() => this.entries.get(doc.uri)?.handle === handle && this.drop(doc.uri));
    return ready;
  }

  /** The document changed or closed: its analysis goes, and a worker still analysing the old text stops. */
  drop(uri: string): void {
    this.entries.get(uri)?.handle.dispose();
    this.entries.delete(uri);
  }
}
