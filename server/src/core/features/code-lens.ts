import type { Analysis } from '../analyze';
import { formatMinutes } from '../duration';
import { primaryTimeline } from '../metrics';

export interface Lens {
  line: number;
  title: string;
}

/** Above the timeline the metrics come from (its table's header row): "MTTD 19m · MTTR 1h 28m · Duration 1h 28m". */
export function timelineLens({ model, metrics }: Analysis): Lens | undefined {
  const timeline = primaryTimeline(model.timelines);
  if (!timeline) return undefined;
  const table = model.tables.find((t) => t.startLine <= timeline.startLine && timeline.startLine < t.endLine);
  const show = (minutes: number | null) => (minutes === null ? '—' : formatMinutes(minutes));
  return {
    line: table?.startLine ?? timeline.startLine,
    title: `MTTD ${show(metrics.mttdMinutes)} · MTTR ${show(metrics.mttrMinutes)} · Duration ${show(metrics.durationMinutes)}`,
  };
}
