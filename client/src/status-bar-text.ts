import type { AnalysisResult } from '../../shared/protocol';

export interface StatusBarText {
  /** `PM 82% · MTTR 1h 10m` */
  text: string;
  /** Markdown: the metrics and what is left to do. */
  tooltip: string;
  /** What a screen reader says instead of the text's symbols. */
  label: string;
}

const shown = (text: string | null) => text ?? '—';

/** The status-bar item's words for a post-mortem's analysis: completeness and MTTR at a glance, the rest on hover; the numbers as the server writes them. */
export function statusBarText({ metrics, metricsText }: Pick<AnalysisResult, 'metrics' | 'metricsText'>): StatusBarText {
  const percent = Math.round(metrics.completeness * 100);
  const mttr = shown(metricsText.mttr);
  return {
    text: `PM ${percent}% · MTTR ${mttr}`,
    tooltip: [
      `**Post-mortem** ${percent}% complete`,
      '',
      `MTTD **${shown(metricsText.mttd)}** · MTTR **${mttr}** · Duration **${shown(metricsText.duration)}**`,
      '',
      `${metricsText.withoutOwner} without an owner · ${metricsText.placeholdersLeft} left`,
      '',
      'Click to open the preview to the side.',
    ].join('\n'),
    label: `Post-mortem ${percent}% complete, MTTR ${metricsText.mttr ?? 'unknown'}`,
  };
}
