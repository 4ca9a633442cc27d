import type { Rule } from '../rule';

/** A template option list left in place: `Yes / No / Partial`, `Draft | In Review | Approved`. */
export const unresolvedChoice: Rule = {
  id: 'unresolved-choice',
  description: "The template's list of options left in place instead of one choice.",
  details:
    'An option list from the template left in place instead of one choice: `Yes / No / Partial`, `Technical / Process / Human`, `Draft / In Review / Final`, `Draft | In Review | Approved`, priorities. Lists inside comments are guidance and are left alone. One fix per option.',
  severity: 'status',
  blocksDraft: { rank: 4, one: 'option list left unresolved', many: 'option lists left unresolved' },
  check({ model, src }) {
    return model.choices.map((choice) => ({
      range: choice.range,
      message: `"${src.getText(choice.range)}" still lists the template's options: keep the one that applies.`,
      fixes: choice.options.map((option) => ({ title: `Keep "${option}"`, edits: [{ range: choice.range, newText: option }] })),
    }));
  },
};
