import type { Analysis } from './analyze';
import { RULES } from './rules';

/** The rules that block leaving Draft, in the order their blockers are listed. */
const BLOCKING = RULES.filter((r) => r.blocksDraft).sort((a, b) => a.blocksDraft!.rank - b.blocksDraft!.rank);

/** What still stands in the way of leaving Draft: "12 placeholders not filled in", … (each rule's `blocksDraft`). */
export function statusBlockers({ diagnostics }: Analysis): string[] {
  return BLOCKING.flatMap(({ id, blocksDraft }) => {
    const n = diagnostics.filter((d) => d.code === id).length;
    return n ? [`${n} ${n === 1 ? blocksDraft!.one : blocksDraft!.many}`] : [];
  });
}
