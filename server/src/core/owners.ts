import type { PostMortem } from './model';
import { isPlaceholder, plainText } from './vocabulary';

/** Owner cells that name nobody: empty, a placeholder, TBD, TBA, ?, -, N/A and the like. */
const NOBODY = /^(?:|tbd|tba|tbc|\?+|-+|—|–|n\/?a|none|nobody|unassigned|someone)$/i;

export function isMissingOwner(text: string | undefined): boolean {
  const t = plainText(text ?? '');
  return NOBODY.test(t) || isPlaceholder(t);
}

/** Words written where an owner goes that name nobody (`TBD`, `?`, `none`), as opposed to an empty slot. */
export function isNobody(text: string): boolean {
  const t = plainText(text);
  return t !== '' && NOBODY.test(t);
}

/** People to offer as an owner: the configured owners, then names the document already uses. */
export function ownerCandidates(model: PostMortem, configured: string[]): string[] {
  const named = [
    ...model.actionItems.map((i) => i.owner?.text ?? ''),
    ...model.metadata.fields.filter((f) => /^(author|post mortem facilitator|facilitator)$/.test(f.key)).map((f) => f.value.text),
    ...model.approvals.map((a) => a.name?.text ?? ''),
  ].map(plainText);
  return [...new Set([...configured, ...named])].filter((n) => n && !isMissingOwner(n) && !n.includes(',') && n.length <= 40);
}
