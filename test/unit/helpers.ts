// Helpers of the unit tests' own; where files are (ROOT, fixtures, examples) is test/paths.ts.
import type { Diagnostic, TextEdit } from '../../server/src/core/diagnostic';
import { SourceText } from '../../server/src/core/text';

/** A diagnostic as the fixtures' `.expected` files write it: 1-based, like an editor shows it. */
export function describe(d: Diagnostic): string {
  const { start, end } = d.range;
  return `${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${d.severity} ${d.message} [${d.code}]`;
}

/** Applies edits as an editor does: all against the original text, in one step. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const src = new SourceText(text);
  const offsets = edits.map((e) => ({ start: src.offsetAt(e.range.start), end: src.offsetAt(e.range.end), text: e.newText }));
  offsets.sort((a, b) => b.start - a.start);
  let out = src.text;
  for (const o of offsets) out = out.slice(0, o.start) + o.text + out.slice(o.end);
  return out;
}

/** The first fix whose title matches among the diagnostics of `code`. */
export function fixOf(diagnostics: Diagnostic[], code: string, title: RegExp) {
  const fix = diagnostics.filter((d) => d.code === code).flatMap((d) => d.fixes ?? []).find((f) => title.test(f.title));
  if (!fix) throw new Error(`no "${title}" fix for ${code}`);
  return fix;
}
