import type { Analysis } from './analyze';
import { RULES } from './rules';

/** The rules that block leaving Draft, in the order their blockers are listed. */
const BLOCKING = RULES.filter((r) => r.blocksDraft).sort((a, b) => a.blocksDraft!.rank - b.blocksDraft!.rank);

/**
 * What still stands in the way of leaving Draft: "12 placeholders not filled in", … (each rule's
 * `blocksDraft`). A finding at information or hint level is advice, not a blocker (the one
 * `missing-owner` gives where the team's format has no owners, or a rule the team set to info).
 */
export function statusBlockers({ diagnostics }: Analysis): string[] {
  return BLOCKING.flatMap(({ id, blocksDraft }) => {
    const n = diagnostics.filter((d) => d.code === id && d.severity !== 'information' && d.severity !== 'hint').length;
    return n ? [`${n} ${n === 1 ? blocksDraft!.one : blocksDraft!.many}`] : [];
  });
}
