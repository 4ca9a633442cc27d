import type { PostMortem, Section, SectionKind } from './model';
import { parse } from './parse';
import { kindOfTitle, sectionName } from './extract/sections';
import { guidanceText, isGuidance } from './guidance';
import { RangesByLine } from './ranges';
import { TEMPLATE_TEXT } from './template-text';

export { TEMPLATE_TEXT };

export interface TemplateSection {
  kind?: SectionKind;
  /** As in the template: "5. Root Cause Analysis". */
  name: string;
  level: number;
  /** The section's Markdown, heading to the line before the next section of its level. */
  text: string;
}

interface TemplateInfo {
  sections: TemplateSection[];
  placeholderCount: number;
  guidance: Map<string, string>;
}

let info: TemplateInfo | undefined;

/** The bundled template, parsed once by the same code that parses documents. */
export function template(): TemplateInfo {
  if (info) return info;
  const { model, src } = parse(TEMPLATE_TEXT);
  const sections = model.sections
    .filter((s) => s.level === 2)
    .map((s) => ({
      kind: s.kind,
      name: sectionName(s),
      level: s.level,
      text: `${withoutTrailingBlankLines(src.lines.slice(s.line, s.endLine)).join('\n')}\n\n`,
    }));
  info = { sections, placeholderCount: countedPlaceholders(model), guidance: guidanceBySection(model) };
  return info;
}

/** Placeholders that count towards completeness: those outside the template's examples. */
export function countedPlaceholders(model: PostMortem): number {
  const examples = new RangesByLine(model.examples);
  return model.placeholders.filter((p) => !examples.contain(p.range)).length;
}

/** The template's numbered sections ("1. Incident Reference & Metadata" … "12. Review & Sign-Off"). */
export function defaultRequiredSections(): string[] {
  return template().sections.filter((s) => /^\d+\./.test(s.name)).map((s) => s.name);
}

/** Whether `section` is the one a required-section name means: same template kind, or same title. */
export function sectionMatches(section: Pick<Section, 'kind' | 'title'>, name: string): boolean {
  const { kind, title } = nameRead(name);
  return kind ? section.kind === kind : section.title.toLowerCase() === title;
}

/** Required-section names as read: a few per configuration, each asked of every section at every keystroke. */
const namesRead = new Map<string, { kind: ReturnType<typeof kindOfTitle>; title: string }>();

function nameRead(name: string): { kind: ReturnType<typeof kindOfTitle>; title: string } {
  let read = namesRead.get(name);
  if (!read) {
    const title = unnumbered(name);
    read = { kind: kindOfTitle(title), title: title.toLowerCase() };
    if (namesRead.size >= 256) namesRead.clear();
    namesRead.set(name, read);
  }
  return read;
}

/** The template section a required-section name means, or undefined for a section of the team's own. */
export function templateSectionIndex(name: string): number {
  return template().sections.findIndex((t) => sectionMatches({ kind: t.kind, title: unnumbered(t.name) }, name));
}

function unnumbered(name: string): string {
  return name.replace(/^\d+(\.\d+)*\.?\s+/, '');
}

/**
 * A document follows the template when at least half of the required sections appear under the
 * template's own titles. Titles from other templates ("Lessons Learned", "Root Causes") count
 * as present but not as following: a post-mortem in the SRE-book style is not told to add ours.
 */
export function followsTemplate(model: PostMortem, required: string[]): boolean {
  const titles = new Set(model.sections.map((s) => s.title.toLowerCase()));
  const present = required.filter((name) => titles.has(unnumbered(name).toLowerCase())).length;
  return required.length > 0 && present * 2 >= required.length;
}

function withoutTrailingBlankLines(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1] === '') end--;
  return lines.slice(0, end);
}

/** The `<!-- GUIDANCE: … -->` text of each template section, by section kind, for hovers. */
function guidanceBySection(model: PostMortem): Map<string, string> {
  const map = new Map<string, string>();
  for (const c of model.comments) {
    if (!isGuidance(c)) continue;
    const section = model.sections.findLast((s) => s.line <= c.range.start.line);
    if (section?.kind && !map.has(section.kind)) map.set(section.kind, guidanceText(c));
  }
  return map;
}
