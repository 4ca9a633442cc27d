import type { Analysis } from '../analyze';
import { STATUSES } from '../extract/known-fields';
import type { Status } from '../model';
import type { TextEdit } from '../diagnostic';
import { range } from '../text';

export { STATUSES };

/**
 * Sets the status everywhere the document states it (the header blockquote and the metadata
 * table); a document that states it nowhere gets a `> **Status:**` line under its title.
 */
export function setStatus({ model, src }: Analysis, status: Status): TextEdit[] {
  const fields = model.metadata.fields.filter((f) => f.key === 'status');
  if (fields.length) return fields.filter((f) => f.value.text !== status).map((f) => ({ range: f.value.range, newText: status }));
  const line = model.title ? model.title.range.start.line + 1 : 0;
  return [{ range: range(line, 0, 0), newText: `${line ? src.eol : ''}> **Status:** ${status}${src.eol}${line ? '' : src.eol}` }];
}

const BLOCKERS: [code: string, one: string, many: string][] = [
  ['placeholder', 'placeholder not filled in', 'placeholders not filled in'],
  ['missing-owner', 'action item without an owner', 'action items without an owner'],
  ['timeline-order', 'timeline entry out of order', 'timeline entries out of order'],
  ['unresolved-choice', 'option list left unresolved', 'option lists left unresolved'],
  ['metric-mismatch', 'stated metric that disagrees with the timeline', 'stated metrics that disagree with the timeline'],
];

/** What still stands in the way of leaving Draft: "12 placeholders not filled in", … */
export function statusBlockers({ diagnostics }: Analysis): string[] {
  return BLOCKERS.flatMap(([code, one, many]) => {
    const n = diagnostics.filter((d) => d.code === code).length;
    return n ? [`${n} ${n === 1 ? one : many}`] : [];
  });
}
