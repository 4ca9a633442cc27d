import { before } from '../ranges';
import type { Diagnostic, Fix, TextEdit } from '../diagnostic';
import type { Range } from '../text';

export interface QuickFix {
  fix: Fix;
  /** Every diagnostic in the range that offers this fix (one "sort the timeline" serves each row out of order). */
  diagnostics: Diagnostic[];
}

/** The fixes of the diagnostics that touch `range`, each once. */
export function quickFixesAt(diagnostics: Diagnostic[], range: Range): QuickFix[] {
  const byFix = new Map<Fix, QuickFix>();
  for (const diagnostic of diagnostics) {
    if (before(diagnostic.range.end, range.start) || before(range.end, diagnostic.range.start)) continue;
    for (const fix of diagnostic.fixes ?? []) {
      const found = byFix.get(fix);
      if (found) found.diagnostics.push(diagnostic);
      else byFix.set(fix, { fix, diagnostics: [diagnostic] });
    }
  }
  return [...byFix.values()];
}

/**
 * `source.fixAll`: every safe fix once, in document order, skipping a fix any of whose edits
 * overlaps an edit already taken, so the result is one valid, non-overlapping edit list.
 */
export function fixAllEdits(diagnostics: Diagnostic[]): TextEdit[] {
  const taken: TextEdit[] = [];
  const seen = new Set<Fix>();
  for (const fix of diagnostics.flatMap((d) => d.fixes ?? [])) {
    if (!fix.safe || seen.has(fix)) continue;
    seen.add(fix);
    if (fix.edits.every((e) => !taken.some((t) => overlaps(t.range, e.range)))) taken.push(...fix.edits);
  }
  return taken.sort((a, b) => (before(a.range.start, b.range.start) ? -1 : before(b.range.start, a.range.start) ? 1 : 0));
}

/** Ranges that share a character, or two edits at one point of which one inserts (their order would be ambiguous). */
function overlaps(a: Range, b: Range): boolean {
  const samePoint = (p: Range['start'], q: Range['start']) => p.line === q.line && p.character === q.character;
  if (before(a.start, b.end) && before(b.start, a.end)) return true;
  return samePoint(a.start, b.start) && (samePoint(a.start, a.end) || samePoint(b.start, b.end));
}
