import type { PostMortem } from '../model';
import { isMissingOwner } from '../owners';
import type { Range } from '../text';
import type { Finding, Fix, Rule } from '../diagnostic';
import { actionLabel } from '../action-label';

/** An action item (or the follow-up review) whose owner is empty, a placeholder, TBD, ?, - or N/A. */
export const missingOwner: Rule = {
  id: 'missing-owner',
  description: 'An action item or follow-up without an owner.',
  details:
    'An action item (short-term, long-term, process change: any table with an Owner column) whose owner is empty, a placeholder, `TBD`, `TBA`, `?`, `-` or `N/A`, and a follow-up review without an owner. Fixes offer the configured `owners` and the names the document already uses.',
  severity: 'status',
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

/** People to offer: the configured owners, then names the document already uses. */
export function ownerCandidates(model: PostMortem, configured: string[]): string[] {
  const named = [
    ...model.actionItems.map((i) => i.owner?.text ?? ''),
    ...model.metadata.fields.filter((f) => /^(author|post mortem facilitator|facilitator)$/.test(f.key)).map((f) => f.value.text),
    ...model.approvals.map((a) => a.name?.text ?? ''),
  ].map((n) => n.replace(/[*_`]/g, '').trim());
  return [...new Set([...configured, ...named])].filter((n) => n && !isMissingOwner(n) && !n.includes(',') && n.length <= 40);
}

function assign(range: Range, candidates: string[]): Fix[] {
  return candidates.slice(0, 8).map((name) => ({ title: `Assign ${name}`, edits: [{ range, newText: name }] }));
}
