import type { PostMortem } from './model';
import type { TextEdit } from './diagnostic';
import { template, templateSectionIndex } from './template';
import { type SourceText, range } from './text';

export interface SectionInsertion {
  /** "5. Root Cause Analysis", as the template names it. */
  name: string;
  edit: TextEdit;
  /** Where it goes, in words: `after "4. Detailed Timeline"`. */
  where: string;
}

/**
 * The template's section `name`, inserted where the template has it: before the next template
 * section the document has, else at the end. Undefined for a name the template does not have.
 */
export function insertSection(model: PostMortem, src: SourceText, name: string): SectionInsertion | undefined {
  const sections = template().sections;
  const index = templateSectionIndex(name);
  if (index < 0) return undefined;
  const present = (kind: string | undefined) => model.sections.find((s) => s.level === 2 && kind !== undefined && s.kind === kind);
  const next = sections.slice(index + 1).map((t) => present(t.kind)).find(Boolean);
  const previous = sections.slice(0, index).reverse().find((t) => present(t.kind));
  const where = previous ? `after "${previous.name}"` : next ? `before "${next.heading}"` : 'to the document';
  const text = sections[index].text;
  const last = src.lineCount - 1;
  const edit = next
    ? { range: range(next.line, 0, 0), newText: text.replace(/\n/g, src.eol) }
    : { range: range(last, src.lines[last].length, src.lines[last].length), newText: `${src.lines[last] ? '\n\n' : '\n'}${text.trimEnd()}\n`.replace(/\n/g, src.eol) };
  return { name: sections[index].name, edit, where };
}
