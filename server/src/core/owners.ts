/** Owner cells that name nobody: empty, a placeholder, TBD, TBA, ?, -, N/A and the like. */
const NOBODY = /^(?:|tbd|tba|tbc|\?+|-+|—|–|n\/?a|none|nobody|unassigned|someone)$/i;

export function isMissingOwner(text: string | undefined): boolean {
  const t = (text ?? '').replace(/[*_`]/g, '').trim();
  return NOBODY.test(t) || t.includes('{{');
}
