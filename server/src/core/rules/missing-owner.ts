import { isMissingOwner, ownerCandidates } from '../owners';
import { type Range, range } from '../text';
import type { Finding, Fix } from '../diagnostic';
import type { ActionItem, Section } from '../model';
import type { Rule } from '../rule';
import { actionLabel } from '../action-label';

/**
 * An open action item (or the follow-up review) whose owner is empty, a placeholder, TBD, ?, -
 * or N/A, where the team's format has an owner: a table with an owner column, an item that
 * names one, a list whose other items name owners. Where no item of an action section names an
 * owner, one information finding for the section says so.
 */
export const missingOwner: Rule = {
  id: 'missing-owner',
  description: 'An action item or follow-up without an owner.',
  details:
    'An open action item whose owner is empty, a placeholder, `TBD`, `TBA`, `?`, `-`, `none` or `N/A`, where the team\'s format has an owner: a table with an Owner, Assignee, DRI, Who or Responsible column, or an action list whose other items name owners (`@name`, `(owner: X)`, `Owner: X`, `— X`, `[X]`); and a follow-up review without an owner. Done items (`[x]`, struck through, Done) are left alone. Where no action item of a section names an owner, one information finding says so. Fixes offer the configured `owners` and the names the document already uses.',
  severity: 'status',
  blocksDraft: { rank: 2, one: 'action item without an owner', many: 'action items without an owner' },
  check({ model, config, src, memo }) {
    const candidates = ownerCandidates(model, config.owners);
    const offered = candidates.join('\n');
    const findings: Finding[] = [];
    /** Open items of a format without owners, by the heading (or labelling list item) they are under. */
    const unowned = new Map<string, ActionItem[]>();
    for (const item of model.actionItems) {
      if (item.done || (item.owner && !isMissingOwner(item.owner.text))) continue;
      if (!item.ownerExpected) {
        const key = item.anchor ? `list ${item.anchor.start.line}` : `section ${actionSection(model.sections, item.section)}`;
        const list = unowned.get(key);
        if (item.owner) continue;
        if (list) list.push(item);
        else unowned.set(key, [item]);
        continue;
      }
      if (item.owner) {
        // An item kept from the previous version (the same object) has the same finding while the same names are offered.
        let kept = memo?.enabled ? ownerFindings.get(item) : undefined;
        if (kept?.offered !== offered) {
          kept = { offered, finding: { range: item.owner.range, message: `${actionLabel(item)} has no owner: assign one person.`, fixes: assign(item.owner.range, candidates) } };
          if (memo?.enabled) ownerFindings.set(item, kept);
        }
        findings.push(kept.finding);
      } else if (item.action) {
        // A list item whose neighbours name owners: the owner goes at its end, as theirs do.
        const end = src.lines[item.line].trimEnd().length;
        const at = range(item.line, end, end);
        findings.push({
          range: item.action.range,
          message: `${actionLabel(item)} names no owner while the other items do: assign one person.`,
          fixes: assign(at, candidates, (name) => ` (${name.startsWith('@') ? name : `owner: ${name}`})`),
        });
      }
    }
    for (const items of unowned.values()) {
      const first = items[0];
      const section = actionSection(model.sections, first.section);
      const where = first.anchor ? { title: first.tableTitle, range: first.anchor } : section === undefined ? undefined : model.sections[section];
      findings.push({
        range: where?.range ?? first.action?.range ?? range(first.line, 0, 0),
        message:
          items.length === 1
            ? `The open action item${where ? ` under "${where.title}"` : ''} names no owner: give it one person who will see it done.`
            : `None of the ${items.length} open action items${where ? ` under "${where.title}"` : ''} names an owner: give each one person who will see it done.`,
        severity: 'information',
      });
    }
    const followUp = model.followUpOwner;
    if (followUp && isMissingOwner(followUp.value.text)) {
      const range = followUp.value.text ? followUp.value.range : followUp.labelRange;
      findings.push({ range, message: 'The follow-up review has no owner: name the one person who will check the action items.', fixes: followUp.value.text ? assign(range, candidates) : [] });
    }
    return findings;
  },
};

/** The finding of each action item whose owner cell is missing its owner, with the names its fixes offer. */
const ownerFindings = new WeakMap<ActionItem, { offered: string; finding: Finding }>();

/** The action section an item belongs to (its heading or the nearest action heading above its sub-heading). */
function actionSection(sections: Section[], index: number | undefined): number | undefined {
  for (let i = index; i !== undefined; i = sections[i].parent) if (sections[i].kind === 'actions') return i;
  return index;
}

function assign(range: Range, candidates: string[], text: (name: string) => string = (name) => name): Fix[] {
  return candidates.slice(0, 8).map((name) => ({ title: `Assign ${name}`, edits: [{ range, newText: text(name) }] }));
}
