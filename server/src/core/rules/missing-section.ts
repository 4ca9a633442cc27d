import { insertSection } from '../section-insertion';
import { followsTemplate, sectionMatches } from '../template';
import { range } from '../text';
import type { Finding } from '../diagnostic';
import type { Rule } from '../rule';

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
    const at = model.title?.range ?? range(0, 0, src.lines[0].length);
    const findings: Finding[] = [];
    for (const name of required) {
      if (model.sections.some((s) => sectionMatches(s, name))) continue;
      const insertion = insertSection(model, src, name);
      findings.push({
        range: at,
        message: `Section "${insertion?.name ?? name}" is missing: add it ${insertion?.where ?? 'to the document'}.`,
        fixes: insertion ? [{ title: `Add section "${insertion.name}"`, edits: [insertion.edit] }] : [],
      });
    }
    return findings;
  },
};
