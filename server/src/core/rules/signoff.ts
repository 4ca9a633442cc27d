import { followsTemplate } from '../template';
import type { Rule } from '../rule';
import { isFinished, isPlaceholder } from '../vocabulary';

/** A post-mortem marked Final or Approved that nobody has signed off. */
export const signoff: Rule = {
  id: 'signoff',
  description: 'Status Final or Approved with an empty approval table.',
  details:
    'Status Final or Approved while the Approval table has no names (or the document has no Approval table).',
  severity: 'error',
  check({ model, config }) {
    const { status, statusValue } = model.metadata;
    if (!status || !isFinished(statusValue)) return [];
    const signed = model.approvals.some((a) => a.name && a.name.text && !isPlaceholder(a.name.text));
    if (signed || (model.approvals.length === 0 && !followsTemplate(model, config.requiredSections))) return [];
    const where = model.approvals.length ? 'the Approval table has no names' : 'there is no Approval table';
    return [{
      range: status.value.range,
      message: `Status is ${statusValue} but ${where}: get sign-off from the approvers or set Status back to In Review.`,
    }];
  },
};
