import type { PostMortem } from './model';
import type { TextEdit } from './diagnostic';
import { template, templateSectionIndex } from './template';
import { type SourceText, range } from './text';
import type { TeamTemplate } from './team-template';

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

/**
 * The team template's section `name` (its title), inserted where the template has it: before the
 * next of its sections the document has, else at the end. Undefined for a title it does not have.
 */
export function insertTeamSection(model: PostMortem, src: SourceText, team: TeamTemplate, name: string): SectionInsertion | undefined {
  const key = name.trim().toLowerCase();
  const index = team.sections.findIndex((s) => s.title.toLowerCase() === key);
  if (index < 0) return undefined;
  const has = (title: string) => model.sections.find((s) => s.title.toLowerCase() === title.toLowerCase());
  const next = team.sections.slice(index + 1).map((t) => has(t.title)).find(Boolean);
  const previous = team.sections.slice(0, index).reverse().find((t) => has(t.title));
  const where = previous ? `after "${previous.title}"` : next ? `before "${next.heading}"` : 'to the document';
  const text = team.sections[index].text;
  const last = src.lineCount - 1;
  const edit = next
    ? { range: range(next.line, 0, 0), newText: text.replace(/\n/g, src.eol) }
    : { range: range(last, src.lines[last].length, src.lines[last].length), newText: `${src.lines[last] ? '\n\n' : '\n'}${text.trimEnd()}\n`.replace(/\n/g, src.eol) };
  return { name: team.sections[index].title, edit, where };
}
