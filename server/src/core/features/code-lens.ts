import type { Analysis } from '../analyze';
import { formatMinutes } from '../duration';
import { measuredTimeline } from '../metrics';
import { METRIC_SHORT_NAMES, type MetricKind } from '../vocabulary';

export interface Lens {
  line: number;
  title: string;
}

/** Above the timeline the metrics come from (its table's header row): "MTTD 19m · MTTR 1h 28m · Duration 1h 28m". */
export function timelineLens({ model, metrics }: Analysis): Lens | undefined {
  const timeline = measuredTimeline(model);
  if (!timeline) return undefined;
  const table = model.tables.find((t) => t.startLine <= timeline.startLine && timeline.startLine < t.endLine);
  const show = (kind: MetricKind) => {
    const { minutes } = metrics.measured[kind];
    return `${METRIC_SHORT_NAMES[kind]} ${minutes === null ? '—' : formatMinutes(minutes)}`;
  };
  return { line: table?.startLine ?? timeline.startLine, title: [show('mttd'), show('mttr'), show('duration')].join(' · ') };
}
