import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Diagnostic as LspDiagnostic, DiagnosticSeverity, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import type { Diagnostic } from '../core/diagnostic';
import { KEEPS_JSON } from './ascii-json';
import { budgetDiagnostic } from './budgets';
import type { Session } from './session';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint };

/** The README shipped next to the server, whose `#rule-<id>` anchors document each rule: works offline. */
const RULE_DOCS = pathToFileURL(join(__dirname, '..', 'README.md')).href;

/** Each rule's link to its documentation, made once: every publish carries one per diagnostic. */
const ruleDocs = new Map<string, { href: string }>();

export function toLspDiagnostic(d: Omit<Diagnostic, 'fixes'>): LspDiagnostic {
  let codeDescription = ruleDocs.get(d.code);
  if (!codeDescription) ruleDocs.set(d.code, (codeDescription = { href: `${RULE_DOCS}#rule-${d.code}` }));
  return { range: d.range, severity: SEVERITY[d.severity], code: d.code, codeDescription, source: 'postmortem', message: d.message };
}

/** Whether `sent`, made by toLspDiagnostic, is what it makes of `d`: every field it sets. */
function sayTheSame(sent: LspDiagnostic, d: Omit<Diagnostic, 'fixes'>): boolean {
  const [p, q] = [sent.range, d.range];
  return (
    sent.message === d.message &&
    sent.code === d.code &&
    sent.severity === SEVERITY[d.severity] &&
    p.start.line === q.start.line &&
    p.start.character === q.start.character &&
    p.end.line === q.end.line &&
    p.end.character === q.end.character
  );
}

/**
 * `fresh` as published: where a diagnostic says what the one at its place in `sent` said, that
 * one, whose JSON the transport kept (KEEPS_JSON); else one made anew, its JSON to be written. A
 * keystroke usually leaves all of a document's diagnostics as they were: writing 323 of them
 * again took a millisecond, and making their objects again was garbage at every keystroke.
 */
function reuseSent(sent: LspDiagnostic[], fresh: Omit<Diagnostic, 'fixes'>[]): LspDiagnostic[] {
  const published = new Array<LspDiagnostic>(fresh.length);
  for (let i = 0; i < fresh.length; i++) {
    if (i < sent.length && sayTheSame(sent[i], fresh[i])) published[i] = sent[i];
    else published[i] = Object.defineProperty(toLspDiagnostic(fresh[i]), KEEPS_JSON, { value: undefined, writable: true });
  }
  return published;
}

/** Pushes diagnostics: at once for a document just opened, after the debounce for a change, never for a stale version. */
export class Linter {
  /** Each document's pending lint, by the function that cancels it. */
  private readonly pending = new Map<string, () => void>();
  /** Bumped on every change, so a debounce started for an older change does not fire. */
  private readonly changes = new Map<string, number>();
  /** Whether the diagnostics last published for a document were not empty. */
  private readonly published = new Map<string, boolean>();
  /** The diagnostics last published for the document last linted: the one being typed in. */
  private sent?: { uri: string; diagnostics: LspDiagnostic[] };

  constructor(private readonly session: Session) {}

  changed(uri: string): void {
    const immediate = !this.published.has(uri);
    const change = this.cancel(uri);
    this.session.settings.forDocument(uri).then(
      ({ debounceMs }) => this.changes.get(uri) === change && this.schedule(uri, immediate ? 0 : debounceMs),
      (e) => this.session.connection.console.error(`Cannot read the settings of ${uri}: ${e}`),
    );
  }

  /** Settings changed: every open document again, now. */
  relintAll(): void {
    for (const doc of this.session.documents.all()) {
      this.cancel(doc.uri);
      this.schedule(doc.uri, 0);
    }
  }

  closed(uri: string): void {
    this.cancel(uri);
    this.session.analyses.closed(uri);
    this.changes.delete(uri);
    if (this.sent?.uri === uri) this.sent = undefined;
    if (this.published.get(uri)) this.session.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.published.delete(uri);
  }

  /** Stops what is pending for the document's older text: its debounce and its analysis. */
  private cancel(uri: string): number {
    this.pending.get(uri)?.();
    this.pending.delete(uri);
    this.session.analyses.drop(uri);
    const change = (this.changes.get(uri) ?? 0) + 1;
    this.changes.set(uri, change);
    return change;
  }

  private schedule(uri: string, delayMs: number): void {
    const run = () => {
      this.pending.delete(uri);
      void this.lint(uri);
    };
    // No debounce: as soon as the change is handled (a timer of 0 would still wait a millisecond).
    if (delayMs > 0) {
      const timer = setTimeout(run, delayMs);
      this.pending.set(uri, () => clearTimeout(timer));
    } else {
      const immediate = setImmediate(run);
      this.pending.set(uri, () => clearImmediate(immediate));
    }
  }

  private async lint(uri: string): Promise<void> {
    const { documents, connection } = this.session;
    const doc = documents.get(uri);
    if (!doc) return;
    try {
      const handle = await this.session.analysisOf(doc);
      const found = handle.exceeded || !handle.isPostMortem ? [] : await handle.run('diagnostics');
      // A newer version has its own lint coming; a closed document keeps no diagnostics.
      if (documents.get(uri) !== doc || doc.version !== handle.version) return;
      const diagnostics = handle.exceeded ? [budgetDiagnostic(handle.exceeded)] : reuseSent(this.sent?.uri === uri ? this.sent.diagnostics : [], found);
      if (!handle.exceeded) this.sent = { uri, diagnostics };
      if (!diagnostics.length && this.published.get(uri) === false) return;
      this.published.set(uri, diagnostics.length > 0);
      await connection.sendDiagnostics({ uri, version: handle.version, diagnostics });
    } catch (e) {
      if (!(e instanceof ResponseError && e.code === LSPErrorCodes.ContentModified)) connection.console.error(`Cannot lint ${uri}: ${(e as Error).stack ?? e}`);
    }
  }
}
