import { TEMPLATE_TEXT } from '../../server/src/core/template';

/**
 * A large post-mortem for benchmarks: the bundled template with its timeline table grown to
 * `timelineRows` rows (minutes apart, markers on the first, third and last) and its short-term
 * action-item table grown to `actionItems` rows. Deterministic, so runs compare.
 */
export function generatePostMortem({ timelineRows, actionItems }: { timelineRows: number; actionItems: number }): string {
  const time = (i: number) => {
    const minutes = i * 1;
    return `2026-03-${String(14 + Math.floor(minutes / 1440)).padStart(2, '0')} ${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  };
  const marker = (i: number) => (i === 0 ? '← Incident start' : i === 2 ? '← Detection' : i === timelineRows - 1 ? '← Resolved' : '');
  const timeline = Array.from({ length: timelineRows }, (_, i) => `| ${time(i)} | Event ${i + 1}: shard ${i % 17} reported \`${i % 5 ? 'degraded' : 'healthy'}\` state to the coordinator | ${marker(i)} |`);
  const priorities = ['Critical', 'High', 'Medium', 'Low'];
  const actions = Array.from(
    { length: actionItems },
    (_, i) => `| ${i + 1} | Harden component ${i + 1} against the failure mode | ${i % 7 ? `Owner ${i % 23}` : 'TBD'} | 2026-04-${String((i % 28) + 1).padStart(2, '0')} | ${priorities[i % 4]} | OPS-${1000 + i} |`,
  );
  const lines = TEMPLATE_TEXT.split('\n');
  const timelineStart = lines.findIndex((l) => l.startsWith('| {{T1}}'));
  const timelineEnd = lines.findIndex((l) => l.startsWith('| {{T8}}'));
  lines.splice(timelineStart, timelineEnd - timelineStart + 1, ...timeline);
  const actionStart = lines.findIndex((l) => l.startsWith('| 1 | {{SHORT_TERM_1}}'));
  lines.splice(actionStart, 3, ...actions);
  return lines.join('\n');
}

/** A post-mortem of about `lines` lines, mostly timeline, as the language-server and render benchmarks use. */
export function generateByLines(lines: number): string {
  const base = TEMPLATE_TEXT.split('\n').length;
  const actionItems = Math.max(3, Math.round((lines - base) / 10));
  return generatePostMortem({ timelineRows: Math.max(8, lines - base - actionItems), actionItems });
}
