import type { Finding, Fix } from '../diagnostic';
import type { Rule } from '../rule';
import { outOfOrder, sortTimeline } from '../timeline-order';
import { ENTRY_NOUNS } from '../vocabulary';

/** A timeline entry earlier than the one before it; each timeline (table, mermaid, list) on its own. */
export const timelineOrder: Rule = {
  id: 'timeline-order',
  description: 'A timeline entry earlier than the entry before it.',
  details:
    'A timeline entry earlier than the entry above it. The timeline table, the mermaid `timeline` block and timed lists are each checked on their own. A time-only entry that goes back by more than 12 hours is the next day (23:50 then 00:10); by less, it is out of order. The fix sorts the entries, each row keeping its text.',
  severity: 'warning',
  blocksDraft: { rank: 3, one: 'timeline entry out of order', many: 'timeline entries out of order' },
  check({ model, src }) {
    const findings: Finding[] = [];
    for (const timeline of model.timelines) {
      let sortFix: Fix[] | undefined;
      for (const { entry, previous } of outOfOrder(timeline)) {
        sortFix ??= sortTimeline(timeline, src);
        const noun = ENTRY_NOUNS[timeline.source];
        findings.push({
          range: entry.time.range,
          message: `${noun} ${entry.index} (${entry.time.text}) is earlier than ${noun.toLowerCase()} ${previous.index} (${previous.time.text}) above it: sort the timeline or correct the time.`,
          fixes: sortFix,
        });
      }
    }
    return findings;
  },
};
