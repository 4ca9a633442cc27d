import type { Choice, Field, Placeholder, Table, TableRow } from '../model';
import { KeptWith } from '../memo';
import { PartReadings, type RowPart, rowParts } from './row-parts';
import { type Range, range, shiftedRange } from '../text';
import { CHOICE_SETS, PLACEHOLDER, STATUS_CHOICE_SETS, choiceListSource } from '../vocabulary';
import { type DocumentContext, viewLine } from './context';
import { innerFrom, innerTo } from './tables';

interface ChoicePattern {
  list: RegExp;
  option: RegExp;
}

const choicePatterns = (sets: readonly (readonly string[])[], separator: string, least = 2): ChoicePattern[] =>
  sets.map((set) => {
    const { option } = choiceListSource(set, separator);
    const list = least === 2 ? choiceListSource(set, separator).list : `(?<![\\w/|])${option}(?:\\s*${separator}\\s*${option}){${least - 1},}(?![\\w/|])`;
    return { list: new RegExp(list, 'gi'), option: new RegExp(option, 'gi') };
  });
/**
 * Inside a table cell options are separated by `/`; in prose by `/` or `|` (`Draft | In Review |
 * Approved`); a status's options also by commas, three or more (`ongoing, mitigated, closed`).
 */
const IN_CELL = [...choicePatterns(CHOICE_SETS, '/'), ...choicePatterns(STATUS_CHOICE_SETS, '/')];
const IN_PROSE = [...choicePatterns(CHOICE_SETS, '[/|]'), ...choicePatterns(STATUS_CHOICE_SETS, '[/|]'), ...choicePatterns(STATUS_CHOICE_SETS, ',', 3)];

/** A placeholder found in a line: its name and columns. */
type LinePlaceholder = { name: string; start: number; end: number };

function placeholdersIn(text: string): LinePlaceholder[] {
  const found: LinePlaceholder[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) found.push({ name: m[1].trim(), start: m.index, end: m.index + m[0].length });
  return found;
}

/** Unfilled `{{NAME}}` placeholders outside comments and code. */
export function extractPlaceholders(ctx: DocumentContext): Placeholder[] {
  const placeholders: Placeholder[] = [];
  // Kept by the line's text: a keystroke's version reads its other lines' placeholders as they were.
  const byLine = ctx.memo.table<LinePlaceholder[]>('placeholders');
  const { prose } = ctx.views;
  // A placeholder lies within a line (PLACEHOLDER holds no line break).
  for (let line = 0; line < prose.length; line++) {
    const text = prose[line];
    if (!text.includes('{{')) continue;
    const found = byLine.get(text, placeholdersIn);
    for (let i = 0; i < found.length; i++) placeholders.push({ name: found[i].name, range: range(line, found[i].start, found[i].end) });
  }
  return placeholders;
}

/**
 * Option lists left as the template wrote them where one choice belongs: the whole of a cell
 * (`| Yes / No / Partial |`), of a field's value (`> **Status:** Draft | In Review | Approved`) or
 * of a line (`Draft | Final` under `## Status`). A list inside a sentence is the writer's prose
 * ("medium/high end machines", "a simple yes/no"), not a choice left open.
 */
/**
 * The choices of each table row, kept while the row is: a row is kept from version to version
 * only where its line and its view did not change (see extractTables).
 */
const rowChoices = new KeptWith<TableRow, Choice[]>();

/** The choices of a part of a table's rows (see rowParts). */
const partChoices = new PartReadings<Choice[]>();

export function extractChoices(ctx: DocumentContext, tables: Table[], fields: Field[]): Choice[] {
  const choices: Choice[] = [];
  const inTable = new Uint8Array(ctx.src.lineCount);
  // Made once, not at each row (nor the header and rows copied into one list): garbage a keystroke would make by the thousand.
  const choicesInRow = (row: TableRow) => {
    const inRow: Choice[] = [];
    const prose = viewLine(ctx, ctx.views.prose, row.line);
    // A cell's options are apart by `/` (IN_CELL): a row without one has no cell to read.
    if (!prose.includes('/')) return inRow;
    for (const cell of row.cells) {
      const from = innerFrom(cell);
      collect(prose.slice(from, innerTo(cell)), IN_CELL, row.line, from, inRow);
    }
    return inRow;
  };
  const choicesInPart = (part: RowPart) => {
    const found: Choice[] = [];
    // So does a kept row, in a part made anew.
    for (const row of part.rows) for (const choice of rowChoices.get(ctx.memo, row, choicesInRow)) found.push(choice);
    return found;
  };
  for (const table of tables) {
    inTable.fill(1, table.startLine, table.endLine);
    for (const choice of rowChoices.get(ctx.memo, table.header, choicesInRow)) choices.push(choice);
    // A part kept from the previous version (the same rows) has the same choices; one a line moved, the same moved.
    for (const part of rowParts(table.rows, ctx.memo)) for (const choice of partChoices.get(ctx.memo, part, '', choicesInPart, shiftChoices)) choices.push(choice);
  }
  const valueOn = new Map<number, Field>();
  for (const field of fields) if (field.source === 'line') valueOn.set(field.line, field);
  for (let line = 0; line < ctx.src.lineCount; line++) {
    if (inTable[line]) continue;
    const prose = viewLine(ctx, ctx.views.prose, line);
    const field = valueOn.get(line);
    const from = field ? field.value.range.start.character : contentStart(prose);
    collect(prose.slice(from), IN_PROSE, line, from, choices);
  }
  return choices;
}

function shiftChoices(choices: Choice[], delta: number): Choice[] {
  return choices.map((c) => ({ options: c.options, range: shiftedRange(c.range, delta) }));
}

/** Where a line's content starts: after its indentation, blockquote marks, list marker and task box. */
function contentStart(text: string): number {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '>')) i++;
  if ((text[i] === '-' || text[i] === '*' || text[i] === '+') && (text[i + 1] === ' ' || text[i + 1] === '\t')) i += 2;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] === '[' && text[i + 2] === ']' && ' xX'.includes(text[i + 1])) i += 3;
  return i;
}

/** Only emphasis, code marks, punctuation and white space: what may surround a choice left whole. */
function isFiller(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!' \t*_~`.:;'.includes(text[i])) return false;
  return true;
}

function collect(text: string, patterns: ChoicePattern[], line: number, offset: number, out: Choice[]): void {
  if (!text.includes('/') && !text.includes('|') && !text.includes(',')) return;
  for (const { list, option } of patterns) {
    // Only the first list can be the whole value: anything after it has the first before it.
    for (const m of text.matchAll(list)) {
      if (!isFiller(text, 0, m.index) || !isFiller(text, m.index + m[0].length, text.length)) break;
      const options = (m[0].match(option) ?? []).map((o) => o.replace(/\s+/g, ' '));
      const start = offset + m.index;
      const end = start + m[0].length;
      // Two sets may both read the same list (`Draft | In Review | Approved`): it is one choice.
      let overlaps = false;
      for (let i = out.length - 1; i >= 0 && out[i].range.start.line === line && out[i].range.end.character > offset && !overlaps; i--) {
        overlaps = out[i].range.start.character < end && start < out[i].range.end.character;
      }
      if (!overlaps) out.push({ options, range: range(line, start, end) });
      break;
    }
  }
}

/** `> Example: …` blockquotes left from the template, as whole ranges. */
export function extractExamples(ctx: DocumentContext): Range[] {
  const examples: Range[] = [];
  for (const token of ctx.outline) {
    if (token.type !== 'paragraph_open' || !token.map) continue;
    const first = viewLine(ctx, ctx.views.visible, token.map[0]);
    if (!/^\s*>\s*(?:\*\*|_)?Example(?:\*\*|_)?\s*:/i.test(first)) continue;
    const last = token.map[1] - 1;
    examples.push({ start: ctx.src.trimmedLineRange(token.map[0]).start, end: ctx.src.trimmedLineRange(last).end });
  }
  return examples;
}
