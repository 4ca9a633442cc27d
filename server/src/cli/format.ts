import { formatMinutes } from '../core/duration';
import type { Metrics } from '../core/metrics';
import type { MarkerKind } from '../core/model';
import { MARKER_NAMES } from '../core/vocabulary';
import type { Diagnostic } from '../core/diagnostic';
import { RULES } from '../core/rules';
import { printable } from './printable';

/** What the CLI reports of a diagnostic: its fixes (which may hold a whole sorted timeline) are left behind. */
export type ReportedDiagnostic = Pick<Diagnostic, 'code' | 'severity' | 'message' | 'range'>;

export interface FileResult {
  file: string;
  diagnostics: ReportedDiagnostic[];
}

export function reported({ code, severity, message, range }: Diagnostic): ReportedDiagnostic {
  return { code, severity, message, range };
}

/** `file:line:col severity message [rule]`, 1-based like every compiler's output; one line per diagnostic, whatever the name or text holds. */
export function formatText(results: FileResult[]): string {
  const lines: string[] = [];
  for (const { file, diagnostics } of results) {
    for (const d of diagnostics) lines.push(`${printable(file)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${printable(d.message)} [${d.code}]`);
  }
  return lines.join('\n');
}

/** The contract: `[{file, diagnostics: [{code, severity, message, range}]}]`, 0-based as in LSP. */
export function formatJson(results: FileResult[]): string {
  return JSON.stringify(results, null, 2);
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;
/** A rule's level before the document's status is known: `status` rules start as warnings, `final` ones as hints. */
const DEFAULT_LEVEL = { ...SARIF_LEVEL, status: 'warning', final: 'note' } as const;

/** SARIF 2.1.0, for code-scanning uploads; paths relative to the working folder, as URIs. */
export function formatSarif(results: FileResult[], version: string): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'postmortem',
            version,
            rules: RULES.map((r) => ({ id: r.id, shortDescription: { text: r.description }, defaultConfiguration: { level: DEFAULT_LEVEL[r.severity] } })),
          },
        },
        results: results.flatMap(({ file, diagnostics }) =>
          diagnostics.map((d) => ({
            ruleId: d.code,
            ruleIndex: ruleIndex.get(d.code),
            level: SARIF_LEVEL[d.severity],
            message: { text: d.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: file.split(/[\\/]/).map(encodeURIComponent).join('/') },
                  region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}

export interface FileMetrics {
  file: string;
  metrics: Metrics;
}


/**
 * The metrics as `metrics --format json` prints them: an incident's carry the same timing fields as
 * the document's, with its title and line, without the markers each metric runs between.
 */
export function metricsForJson(metrics: Metrics): Metrics {
  if (!metrics.incidents) return metrics;
  return { ...metrics, incidents: metrics.incidents.map(({ title, line, mttdMinutes, mttrMinutes, durationMinutes, timeToMarkerMinutes, markers }) => ({ title, line, mttdMinutes, mttrMinutes, durationMinutes, timeToMarkerMinutes, markers })) };
}

export function formatMetricsText(results: FileMetrics[]): string {
  const minutes = (m: number | null) => (m === null ? '—' : formatMinutes(m));
  return results
    .map(({ file, metrics: m }) => {
      const others = Object.entries(m.timeToMarkerMinutes)
        .filter(([kind]) => kind !== 'detection' && kind !== 'resolved')
        .map(([kind, v]) => `${MARKER_NAMES[kind as MarkerKind].toLowerCase()} ${formatMinutes(v)}`);
      const priorities = Object.entries(m.actionItems.byPriority).map(([p, n]) => `${p} ${n}`);
      return [
        file,
        `  MTTD          ${minutes(m.mttdMinutes)}`,
        `  MTTR          ${minutes(m.mttrMinutes)}`,
        `  Duration      ${minutes(m.durationMinutes)}`,
        ...(others.length ? [`  Time to       ${others.join(', ')}`] : []),
        `  Action items  ${m.actionItems.total} (${m.actionItems.withoutOwner} without owner)${priorities.length ? ` · ${priorities.join(', ')}` : ''}`,
        `  Completeness  ${Math.round(m.completeness * 100)}% (${m.placeholdersLeft} placeholders left)`,
        ...(m.incidents ?? []).map((i, n) => `  Incident ${n + 1}    ${i.title} (line ${i.line + 1}): MTTD ${minutes(i.mttdMinutes)}, MTTR ${minutes(i.mttrMinutes)}, duration ${minutes(i.durationMinutes)}`),
      ]
        // The file name and the priorities are the user's text.
        .map(printable)
        .join('\n');
    })
    .join('\n\n');
}
