import type { Rule } from '../rule';
import type { TimelineEntry } from '../model';
import { ENTRY_NOUNS } from '../vocabulary';

/** A timeline time that cannot be read, or that does not exist (25:10, 13:55 PM, 3:75 pm), with the reason. */
export const timelineTime: Rule = {
  id: 'timeline-time',
  description: 'A timeline time that cannot be read.',
  details:
    'A timeline time that cannot be read, or that does not exist (`25:10`, `2026-02-30`, `13:55 PM`, `3:75 pm`), a time written with a dot (`15.26`) and a time nobody knew (`[???]`, `X:`, `14:??`), each with the reason. Readable: `HH:MM`, `HH:MM:SS`, `h:mm AM/PM`, `h:mma`, `YYYY-MM-DD HH:MM[:SS]`, `YYYY-MM-DD HHMM`, `DD-MM-YYYY HH:MM` and `MM-DD HH:MM` (day or month first as the timeline\'s dates show), `1324:`, ISO 8601 with `Z` or an offset, a trailing zone (`UTC`, `PST`, `+02:00`), `July 11, 2025, 12:42 PM`, `22:30 UTC (Oct 29)`.',
  severity: 'warning',
  check({ model }) {
    return model.timelines.flatMap((timeline) =>
      timeline.entries
        .filter((e) => !e.at && !e.placeholder)
        .map((e) => ({ range: e.time.range, message: message(`Timeline ${ENTRY_NOUNS[timeline.source].toLowerCase()} ${e.index}`, e) })),
    );
  },
};

function message(where: string, e: TimelineEntry): string {
  const written = e.time.text;
  if (!written) return `${where} has no time: write one as HH:MM.`;
  const p = e.problem;
  switch (p?.kind) {
    case 'twelveHour':
      return p.hour < 24
        ? `${where} has time "${written}", but there is no hour ${p.hour} ${p.half}: write ${p.hour}:${p.minutes} without ${p.half}, or ${p.hour - 12}:${p.minutes} PM.`
        : `${where} has time "${written}", but a day has no hour ${p.hour}: correct the hour (1 to 12 with ${p.half}).`;
    case 'minutes':
      return `${where} has time "${written}", but a time has no minute ${p.minutes}: correct the minutes (00 to 59).`;
    case 'hour':
      return `${where} has time "${written}", but a day has no hour ${p.hour}: correct the hour (00 to 23).`;
    case 'dotted':
      return `${where} has time "${written}" written with a dot: write ${p.colon}.`;
    case 'date':
      return `${where} has time "${written}", but that day does not exist: correct the day or the month.`;
    case 'unknown':
      return `${where} has time "${written}", which is not known: write the time as HH:MM, or the nearest known time with "~".`;
    default:
      return `${where} has time "${written}", which cannot be read: write it as HH:MM, h:mm AM/PM or YYYY-MM-DD HH:MM.`;
  }
}
