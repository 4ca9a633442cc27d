/**
 * Small SVG charts drawn by our own code, for the report page and the Insights webview: no script,
 * no style attribute (colours come from classes, so a hash or nonce policy for the stylesheet is
 * enough), every label escaped. Each chart is a `<figure>` whose SVG is an image described in
 * words, followed by a table with the same numbers: the text equivalent a screen reader reads.
 */
import { escapeHtml } from './html';

/** The palette's colours by name (report-css.ts `--pm-s0` … `--pm-s7`, VS Code's chart colours). */
export const COLOUR = { red: 0, yellow: 1, blue: 2, green: 3, purple: 4, orange: 5, foreground: 6, lines: 7 } as const;

export interface Series {
  name: string;
  values: (number | null)[];
  /** Its colour, one of the palette's (COLOUR); by default the series' position. */
  colour?: number;
  /** A line chart's dashed line (a 90th percentile beside its median). */
  dashed?: boolean;
}

export interface ChartOptions {
  /** Unique in the page: the ids of the chart's title and description derive from it. */
  id: string;
  title: string;
  /** The categories along the axis: months, quarters, owners. */
  categories: string[];
  series: Series[];
  /** Stacked columns (counts of parts of a whole) or side by side (different measures). */
  stacked?: boolean;
  /** How a value is written in labels and the table. */
  format?: (value: number) => string;
  /** The table's first column's header. */
  categoryName: string;
  /** Counts: no grid line at a fraction. */
  integer?: boolean;
  /** For each category, where its marks link to (`#fragment` of the list of its post-mortems under the chart); none by default. */
  links?: (string | undefined)[];
}

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 16, right: 12, bottom: 44, left: 56 };
/** Colour classes cycle after this many series. */
const PALETTE = 8;

const plain = (n: number) => String(Math.round(n * 100) / 100);

/** A column chart: one column per category, its series stacked or side by side. */
export function columnChart(options: ChartOptions): string {
  const format = options.format ?? plain;
  const { categories, series } = options;
  const totals = categories.map((_, i) => (options.stacked ? series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0) : Math.max(0, ...series.map((s) => s.values[i] ?? 0))));
  const max = niceMax(Math.max(0, ...totals));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const band = categories.length ? plotW / categories.length : plotW;
  const y = (v: number) => MARGIN.top + plotH - (max ? (v / max) * plotH : 0);
  const parts: string[] = [];
  // Grid lines and their values: 0, half and the top.
  for (const v of [0, ...(options.integer && !Number.isInteger(max / 2) ? [] : [max / 2]), max]) {
    parts.push(`<line class="chart-grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${n(y(v))}" y2="${n(y(v))}"/>`);
    parts.push(`<text class="chart-axis" x="${MARGIN.left - 6}" y="${n(y(v) + 4)}" text-anchor="end">${escapeHtml(v ? format(v) : '0')}</text>`);
  }
  const labelEvery = Math.max(1, Math.ceil(categories.length / 12));
  categories.forEach((category, i) => {
    const x0 = MARGIN.left + i * band;
    // Columns no wider than 40 units each, centred in their band.
    const inner = Math.min(band * 0.8, (options.stacked ? 1 : series.length) * 40);
    const left = x0 + (band - inner) / 2;
    let stack = 0;
    const marks: string[] = [];
    series.forEach((s, k) => {
      const v = s.values[i];
      if (v === null || v === undefined || v <= 0) return;
      const x = options.stacked ? left : left + (inner / series.length) * k;
      const w = options.stacked ? inner : inner / series.length;
      const top = y(stack + v);
      const bottom = y(stack);
      if (options.stacked) stack += v;
      marks.push(`<rect class="series-${colour(s, k)}" x="${n(x)}" y="${n(top)}" width="${n(Math.max(1, w))}" height="${n(Math.max(0.5, bottom - top))}"><title>${escapeHtml(`${category}, ${s.name}: ${format(v)}`)}</title></rect>`);
    });
    parts.push(linked(options, i, marks.join('')));
    if (i % labelEvery === 0) parts.push(`<text class="chart-axis" x="${n(x0 + band / 2)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${escapeHtml(shorten(category, 12))}</text>`);
  });
  parts.push(legend(series));
  return figure(options, svg(options, parts.join(''), WIDTH, HEIGHT));
}

/** Horizontal bars, one per category, the series side by side within it: for long names (owners). */
export function barChart(options: ChartOptions): string {
  const format = options.format ?? plain;
  const { categories, series } = options;
  const row = 22;
  const labelW = 160;
  const height = MARGIN.top + categories.length * row + 36;
  const plotW = WIDTH - labelW - MARGIN.right - 40;
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const parts: string[] = [];
  categories.forEach((category, i) => {
    const y0 = MARGIN.top + i * row;
    parts.push(`<text class="chart-axis" x="${labelW - 6}" y="${n(y0 + row / 2 + 4)}" text-anchor="end">${escapeHtml(shorten(category, 24))}</text>`);
    const h = (row - 6) / series.length;
    const marks: string[] = [];
    series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      if (v <= 0) return;
      const w = max ? (v / max) * plotW : 0;
      const y = y0 + 3 + h * k;
      marks.push(`<rect class="series-${colour(s, k)}" x="${labelW}" y="${n(y)}" width="${n(Math.max(1, w))}" height="${n(h)}"><title>${escapeHtml(`${category}, ${s.name}: ${format(v)}`)}</title></rect>`);
      marks.push(`<text class="chart-value" x="${n(labelW + w + 4)}" y="${n(y + h / 2 + 4)}">${escapeHtml(format(v))}</text>`);
    });
    parts.push(linked(options, i, marks.join('')));
  });
  parts.push(legend(series, height - 14));
  return figure(options, svg(options, parts.join(''), WIDTH, height));
}

/**
 * Lines over the categories (a trend: a quarter's median and 90th percentile), one per series,
 * each known value a point; a missing value breaks its line. With `links`, a category's points
 * link to the list of its post-mortems.
 */
export function lineChart(options: ChartOptions): string {
  const format = options.format ?? plain;
  const { categories, series } = options;
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const band = categories.length ? plotW / categories.length : plotW;
  const x = (i: number) => MARGIN.left + i * band + band / 2;
  const y = (v: number) => MARGIN.top + plotH - (max ? (v / max) * plotH : 0);
  const parts: string[] = [];
  for (const v of [0, max / 2, max]) {
    parts.push(`<line class="chart-grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${n(y(v))}" y2="${n(y(v))}"/>`);
    parts.push(`<text class="chart-axis" x="${MARGIN.left - 6}" y="${n(y(v) + 4)}" text-anchor="end">${escapeHtml(v ? format(v) : '0')}</text>`);
  }
  series.forEach((s, k) => {
    // One path per run of known values.
    let run: string[] = [];
    const flush = () => {
      if (run.length > 1) parts.push(`<polyline class="chart-line line-${colour(s, k)}${s.dashed ? ' chart-line-dashed' : ''}" fill="none" points="${run.join(' ')}"/>`);
      run = [];
    };
    s.values.forEach((v, i) => (v === null ? flush() : run.push(`${n(x(i))},${n(y(v))}`)));
    flush();
  });
  const labelEvery = Math.max(1, Math.ceil(categories.length / 12));
  categories.forEach((category, i) => {
    const marks = series.flatMap((s, k) => {
      const v = s.values[i];
      return v === null || v === undefined ? [] : [`<circle class="series-${colour(s, k)}" cx="${n(x(i))}" cy="${n(y(v))}" r="4"><title>${escapeHtml(`${category}, ${s.name}: ${format(v)}`)}</title></circle>`];
    });
    parts.push(linked(options, i, marks.join('')));
    if (i % labelEvery === 0) parts.push(`<text class="chart-axis" x="${n(x(i))}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${escapeHtml(shorten(category, 12))}</text>`);
  });
  parts.push(legend(series));
  return figure(options, svg(options, parts.join(''), WIDTH, HEIGHT));
}

/**
 * A category's marks, inside a link to its list when the chart has one for it: a shortcut for the
 * pointer only. Inside `role="img"` nothing is read out or should take focus; the lists after the
 * chart carry the same links for the keyboard and screen readers.
 */
function linked(options: ChartOptions, i: number, marks: string): string {
  const href = options.links?.[i];
  return href === undefined || !marks ? marks : `<a href="${escapeHtml(href)}" class="chart-link" tabindex="-1">${marks}</a>`;
}

function svg(options: ChartOptions, content: string, width: number, height: number): string {
  const description = describe(options);
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${options.id}-title ${options.id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="${options.id}-title">${escapeHtml(options.title)}</title><desc id="${options.id}-desc">${escapeHtml(description)}</desc>${content}</svg>`;
}

/** The chart in one sentence: what is shown over which span, and where it peaks. */
function describe({ title, categories, series, stacked, format = plain }: ChartOptions): string {
  if (!categories.length) return `${title}: no data.`;
  const span = categories.length === 1 ? categories[0] : `${categories[0]} to ${categories[categories.length - 1]}`;
  const peaks = series.map((s) => {
    let best = -1;
    s.values.forEach((v, i) => {
      if (v !== null && v > 0 && (best < 0 || v > s.values[best]!)) best = i;
    });
    return best < 0 ? `${s.name}: none` : `${s.name} highest in ${categories[best]} (${format(s.values[best]!)})`;
  });
  return `${title}, ${span}${stacked ? ', stacked' : ''}. ${peaks.join('; ')}. The table below gives every value.`;
}

/** The numbers of the chart as a table: its text equivalent. */
function table({ categories, series, categoryName, title, format = plain }: ChartOptions): string {
  const head = `<tr><th scope="col">${escapeHtml(categoryName)}</th>${series.map((s) => `<th scope="col">${escapeHtml(s.name)}</th>`).join('')}</tr>`;
  const rows = categories.map((c, i) => `<tr><th scope="row">${escapeHtml(c)}</th>${series.map((s) => `<td>${s.values[i] === null ? '—' : escapeHtml(format(s.values[i]!))}</td>`).join('')}</tr>`);
  return `<table class="chart-data"><caption>${escapeHtml(title)}: the values</caption><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

function figure(options: ChartOptions, chart: string): string {
  return `<figure class="chart-figure" id="${options.id}"><figcaption>${escapeHtml(options.title)}</figcaption>${chart}${table(options)}</figure>`;
}

const colour = (s: Series, k: number) => (s.colour ?? k) % PALETTE;

function legend(series: Series[], y = HEIGHT - 10): string {
  let x = MARGIN.left;
  return series
    .map((s, k) => {
      const label = shorten(s.name, 20);
      const item = `<rect class="series-${colour(s, k)}" x="${x}" y="${y - 9}" width="10" height="10"/><text class="chart-legend" x="${x + 14}" y="${y}">${escapeHtml(label)}</text>`;
      x += 24 + label.length * 7;
      return item;
    })
    .join('');
}

/** A round top for the axis: 1, 2, 2.5 or 5 times a power of ten, at least the maximum. */
function niceMax(max: number): number {
  if (max <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(max));
  return ([1, 2, 2.5, 5, 10].map((m) => m * power).find((m) => m >= max) ?? 10 * power);
}

function shorten(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

const n = (v: number) => String(Math.round(v * 10) / 10);
