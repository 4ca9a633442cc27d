import type { Fix, Finding } from '../diagnostic';
import type { Rule } from '../rule';
import { actionLabel } from '../action-label';
import { type Cause, type Traceability, type TracedAction, linkEdit, traceability } from '../traceability';

/** Candidate actions a fix offers for a cause with none. */
const MAX_FIXES = 3;

/**
 * A cause no action item addresses, and an action item that addresses no cause, once the
 * document has left Draft: silent in a Draft, as `action-ticket` is.
 */
export const traceabilityRule: Rule = {
  id: 'traceability',
  description: 'A contributing factor, root cause or last why that no action item addresses, or an action item that addresses none, once the document leaves Draft.',
  details:
    'The causes are the contributing factors (table rows, list items or sub-headings of a Contributing Factors section; `CF-1`, `CF-2`… in their order, or the `CF-n` a factor writes itself), the root cause (`RC`: the Root cause field, else the Root Cause section\'s first paragraph) and the last answered why (`Why 5`). An action item links to one explicitly with its ID (`CF-2` anywhere in it, `(addresses: Why 5, RC)`, an Addresses column) or a link to the factor\'s heading or anchor (`[…](#no-canary-stage)`); an explicit link is never second-guessed. Otherwise an action and a cause are linked when they share at least two content words (lower-cased, stop words dropped, plurals and -ing/-ed folded: "timeouts" and "timeout"). A factor whose Action Required cell says No needs no action; an action marked `(hygiene)` or `(general)`, or whose Addresses or Type cell says General or Hygiene, needs no cause; done items are not reported. Information, only when the document has both causes and action items, and silent while the Status is Draft (or not given). A quick fix links the action and cause that share the most words.',
  severity: 'information',
  check({ model, src, trace }) {
    const { status, statusValue } = model.metadata;
    if (!status || statusValue === 'Draft') return [];
    return traceFindings(trace ?? traceability(model, src));
  },
};

export function traceFindings(trace: Traceability): Finding[] {
  const { causes, actions, byCause } = trace;
  if (!causes.length || !actions.length) return [];
  const findings: Finding[] = [];
  causes.forEach((cause, c) => {
    if (!cause.needsAction || byCause[c].length) return;
    const near = nearest(actions.map((a) => ({ a, n: shared(a, cause) })), MAX_FIXES);
    findings.push({
      range: cause.range,
      message: `${cause.name} "${short(cause.text)}" has no action item: add one, or link one with ${cause.kind === 'why' ? `(addresses: ${cause.id})` : cause.id}.`,
      ...fixes(trace, near.map(({ a, n }) => ({ action: a, cause, n }))),
    });
  });
  for (const action of actions) {
    if (action.item.done || action.hygiene || action.links.length || action.otherRefs.length) continue;
    const near = nearest(causes.map((cause) => ({ cause, n: shared(action, cause) })), MAX_FIXES);
    findings.push({
      range: action.item.action!.range,
      message: `${actionLabel(action.item)} addresses no cause: link it to one (${causes.some((c) => c.kind === 'factor') ? 'CF-n' : causes[0].id}) or mark it (hygiene).`,
      ...fixes(trace, near.map(({ cause, n }) => ({ action, cause, n }))),
    });
  }
  return findings;
}

/** The candidates that share at least one word, most first, at most `max`. */
function nearest<T extends { n: string[] }>(candidates: T[], max: number): T[] {
  return candidates.filter((x) => x.n.length).sort((x, y) => y.n.length - x.n.length).slice(0, max);
}

function shared(action: TracedAction, cause: Cause): string[] {
  const words = new Set(cause.words);
  return action.shown.filter((_, i) => words.has(action.words[i]));
}

function fixes(trace: Traceability, pairs: { action: TracedAction; cause: Cause; n: string[] }[]): { fixes?: Fix[] } {
  const list: Fix[] = [];
  for (const { action, cause, n } of pairs) {
    const edit = linkEdit(trace, action, cause);
    if (edit) list.push({ title: `Link ${actionLabel(action.item)} to ${cause.id} (both say "${n.join('", "')}")`, edits: [edit] });
  }
  return list.length ? { fixes: list } : {};
}

function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
