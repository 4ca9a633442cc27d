import type { Token } from 'markdown-it';
import type { Section, SectionKind } from '../model';
import { type SourceText, span } from '../text';
import { trimMarks } from '../vocabulary';

/**
 * What each template section is called in the template and in the post-mortems people really
 * write (see the corpus): "4. Detailed Timeline", "## **Timeline**", "Root Causes", "Lessons Learned".
 */
const KINDS: [SectionKind, RegExp][] = [
  ['history', /^document history$/],
  ['blameless', /^blameless/],
  ['metadata', /^(incident reference|metadata$|incident (reference )?(&|and) metadata)/],
  ['summary', /^(executive )?summary$/],
  ['impact', /^impact( summary)?$/],
  ['timeline', /timeline|chain of events/],
  ['whys', /^(5|five) whys/],
  ['rootCause', /^root causes?( analysis)?$/],
  ['factors', /^contributing (factors|conditions)/],
  ['trigger', /^trigger( event)?$/],
  ['wentWell', /went well/],
  ['wentWrong', /went wrong|didn.?t go (so )?well/],
  ['lucky', /got lucky/],
  // What teams call their action items: "Action Items", "Next steps", "Corrective and Preventative
  // Measures", "Prevention/followups", "Follow-ups", "Remediation", "To do"; not "Actions taken".
  ['actions', /^(?:action items?|action plan|corrective (?:actions?|measures)|corrective and prevent[a-z]* (?:actions|measures)|prevent[a-z]* (?:actions|measures)|review actions|future actions|follow.?up (?:actions|items|tasks)|(?:prevention ?\/ ?)?follow.?ups\b|next steps|remediation (?:items|actions|steps)|to.?do(?: list)?$|actions$|remediations?$)/],
  ['followUp', /^follow.?up tracking|^follow.?up$/],
  ['recurrence', /^recurrence/],
  ['signoff', /sign.?off/],
  ['related', /^related documents/],
  ['approval', /^approvals?$/],
];

const NUMBERING = /^((?:\d+\.)*\d+)\.?\s+/;

/** "5. Root Cause Analysis", as the template names its sections. */
export function sectionName(section: Section): string {
  return section.number ? `${section.number}. ${section.title}` : section.title;
}

export function kindOfTitle(title: string): SectionKind | undefined {
  const t = title.toLowerCase().replace(/\s+/g, ' ').trim();
  return KINDS.find(([, re]) => re.test(t))?.[0];
}

/** Splits "4. **Detailed Timeline**" into its number and plain title. */
function splitHeading(heading: string): { number?: string; title: string } {
  const text = trimMarks(heading);
  const m = NUMBERING.exec(text);
  return m ? { number: m[1], title: trimMarks(text.slice(m[0].length)) } : { title: text };
}

export function extractSections(src: SourceText, tokens: Token[]): { sections: Section[]; sectionOfLine: Int32Array } {
  const sections: Section[] = [];
  const stack: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type !== 'heading_open' || !token.map) continue;
    const level = Number(token.tag.slice(1));
    const line = token.map[0];
    const heading = tokens[i + 1]?.content ?? '';
    const { number, title } = splitHeading(heading);
    while (stack.length && sections[stack[stack.length - 1]].level >= level) sections[stack.pop()!].endLine = line;
    const lineText = src.lines[line];
    sections.push({
      heading,
      title,
      number,
      level,
      kind: kindOfTitle(title),
      line,
      endLine: src.lineCount,
      range: span(line, lineText, 0, lineText.length).range,
      parent: stack.length ? stack[stack.length - 1] : undefined,
    });
    stack.push(sections.length - 1);
  }
  const sectionOfLine = new Int32Array(src.lineCount).fill(-1);
  sections.forEach((s, index) => sectionOfLine.fill(index, s.line, s.endLine));
  return { sections, sectionOfLine };
}
