import type { Choice, PostMortem } from '../model';
import type { Rule } from '../rule';
import { RangesByLine } from '../ranges';
import { type TeamTemplate, optionList } from '../team-template';

/** A template option list left in place: `Yes / No / Partial`, `Draft | In Review | Approved`. */
export const unresolvedChoice: Rule = {
  id: 'unresolved-choice',
  description: "The template's list of options left in place instead of one choice.",
  details:
    'An option list from the template left in place instead of one choice: `Yes / No / Partial`, `Technical / Process / Human`, `Draft / In Review / Final`, `Draft | In Review | Approved`, priorities, and a field whose value still lists the options the team\'s template gives for it (`Severity: SEV1 / SEV2 / SEV3`). Lists inside comments are guidance and are left alone. One fix per option.',
  severity: 'status',
  blocksDraft: { rank: 4, one: 'option list left unresolved', many: 'option lists left unresolved' },
  check({ model, src, template }) {
    const choices = [...model.choices, ...(template ? teamChoices(model, template) : [])];
    return choices.map((choice) => ({
      range: choice.range,
      message: `"${src.getText(choice.range)}" still lists the template's options: keep the one that applies.`,
      fixes: choice.options.map((option) => ({ title: `Keep "${option}"`, edits: [{ range: choice.range, newText: option }] })),
    }));
  },
};

/** A field whose value still lists the options the team's template gives for it (`Severity: SEV1 / SEV2 / SEV3`), where ours read none. */
function teamChoices(model: PostMortem, template: TeamTemplate): Choice[] {
  const known = new RangesByLine(model.choices.map((c) => c.range));
  return model.fields.flatMap((field) => {
    const given = template.fieldOptions.find((f) => f.key === field.key)?.options;
    const options = given && optionList(field.value.text);
    if (!options || known.within(field.value.range) || !options.every((o) => given.includes(o))) return [];
    return [{ options, range: field.value.range }];
  });
}
