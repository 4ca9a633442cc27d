import type { Cell, ContributingFactor } from '../model';
import { type Span, range } from '../text';
import { type DocumentContext, ancestorOfKind, sectionAt, viewLine } from './context';

/** How much of a factor's or root cause's paragraph is kept for matching its words: a bound on the work per cause. */
const DETAIL_CHARS = 400;
/** How much of a Root Cause section's text is kept. */
const SECTION_CHARS = 800;

/**
 * Contributing factors as other teams write them: the sub-headings of a Contributing Factors
 * section (`### POP goes the canary`, with the first paragraph under each as its detail), else the
 * items of the section's outermost lists (`- Memory leak in Traefik`). A table of factors is
 * read apart (extractFactors).
 */
export function extractListedFactors(ctx: DocumentContext, kind: 'factors' | 'wentWrong' = 'factors'): ContributingFactor[] {
  const factors: ContributingFactor[] = [];
  const { sections, outline: tokens } = ctx;
  const owners = new Set<number>();
  sections.forEach((s, i) => {
    if (s.kind === kind && ancestorOfKind(ctx, s.parent, kind) === undefined) owners.add(i);
  });
  if (!owners.size) return factors;
  const headed = new Set<number>();
  const heads: { factor: ContributingFactor; endLine: number }[] = [];
  sections.forEach((s) => {
    if (s.parent !== undefined && owners.has(s.parent)) {
      headed.add(s.parent);
      const cell: Cell = { text: s.title, range: s.range, inner: s.range };
      const factor: ContributingFactor = { factor: cell, line: s.line, source: 'heading' };
      factors.push(factor);
      heads.push({ factor, endLine: s.endLine });
    }
  });
  let depth = 0;
  let head = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    // A heading factor's detail: the first paragraph under it (one walk for every heading).
    if (token.type === 'paragraph_open' && token.map && head < heads.length) {
      while (head < heads.length && heads[head].endLine <= token.map[0]) head++;
      const h = heads[head];
      const inline = tokens[i + 1];
      if (h && h.factor.line < token.map[0] && h.factor.detail === undefined && inline?.type === 'inline') h.factor.detail = inline.content.slice(0, DETAIL_CHARS);
    }
    if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') depth++;
    else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') depth--;
    if (token.type !== 'list_item_open' || depth !== 1 || !token.map) continue;
    const paragraph = tokens[i + 1];
    if (paragraph?.type !== 'paragraph_open' || !paragraph.map || paragraph.map[0] !== token.map[0]) continue;
    const owner = ancestorOfKind(ctx, sectionAt(ctx, token.map[0]), kind);
    if (owner === undefined || !owners.has(owner) || headed.has(owner)) continue;
    const line = token.map[0];
    const cell = itemText(ctx, line);
    if (!cell) continue;
    const inline = tokens[i + 2];
    const more = inline?.type === 'inline' && paragraph.map[1] - paragraph.map[0] > 1 ? inline.content.slice(0, DETAIL_CHARS) : undefined;
    factors.push({ factor: cell, line, source: 'list', ...(more ? { detail: more } : {}) });
  }
  return factors;
}

/**
 * The first paragraph of a Root Cause section, for a document that states its root cause in prose
 * rather than in a `Root cause:` field; its detail is the section's text (bounded), since a first
 * paragraph often only opens a list ("There are two issues at play:").
 */
export function rootCauseParagraph(ctx: DocumentContext): { span: Span; detail: string } | undefined {
  const index = ctx.sections.findIndex((s) => s.kind === 'rootCause');
  if (index < 0) return undefined;
  const section = ctx.sections[index];
  const { outline: tokens } = ctx;
  let first: Span | undefined;
  let detail = '';
  for (let i = 0; i < tokens.length && detail.length < SECTION_CHARS; i++) {
    const token = tokens[i];
    if (token.type !== 'paragraph_open' || !token.map) continue;
    const line = token.map[0];
    if (line < section.line) continue;
    if (line >= section.endLine) break;
    const inline = tokens[i + 1];
    if (first === undefined) {
      if (sectionAt(ctx, line) !== index) break;
      const text = viewLine(ctx, ctx.views.visible, line);
      let start = 0;
      while (start < text.length && ' \t>-*+'.includes(text[start])) start++;
      let end = text.length;
      while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
      if (end <= start) continue;
      first = { text: text.slice(start, end), range: range(line, start, end) };
    }
    if (inline?.type === 'inline') detail += `${inline.content.slice(0, SECTION_CHARS - detail.length)} `;
  }
  return first && { span: first, detail: detail || first.text };
}

/** A list item's first line after its marker (and task box), as a cell. */
function itemText(ctx: DocumentContext, line: number): Cell | undefined {
  const text = viewLine(ctx, ctx.views.visible, line);
  const marker = /[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]*(?:\[[ xX]?\][ \t]*)?/y;
  marker.lastIndex = 0;
  const m = marker.exec(text);
  if (!m) return undefined;
  const start = m[0].length;
  let end = text.length;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  if (end <= start) return undefined;
  return { text: text.slice(start, end), range: range(line, start, end), inner: range(line, start, end) };
}
