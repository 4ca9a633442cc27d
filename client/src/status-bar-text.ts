import { formatMinutes } from '../../server/src/core/duration';
import type { AnalysisResult } from '../../server/src/protocol';
import { count } from '../../server/src/render/html';

export interface StatusBarText {
  /** `PM 82% · MTTR 1h 10m` */
  text: string;
  /** Markdown: the metrics and what is left to do. */
  tooltip: string;
  /** What a screen reader says instead of the text's symbols. */
  label: string;
}

const duration = (minutes: number | null) => (minutes === null ? '—' : formatMinutes(minutes));

/** The status-bar item's words for a post-mortem's analysis: completeness and MTTR at a glance, the rest on hover. */
export function statusBarText({ metrics }: Pick<AnalysisResult, 'metrics'>): StatusBarText {
  const percent = Math.round(metrics.completeness * 100);
  const mttr = duration(metrics.mttrMinutes);
  return {
    text: `PM ${percent}% · MTTR ${mttr}`,
    tooltip: [
      `**Post-mortem** ${percent}% complete`,
      '',
      `MTTD **${duration(metrics.mttdMinutes)}** · MTTR **${mttr}** · Duration **${duration(metrics.durationMinutes)}**`,
      '',
      `${count(metrics.actionItems.withoutOwner, 'action item')} without an owner · ${count(metrics.placeholdersLeft, 'placeholder')} left`,
      '',
      'Click to open the preview to the side.',
    ].join('\n'),
    label: `Post-mortem ${percent}% complete, MTTR ${metrics.mttrMinutes === null ? 'unknown' : mttr}`,
  };
}
