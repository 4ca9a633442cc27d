import type { Diagnostic, Severity } from '../core/diagnostic';
import { count, dataLine, escapeHtml, lineLabel } from './html';
import { SEVERITY_ICONS } from './icons';

const ORDER: Severity[] = ['error', 'warning', 'information', 'hint'];
const NOUNS: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

/** The analysis's diagnostics, in document order, each a button that reveals its line. */
export function problems(diagnostics: Diagnostic[]): string {
  if (!diagnostics.length) return '<section class="problems none" aria-label="Problems"><h2>Problems</h2><p>No problems found.</p></section>';
  const summary = ORDER.map((s) => [s, diagnostics.filter((d) => d.severity === s).length] as const)
    .filter(([, n]) => n)
    .map(([s, n]) => `<span class="severity-${s}">${count(n, NOUNS[s])}</span>`)
    .join(', ');
  const items = diagnostics.map((d) => {
    const { line, character } = d.range.start;
    return `<li><button type="button" class="problem severity-${d.severity}"${dataLine(line)}>${SEVERITY_ICONS[d.severity]}<span class="message">${escapeHtml(d.message)}</span> <span class="where">${escapeHtml(d.code)} [Ln ${lineLabel(line)}, Col ${character + 1}]</span></button></li>`;
  });
  return `<section class="problems" aria-label="Problems"><h2>Problems <span class="summary">${summary}</span></h2>\n<ul>\n${items.join('\n')}\n</ul></section>`;
}
