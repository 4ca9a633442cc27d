// Hostile documents for the linear-time tests and the benchmark: for each block kind and each
// field the extractors read, a run of the characters its patterns care about, grown to a size.

/** The characters a pattern somewhere treats specially, as runs that a super-linear scan retries. */
export const RUNS = ['  ', '\t', '|', '[', ']', '(', ')', '[](', '*', '_', '~', '`', '**a', '__a', '0', '1:', ':', '<!--', '{{', '- ', '* ', '+ ', '1. ', '> ', '←', '<-', 'T+', '%', '1%', '#', '!['];

/** Where a run is put: each wraps a body in one block kind or one field of the template. */
export const PLACES: Record<string, (body: string) => string> = {
  heading: (b) => `## a${b}b\n`,
  paragraph: (b) => `a${b}b\n`,
  'table header': (b) => `| Time${b} | Event${b}x |\n|---|---|\n| 10:00 | x |\n`,
  'timeline cell': (b) => `## Timeline\n\n| Time | Event |\n|---|---|\n| 10:00${b}x | x ← a${b}b |\n`,
  'marker cell': (b) => `## Timeline\n\n| Time | Event | Marker |\n|---|---|---|\n| 10:00 | x | ← ${b}(b |\n`,
  'key cell': (b) => `| Field | Value |\n|---|---|\n| **a${b}b | ${b}1 |\n`,
  'list item': (b) => `- ${b}item\n`,
  'list timeline': (b) => `## Timeline\n\n- 10:00${b} x ← ${b}b\n`,
  'task list': (b) => `- [ ] a${b}b — owner: @x${b}, due 2026-01-01\n`,
  blockquote: (b) => `> **Status:${b}** a${b}b\n`,
  fence: (b) => `\`\`\`\n${b}\n\`\`\`\n`,
  mermaid: (b) => `\`\`\`mermaid\ntimeline\n  10:00 : a${b}b\n\`\`\`\n`,
  comment: (b) => `<!-- GUIDANCE: ${b} -->\n<!--${b}\n`,
  metadata: (b) => `**Incident ID:** INC-${b}1\n**Duration:** 1h${b}2m\n**Impact:** ${b}5%\nStart: ${b}T+1\n`,
};

/** `place` around a run of `run` of about `bytes` in all. */
export function adversarial(place: string, run: string, bytes: number): string {
  const shell = PLACES[place]('').length;
  return `# Post-Mortem: hostile\n\n${PLACES[place](run.repeat(Math.max(1, Math.floor((bytes - shell) / run.length))))}`;
}

/** The probe cases, each as found (sizes at which they took seconds). */
export const PROBES: Record<string, string> = {
  'marker arrow then spaces': `# N\n\n| Time | Event |\n|---|---|\n| 10:00 | x ← a${' '.repeat(5000)}b |\n`,
  'heading with a run of spaces': `## a${' '.repeat(100000)}b\n`,
  'key cell with a run of emphasis': `| Field | Value |\n|---|---|\n| **a${'*'.repeat(100000)}b | x |\n`,
  'list markers': `${'- '.repeat(10000)}item\n`,
  'timeline cell of brackets': `# N\n\n| Time | Event |\n|---|---|\n| 10:00 | ${'['.repeat(100000)} |\n`,
};

/** CPU milliseconds `work` takes (garbage collection threads included): other work on the machine does not count. */
export function cpuMs(work: () => unknown): number {
  const start = process.cpuUsage();
  work();
  const spent = process.cpuUsage(start);
  return (spent.user + spent.system) / 1000;
}
