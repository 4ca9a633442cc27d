import { isMissingOwner, ownerCandidates } from '../owners';
import type { Range } from '../text';
import type { Finding, Fix } from '../diagnostic';
import type { Rule } from '../rule';
import { actionLabel } from '../action-label';

/** An action item (or the follow-up review) whose owner is empty, a placeholder, TBD, ?, - or N/A. */
export const missingOwner: Rule = {
  id: 'missing-owner',
  description: 'An action item or follow-up without an owner.',
  details:
    'An action item (short-term, long-term, process change: any table with an Owner column) whose owner is empty, a placeholder, `TBD`, `TBA`, `?`, `-` or `N/A`, and a follow-up review without an owner. Fixes offer the configured `owners` and the names the document already uses.',
  severity: 'status',
  blocksDraft: { rank: 2, one: 'action item without an owner', many: 'action items without an owner' },
  check({ model, config }) {
    const candidates = ownerCandidates(model, config.owners);
    const findings: Finding[] = [];
    for (const item of model.actionItems) {
      if (!item.owner || !isMissingOwner(item.owner.text)) continue;
      findings.push({ range: item.owner.range, message: `${actionLabel(item)} has no owner: assign one person.`, fixes: assign(item.owner.range, candidates) });
    }
    const followUp = model.followUpOwner;
    if (followUp && isMissingOwner(followUp.value.text)) {
      const range = followUp.value.text ? followUp.value.range : followUp.labelRange;
      findings.push({ range, message: 'The follow-up review has no owner: name the one person who will check the action items.', fixes: followUp.value.text ? assign(range, candidates) : [] });
    }
    return findings;
  },
};

function assign(range: Range, candidates: string[]): Fix[] {
  return candidates.slice(0, 8).map((name) => ({ title: `Assign ${name}`, edits: [{ range, newText: name }] }));
}
