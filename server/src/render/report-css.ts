/**
 * The report page's stylesheet: in a webview every colour comes from the VS Code theme
 * (--vscode-*), the fallbacks follow prefers-color-scheme in the exported page. Series colours are
 * VS Code's chart colours; every value is also written in a table, so none depends on colour alone.
 */
export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --pm-fg: var(--vscode-editor-foreground, #3b3b3b);
  --pm-bg: var(--vscode-editor-background, #ffffff);
  --pm-muted: var(--vscode-descriptionForeground, #6e6e6e);
  --pm-border: var(--vscode-panel-border, #e5e5e5);
  --pm-surface: var(--vscode-editorWidget-background, #f8f8f8);
  --pm-link: var(--vscode-textLink-foreground, #005fb8);
  --pm-error: var(--vscode-errorForeground, #c72e0f);
  --pm-font: var(--vscode-font-family, system-ui, -apple-system, "Segoe UI", Ubuntu, sans-serif);
  /* VS Code's charts.orange is translucent (a peach on light themes): last, where few charts reach. */
  --pm-s0: var(--vscode-charts-red, #e51400);
  --pm-s1: var(--vscode-charts-yellow, #bf8803);
  --pm-s2: var(--vscode-charts-blue, #1a85ff);
  --pm-s3: var(--vscode-charts-green, #388a34);
  --pm-s4: var(--vscode-charts-purple, #652d90);
  --pm-s5: var(--vscode-charts-orange, #d18616);
  --pm-s6: var(--vscode-charts-foreground, #616161);
  --pm-s7: var(--vscode-charts-lines, #9d9d9d);
}
@media (prefers-color-scheme: dark) {
  :root {
    --pm-fg: var(--vscode-editor-foreground, #cccccc);
    --pm-bg: var(--vscode-editor-background, #1f1f1f);
    --pm-muted: var(--vscode-descriptionForeground, #9d9d9d);
    --pm-border: var(--vscode-panel-border, #2b2b2b);
    --pm-surface: var(--vscode-editorWidget-background, #202020);
    --pm-link: var(--vscode-textLink-foreground, #4daafc);
    --pm-error: var(--vscode-errorForeground, #f85149);
    --pm-s0: var(--vscode-charts-red, #f14c4c);
    --pm-s1: var(--vscode-charts-yellow, #cca700);
    --pm-s2: var(--vscode-charts-blue, #3794ff);
    --pm-s3: var(--vscode-charts-green, #89d185);
    --pm-s4: var(--vscode-charts-purple, #b180d7);
    --pm-s5: var(--vscode-charts-orange, #d18616);
    --pm-s6: var(--vscode-charts-foreground, #cccccc);
    --pm-s7: var(--vscode-charts-lines, #808080);
  }
}
body { margin: 0; padding: 16px 24px; color: var(--pm-fg); background: var(--pm-bg); font-family: var(--pm-font); font-size: 14px; line-height: 1.45; }
main { max-width: 960px; margin: 0 auto; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.2em; margin: 24px 0 8px; }
.report-period, .muted, .tile-note { color: var(--pm-muted); }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 8px; margin: 16px 0; }
.tile { border: 1px solid var(--pm-border); background: var(--pm-surface); border-radius: 4px; padding: 8px 12px; }
.tile-label { font-size: 0.85em; color: var(--pm-muted); }
.tile-value { font-size: 1.5em; font-weight: 600; }
.tile-note { font-size: 0.8em; }
.tile-alert .tile-value { color: var(--pm-error); }
.chart-figure { margin: 24px 0; }
.chart-figure figcaption { font-weight: 600; margin-bottom: 4px; }
.chart { max-width: 100%; height: auto; display: block; }
.chart-grid { stroke: var(--pm-border); stroke-width: 1; }
.chart-axis, .chart-legend, .chart-value { fill: var(--pm-muted); font-size: 11px; font-family: var(--pm-font); }
.series-0 { fill: var(--pm-s0); } .series-1 { fill: var(--pm-s1); } .series-2 { fill: var(--pm-s2); } .series-3 { fill: var(--pm-s3); }
.series-4 { fill: var(--pm-s4); } .series-5 { fill: var(--pm-s5); } .series-6 { fill: var(--pm-s6); } .series-7 { fill: var(--pm-s7); }
.chart-line { stroke-width: 2; } .chart-line-dashed { stroke-dasharray: 5 3; }
.line-0 { stroke: var(--pm-s0); } .line-1 { stroke: var(--pm-s1); } .line-2 { stroke: var(--pm-s2); } .line-3 { stroke: var(--pm-s3); }
.line-4 { stroke: var(--pm-s4); } .line-5 { stroke: var(--pm-s5); } .line-6 { stroke: var(--pm-s6); } .line-7 { stroke: var(--pm-s7); }
.chart-link:focus-visible { outline: 2px solid var(--pm-link); }
.chart-link:hover rect, .chart-link:hover circle { opacity: 0.8; }
.chart-links { margin: 4px 0 16px; }
.chart-links details { margin: 2px 0; }
.chart-links summary { cursor: pointer; }
.chart-links ul { margin: 2px 0 6px; padding-left: 20px; }
.chart-links :target > summary { font-weight: 600; }
.note { color: var(--pm-muted); font-size: 0.9em; }
table { border-collapse: collapse; margin: 8px 0; font-size: 0.9em; }
th, td { border: 1px solid var(--pm-border); padding: 3px 8px; text-align: left; vertical-align: top; }
td.num, .chart-data td { text-align: right; }
caption { text-align: left; color: var(--pm-muted); font-size: 0.9em; padding-bottom: 2px; white-space: nowrap; }
td.date { white-space: nowrap; }
a { color: var(--pm-link); }
@media print { .tile, th, td { border-color: #999; } }
`;
