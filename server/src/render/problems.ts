import type { Diagnostic, Severity } from '../core/diagnostic';
import { count, dataLine, escapeHtml, lineLabel } from './html';
import { SEVERITY_ICONS } from './icons';

const ORDER: Severity[] = ['error', 'warning', 'information', 'hint'];
const NOUNS: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

/**
 * The problems listed open; the rest wait behind a disclosure. A draft can have hundreds, which
 * would push the document screens down, and while closed their line labels cost nothing to lay
 * out again when an edit above them moves their lines (each one shown costs the page ~40 µs).
 */
export const PROBLEMS_SHOWN = 10;

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
  const list = (shown: string[]) => `<ul>\n${shown.join('\n')}\n</ul>`;
  const rest = items.length - PROBLEMS_SHOWN;
  const more = rest > 0 ? `\n<details class="more"><summary>${count(rest, 'more problem')}</summary>\n${list(items.slice(PROBLEMS_SHOWN))}</details>` : '';
  return `<section class="problems" aria-label="Problems"><h2>Problems <span class="summary">${summary}</span></h2>\n${list(items.slice(0, PROBLEMS_SHOWN))}${more}</section>`;
}
