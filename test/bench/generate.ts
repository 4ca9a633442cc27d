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

/** A post-mortem written as lists, as many teams write them: a dated title, a list timeline, checkbox action items. */
function listPostMortem(i: number, date: string): string {
  const minutes = (m: number) => `${String(9 + Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const detect = 3 + (i % 17);
  const resolve = detect + 10 + ((i * 7) % 90);
  const items = Array.from({ length: 2 + (i % 6) }, (_, k) => `- [${k % 3 === 0 ? 'x' : ' '}] Follow-up ${k + 1} for service ${i % 13} (@owner${(i + k) % 19}) due ${date.slice(0, 8)}${String(((k * 5) % 27) + 1).padStart(2, '0')}`);
  return [
    `# Incident report ${date}: service ${i % 13} errors`,
    '',
    `**Severity:** SEV${1 + (i % 3)}`,
    '',
    '## Timeline',
    '',
    `- ${date} ${minutes(0)} Outage begins: requests fail.`,
    `- ${date} ${minutes(detect)} Alert fired for the error rate.`,
    `- ${date} ${minutes(resolve)} Service restored after the rollback.`,
    '',
    '## Action items',
    '',
    ...items,
    '',
  ].join('\n');
}

/** A post-mortem covering two incidents, each under its own dated heading. */
function multiIncidentPostMortem(i: number, date: string): string {
  const incident = (n: number, day: string) => [`### Incident ${n}: ${day} outage ${n}`, '', `- 10:00 Outage begins.`, `- 10:${String(5 + n + (i % 20)).padStart(2, '0')} Alert fired.`, `- 11:${String(i % 60).padStart(2, '0')} Service restored.`, ''];
  return [
    `# Post-mortem: two outages of service ${i % 11}`,
    '',
    '| Field | Value |',
    '|-------|-------|',
    `| **Severity** | ${['Critical', 'High', 'Medium'][i % 3]} |`,
    '',
    '## Timeline',
    '',
    ...incident(1, date),
    ...incident(2, `${date.slice(0, 8)}${String(Math.min(28, Number(date.slice(8)) + 2)).padStart(2, '0')}`),
    '## Action items',
    '',
    '| Action | Owner | Due | Status |',
    '|--------|-------|-----|--------|',
    `| Automate failover ${i} | Owner ${i % 23} | ${date.slice(0, 8)}28 | ${i % 4 ? 'Open' : 'Done'} |`,
    `| Add a runbook ${i} | TBD | ${date.slice(0, 4)}-12-31 | Open |`,
    '',
  ].join('\n');
}

/**
 * `count` post-mortems over two years, for the workspace benchmarks: mixed templates (ours with
 * timelines of 8 to 200 rows and 3 to 40 action items, list-style ones, two-incident ones) and
 * sizes, as `[name, text]`. Deterministic.
 */
export function generateWorkspace(count: number): [string, string][] {
  return Array.from({ length: count }, (_, i) => {
    const date = `${2025 + (i % 2)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 14) + 1).padStart(2, '0')}`;
    const kind = i % 4;
    if (kind === 2) return [`${date}-list-${i}.md`, listPostMortem(i, date)];
    if (kind === 3) return [`multi-${i}-post-mortem.md`, multiIncidentPostMortem(i, date)];
    const text = generatePostMortem({ timelineRows: 8 + ((i * 37) % 193), actionItems: 3 + ((i * 11) % 38) }).replaceAll('2026-03-', date.slice(0, 8)).replaceAll('2026-04-', date.slice(0, 8));
    return [`${date}-incident-${i}-post-mortem.md`, text];
  });
}
