import type { Rule } from '../rule';
import { ENTRY_NOUNS } from '../vocabulary';

/** A timeline time that cannot be read (or does not exist, like 25:10). */
export const timelineTime: Rule = {
  id: 'timeline-time',
  description: 'A timeline time that cannot be read.',
  details:
    'A timeline time that cannot be read, or that does not exist (`25:10`, `2026-02-30`). Readable: `HH:MM`, `HH:MM:SS`, `h:mm AM/PM`, `YYYY-MM-DD HH:MM[:SS]`, ISO 8601 with `Z` or an offset, a trailing zone (`UTC`, `PST`, `+02:00`), `July 11, 2025, 12:42 PM`.',
  severity: 'warning',
  check({ model }) {
    return model.timelines.flatMap((timeline) =>
      timeline.entries
        .filter((e) => !e.at && !e.placeholder)
        .map((e) => ({
          range: e.time.range,
          message: e.time.text
            ? `Timeline ${ENTRY_NOUNS[timeline.source].toLowerCase()} ${e.index} has time "${e.time.text}", which cannot be read: write it as HH:MM, h:mm AM/PM or YYYY-MM-DD HH:MM.`
            : `Timeline ${ENTRY_NOUNS[timeline.source].toLowerCase()} ${e.index} has no time: write one as HH:MM.`,
        })),
    );
  },
};
