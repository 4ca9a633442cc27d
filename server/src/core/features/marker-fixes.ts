import type { Analysis } from '../analyze';
import type { Fix } from '../diagnostic';
import type { Range } from '../text';
import { MARKER_NAMES } from '../vocabulary';
import type { QuickFix } from './fixes';

/**
 * For each timeline entry in `range` whose event was read from its words ("alert fired"), a fix
 * that writes the explicit marker (`← Detection`) after its event, so that the writer settles it:
 * an explicit marker is read the same whatever the words around it become. Never part of "fix all".
 */
export function markerFixesAt({ model }: Analysis, range: Range): QuickFix[] {
  const fixes: QuickFix[] = [];
  for (const timeline of model.timelines) {
    if (timeline.endLine <= range.start.line || timeline.startLine > range.end.line) continue;
    for (const entry of timeline.entries) {
      const marker = entry.marker;
      if (marker?.phrase === undefined || entry.endLine <= range.start.line || entry.startLine > range.end.line) continue;
      const name = MARKER_NAMES[marker.kind];
      const at = entry.event.range.end;
      const fix: Fix = {
        title: `Mark ${entry.time.text} as "${name}" (read from "${marker.phrase}")`,
        edits: [{ range: { start: at, end: at }, newText: `${entry.event.text ? ' ' : ''}← ${name}` }],
      };
      fixes.push({ fix, diagnostics: [] });
    }
  }
  return fixes;
}
