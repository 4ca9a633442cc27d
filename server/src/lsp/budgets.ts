import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { BudgetExceeded } from '../core/budget';

/**
 * How long one analysis or render may take. In the server's thread it holds up every other
 * document, so 2 s: a 256 KB post-mortem (the most analysed there) takes well under 1 s on a slow
 * machine. A worker holds up no one, so its budget only bounds wasted work: a 10 MB post-mortem
 * takes about 15 s on a loaded 2-core machine.
 *
 * POSTMORTEM_TEST_BUDGET_MS replaces both, for the tests that need a document to overrun.
 */
const TEST_BUDGET_MS = Number(process.env.POSTMORTEM_TEST_BUDGET_MS) || undefined;
export const MAIN_THREAD_BUDGET_MS = TEST_BUDGET_MS ?? 2000;
export const WORKER_BUDGET_MS = TEST_BUDGET_MS ?? 60_000;

/** What the editor shows for a document whose analysis was abandoned: one diagnostic, at its start. */
export function budgetDiagnostic({ budgetMs }: BudgetExceeded): Diagnostic {
  const at = { line: 0, character: 0 };
  return { range: { start: at, end: at }, severity: DiagnosticSeverity.Information, source: 'postmortem', message: budgetMessage('check', budgetMs) };
}

export function budgetMessage(work: 'check' | 'preview', budgetMs: number): string {
  return `This document is too large or too unusual to ${work}; ${budgetMs / 1000} s budget exceeded`;
}
