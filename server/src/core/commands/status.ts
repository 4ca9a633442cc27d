import type { Analysis } from '../analyze';
import type { TextEdit } from '../diagnostic';
import { range } from '../text';
import type { Status } from '../vocabulary';

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
