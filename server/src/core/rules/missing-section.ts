import { followsTemplate, sectionMatches, template, templateSectionIndex } from '../template';
import { range } from '../text';
import type { Finding, Rule } from './rule';

/** A required template section absent from a document that otherwise follows the template. */
export const missingSection: Rule = {
  id: 'missing-section',
  description: 'A template section missing from a post-mortem that follows the template.',
  details:
    'A required section missing from a post-mortem that otherwise follows the template (at least half of the required sections under the template\'s titles). Required by default: the twelve numbered sections; set `requiredSections` to change the list. The fix inserts the template\'s section where the template has it.',
  severity: 'warning',
  check({ model, src, config }) {
    const required = config.requiredSections;
    if (!followsTemplate(model, required)) return [];
    const order = template().sections;
    const at = model.title?.range ?? range(0, 0, src.lines[0].length);
    const findings: Finding[] = [];
    for (const name of required) {
      if (model.sections.some((s) => sectionMatches(s, name))) continue;
      const index = templateSectionIndex(name);
      const source = order[index];
      // Insert before the next template section the document has, else at the end.
      const next = index < 0 ? undefined : order.slice(index + 1).map((t) => model.sections.find((s) => s.level === 2 && t.kind && s.kind === t.kind)).find(Boolean);
      const previous = index < 0 ? undefined : order.slice(0, index).reverse().find((t) => model.sections.some((s) => t.kind && s.kind === t.kind));
      const where = previous ? `after "${previous.name}"` : next ? `before "${next.heading}"` : 'to the document';
      const insertLine = next?.line ?? src.lineCount;
      const atEnd = !next;
      const lastLine = src.lines[src.lineCount - 1];
      findings.push({
        range: at,
        message: `Section "${source?.name ?? name}" is missing: add it ${where}.`,
        fixes: source
          ? [{
              title: `Add section "${source.name}"`,
              edits: [{
                range: atEnd ? range(src.lineCount - 1, lastLine.length, lastLine.length) : range(insertLine, 0, 0),
                newText: (atEnd ? `${lastLine ? '\n\n' : '\n'}${source.text.trimEnd()}\n` : source.text).replace(/\n/g, src.eol),
              }],
            }]
          : [],
      });
    }
    return findings;
  },
};
