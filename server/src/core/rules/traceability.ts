import type { Rule } from '../rule';
import { traceFindings, traceability } from '../traceability';

/**
 * A cause no action item addresses, and an action item that addresses no cause, once the
 * document has left Draft: silent in a Draft, as `action-ticket` is.
 */
export const traceabilityRule: Rule = {
  id: 'traceability',
  description: 'A contributing factor, root cause or last why that no action item addresses, or an action item that addresses none, once the document leaves Draft.',
  details:
    'The causes are the contributing factors (table rows, list items or sub-headings of a Contributing Factors section: `CF-1`, `CF-2`… in their order, or the `CF-n` a factor writes itself), the root cause (`RC`: the Root cause field, else the Root Cause section) and the last answered why (`Why 5`); an action may also address an item of What Went Wrong (`WW-1`…), which needs none. An action item links to a cause explicitly with its ID (`CF-2` anywhere in it, `(addresses: Why 5, RC)`, an Addresses column) or with a link to a factor\'s heading or anchor (`[…](#no-canary-stage)`): explicit links are never second-guessed, and an action that has any is not linked by words. Otherwise an action and a cause are linked when they share two content words, or one (of four letters or more) that no other cause uses; words are lower-cased, stop words dropped, plurals, -ing and -ed folded and their first six letters compared ("timeouts" and "timeout", "dependency" and "depend"). A factor whose Action Required cell says No needs no action; an action marked `(hygiene)` or `(general)`, or whose Addresses or Type cell says General or Hygiene, needs no cause; done items are not reported. Information, only when the document has both causes and action items, and silent while the Status is Draft (or not given). Quick fixes write the link (` (addresses: CF-2)`, or the ID in the Addresses cell) to the actions or causes that share the most words.',
  severity: 'information',
  check({ model, src, trace }) {
    const { status, statusValue } = model.metadata;
    if (!status || statusValue === 'Draft') return [];
    return traceFindings(trace ?? traceability(model, src));
  },
};
