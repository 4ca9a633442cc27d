import type { Finding, Fix } from '../diagnostic';
import type { Rule } from '../rule';
import { guidanceLeftovers, removal, removeGuidance } from '../guidance';

/** Template `<!-- GUIDANCE: … -->` comments and `> Example:` lines: a hint in a Draft, a warning once Final. */
export const leftoverGuidance: Rule = {
  id: 'leftover-guidance',
  description: "The template's guidance comments and example lines left in the document.",
  details:
    'The template\'s `<!-- GUIDANCE: … -->` comments and `> Example:` lines left in the document: a hint while the post-mortem is a Draft or In Review, a warning once it is Final or Approved. Fixes remove one, or all of them at once, closing up the blank lines.',
  severity: 'final',
  check({ model, src }) {
    const leftovers = guidanceLeftovers(model);
    const removeAll: Fix = { title: 'Remove all guidance comments and example lines', edits: removeGuidance(model, src), safe: true };
    return leftovers.map(({ range, what }): Finding => ({
      range,
      message: `${what} is still here: remove it once the section is written.`,
      fixes: [{ title: what === 'Template guidance' ? 'Remove this guidance comment' : 'Remove this example', edits: [removal(range, src)] }, ...(leftovers.length > 1 ? [removeAll] : [])],
    }));
  },
};
