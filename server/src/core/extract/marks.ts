import type { Choice, Placeholder, Table } from '../model';
import { type Range, range } from '../text';
import { CHOICE_SETS, PLACEHOLDER, choiceListSource } from '../vocabulary';
import { type DocumentContext, viewLine } from './context';



interface ChoicePattern {
  list: RegExp;
  option: RegExp;
}

const choicePatterns = (separator: string): ChoicePattern[] =>
  CHOICE_SETS.map((set) => {
    const { list, option } = choiceListSource(set, separator);
    return { list: new RegExp(list, 'gi'), option: new RegExp(option, 'gi') };
  });
/** Inside a table cell options are separated by `/`; in prose by `/` or `|` (`Draft | In Review | Approved`). */
const IN_CELL = choicePatterns('/');
const IN_PROSE = choicePatterns('[/|]');

/** Unfilled `{{NAME}}` placeholders outside comments and code. */
export function extractPlaceholders(ctx: DocumentContext): Placeholder[] {
  const placeholders: Placeholder[] = [];
  for (const m of ctx.views.prose.matchAll(PLACEHOLDER)) {
    placeholders.push({ name: m[1].trim(), range: ctx.src.rangeOf(m.index, m.index + m[0].length) });
  }
  return placeholders;
}

/** Option lists left as the template wrote them: `Yes / No / Partial`, `Draft | In Review | Approved`. */
export function extractChoices(ctx: DocumentContext, tables: Table[]): Choice[] {
  const choices: Choice[] = [];
  const inTable = new Uint8Array(ctx.src.lineCount);
  for (const table of tables) {
    inTable.fill(1, table.startLine, table.endLine);
    for (const row of [table.header, ...table.rows]) {
      const prose = viewLine(ctx, ctx.views.prose, row.line);
      for (const cell of row.cells) {
        const from = cell.inner.start.character;
        collect(prose.slice(from, cell.inner.end.character), IN_CELL, row.line, from, choices);
      }
    }
  }
  for (let line = 0; line < ctx.src.lineCount; line++) {
    if (!inTable[line]) collect(viewLine(ctx, ctx.views.prose, line), IN_PROSE, line, 0, choices);
  }
  return choices;
}

function collect(text: string, patterns: ChoicePattern[], line: number, offset: number, out: Choice[]): void {
  if (!text.includes('/') && !text.includes('|')) return;
  for (const { list, option } of patterns) {
    for (const m of text.matchAll(list)) {
      const options = (m[0].match(option) ?? []).map((o) => o.replace(/\s+/g, ' '));
      const start = offset + m.index;
      out.push({ options, range: range(line, start, start + m[0].length) });
    }
  }
}

/** `> Example: …` blockquotes left from the template, as whole ranges. */
export function extractExamples(ctx: DocumentContext): Range[] {
  const examples: Range[] = [];
  for (const token of ctx.tokens) {
    if (token.type !== 'paragraph_open' || !token.map) continue;
    const first = viewLine(ctx, ctx.views.visible, token.map[0]);
    if (!/^\s*>\s*(?:\*\*|_)?Example(?:\*\*|_)?\s*:/i.test(first)) continue;
    const last = token.map[1] - 1;
    examples.push({ start: ctx.src.trimmedLineRange(token.map[0]).start, end: ctx.src.trimmedLineRange(last).end });
  }
  return examples;
}
