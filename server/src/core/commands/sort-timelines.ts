import type { PostMortem } from '../model';
import type { TextEdit } from '../diagnostic';
import { outOfOrder, sortTimeline } from '../timeline-order';
import type { SourceText } from '../text';

/** Sorts every timeline that is out of order (table, mermaid block, list each on its own): "Sort Timeline". */
export function sortTimelines(model: PostMortem, src: SourceText): TextEdit[] {
  return model.timelines.filter((t) => outOfOrder(t).length).flatMap((t) => sortTimeline(t, src).flatMap((fix) => fix.edits));
}
