import type { Analysis } from '../analyze';
import { actionLabel } from '../action-label';
import type { Fix } from '../diagnostic';
import type { Range } from '../text';
import { before } from '../ranges';
import { type TraceLink, linkEdit } from '../traceability';
import type { QuickFix } from './fixes';

/**
 * Hover on a cause (a contributing factor, the root cause, the last why, a What Went Wrong item):
 * the action items that address it; on an action item: the causes it addresses, and how (an
 * explicit link, or the words the two share).
 */
export function traceHover({ trace }: Analysis, line: number): { markdown: string; range: Range } | undefined {
  const c = trace.causes.findIndex((x) => x.line === line);
  if (c >= 0 && trace.actions.length) {
    const cause = trace.causes[c];
    const links = trace.byCause[c];
    const head = `**${cause.id}** (${cause.name.replace(/^The r/, 'r')})`;
    const body = links.length
      ? `Addressed by:\n\n${links.map((l) => `- ${actionLabel(trace.actions[l.action].item)}: ${how(l)}`).join('\n')}`
      : cause.needsAction
        ? `No action item addresses it: add one, or link one with ${cause.id}.`
        : 'No action item addresses it (none is required).';
    return { markdown: `${head}\n\n${body}`, range: cause.range };
  }
  const action = trace.actions.find((a) => a.item.line === line);
  if (!action || !trace.causes.length) return undefined;
  const lines = action.links.map((l) => `- ${trace.causes[l.cause].id} "${trace.causes[l.cause].text}": ${how(l)}`);
  if (action.otherRefs.length) lines.push(`- ${action.otherRefs.join(', ')}: named, but no such cause in this document`);
  const body = lines.length
    ? `Addresses:\n\n${lines.join('\n')}`
    : action.hygiene
      ? 'Marked general hygiene: it needs no cause.'
      : 'Addresses no cause: link it to one (CF-n, RC, Why n) or mark it (hygiene).';
  return { markdown: `**${actionLabel(action.item)}**\n\n${body}`, range: action.item.action!.range };
}

function how(link: TraceLink): string {
  return link.explicit ? 'linked explicitly' : `by the words they share ("${link.words!.join('", "')}")`;
}

/**
 * For each action item whose text `range` touches, linked to causes only by shared words, a fix that writes the
 * links (` (addresses: RC, CF-2)`), so that the writer settles them. Never part of "fix all".
 */
export function traceFixesAt({ trace }: Analysis, range: Range): QuickFix[] {
  const fixes: QuickFix[] = [];
  for (const action of trace.actions) {
    // On the action's own text only: an owner or due cell of the same row keeps its own fixes.
    const cell = action.item.action!.range;
    if (before(range.end, cell.start) || before(cell.end, range.start)) continue;
    const implicit = action.links.filter((l) => !l.explicit);
    if (!implicit.length || implicit.length !== action.links.length) continue;
    const edit = linkEdit(trace, action, implicit[0].cause);
    if (!edit) continue;
    const ids = implicit.map((l) => trace.causes[l.cause].id).join(', ');
    const fix: Fix = { title: `Link ${actionLabel(action.item)} to ${ids} explicitly (read from shared words)`, edits: [edit] };
    fixes.push({ fix, diagnostics: [] });
  }
  return fixes;
}
