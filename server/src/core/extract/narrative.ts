import type { Cell, NarrativeBlock, SectionKind, Table } from '../model';
import { rowChecker } from '../budget';
import { PartReadings, type RowPart, rowParts } from './row-parts';
import { type DocumentContext, viewLine, viewSlice } from './context';
import { OWNER } from './records';
import { column, columnNames } from './tables';

/**
 * Sections that are not the story of the incident: who wrote and signed the document, its
 * metadata, links, the blameless culture statement itself, and the action items (what will be
 * done, not what happened).
 */
const NOT_NARRATIVE: ReadonlySet<SectionKind> = new Set(['history', 'blameless', 'metadata', 'signoff', 'approval', 'related', 'actions', 'followUp']);

/** Columns that name people rather than tell what happened. */
const PEOPLE_COLUMN = /^(?:owners?|who|assignee|assigned to|responsible|dri|name|names|signature|approver|reviewer|author|attendees?)$/i;

/**
 * The narrative: paragraphs and list items outside blockquotes, and table cells, of every section
 * that tells what happened (the summary, the timeline, the root cause, lessons, and any section
 * of the team's own), as the `prose` view reads them (comments and code blanked), with quoted
 * text ("…", “…”) blanked too: a quoted chat message is evidence, not the writer's judgement.
 * Headings, fences, HTML blocks, owner and name cells are left out.
 */
export function extractNarrative(ctx: DocumentContext, tables: Table[]): NarrativeBlock[] {
  const { src, outline: tokens, views } = ctx;
  const blocks: NarrativeBlock[] = [];
  const narrative = (line: number) => isNarrative(ctx, line);
  const add = (line: number, start: number, end: number) => {
    if (end <= start) return;
    const text = narrativeText(viewSlice(ctx, views.prose, start, end));
    if (text !== null) blocks.push({ text, start: { line, character: 0 } });
  };
  const tick = rowChecker(ctx.deadline);
  let quoted = 0;
  // An index, not for…of: this loop's iterator results were measured at 0.8 MB a keystroke (V8 did not optimise them away).
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    tick();
    if (token.type === 'blockquote_open') quoted++;
    else if (token.type === 'blockquote_close') quoted--;
    else if (token.type === 'paragraph_open' && token.map && quoted === 0 && narrative(token.map[0])) {
      const [from, to] = token.map;
      add(from, src.lineStart(from), to < src.lineCount ? src.lineStart(to) : src.text.length);
    }
  }
  for (const table of tables) {
    if (!narrative(table.startLine) || quotedTable(src.lines[table.startLine])) continue;
    const names = columnNames(table);
    const skip = new Set(names.map((_, c) => c).filter((c) => PEOPLE_COLUMN.test(names[c])));
    const owner = column(table, OWNER);
    if (owner >= 0) skip.add(owner);
    const skipped = [...skip].join(' ');
    const readPart = (part: RowPart) => {
      const found: NarrativeBlock[] = [];
      for (const row of part.rows) {
        tick();
        for (let c = 0; c < row.cells.length; c++) {
          const cell = row.cells[c];
          if (skip.has(c) || !cell.text) continue;
          const block = cellBlock(cell);
          if (block) found.push(block);
        }
      }
      return found;
    };
    for (const part of rowParts(table.rows, ctx.memo)) {
      tick();
      // A kept part (the same rows, at the same lines) reads as it did, the same columns left out,
      // and one a line moved as it did, moved; a part made anew reads its few dozen rows again.
      for (const block of partBlocks.get(ctx.memo, part, skipped, readPart, shiftBlocks)) blocks.push(block);
    }
  }
  return blocks;

  /** A cell lies on its row's line: its text is that line's view between its columns. */
  function cellBlock(cell: Cell): NarrativeBlock | null {
    const { start, end } = cell.range;
    const text = narrativeText(viewLine(ctx, views.prose, start.line).slice(start.character, end.character));
    return text === null ? null : { text, start };
  }
}

function shiftBlocks(blocks: NarrativeBlock[], delta: number): NarrativeBlock[] {
  return blocks.map((b) => ({ text: b.text, start: { line: b.start.line + delta, character: b.start.character } }));
}

/** The narrative text of a block's prose view: its quotes blanked; null when no letter is left. */
function narrativeText(prose: string): string | null {
  const text = blankQuotes(prose);
  return LETTER.test(text) ? text : null;
}

/** (Made once: a literal makes its object anew each time it is evaluated, at every block.) */
const LETTER = /\p{L}/u;

/** The narrative blocks of each part of a table's rows (see rowParts), by the columns left out. */
const partBlocks = new PartReadings<NarrativeBlock[]>();

/** A table inside a blockquote (`> | a | b |`) is quoted as a whole. */
function quotedTable(line: string | undefined): boolean {
  return line?.trimStart().startsWith('>') ?? false;
}

/** Whether a line lies in the narrative: the innermost section with a known kind decides (a level-1 "Blameless post-mortem" title is a title). */
function isNarrative(ctx: DocumentContext, line: number): boolean {
  for (let i: number | undefined = ctx.sectionOfLine[line] < 0 ? undefined : ctx.sectionOfLine[line]; i !== undefined; i = ctx.sections[i].parent) {
    const { kind, level } = ctx.sections[i];
    if (!kind || (kind === 'blameless' && level === 1)) continue;
    return !NOT_NARRATIVE.has(kind);
  }
  return true;
}

/**
 * The text with what is between paired double quotes blanked (the quote marks kept as the
 * boundaries they are): "…" pairs straight quotes left to right, “…” curly ones. An unpaired
 * quote leaves the rest as it is. Line structure and length are kept.
 */
export function blankQuotes(text: string): string {
  // Most blocks quote nothing.
  if (!text.includes('"') && !text.includes('\u201c')) return text;
  const open = /["\u201c]/g;
  let out = '';
  let kept = 0;
  // A closing mark not found once is not found later either: each is looked for past the end at most once.
  const none = { '"': false, '\u201d': false } as Record<string, boolean>;
  for (let m = open.exec(text); m; m = open.exec(text)) {
    const close = m[0] === '"' ? '"' : '\u201d';
    const end = none[close] ? -1 : text.indexOf(close, m.index + 1);
    if (end < 0) {
      none[close] = true;
      continue;
    }
    out += text.slice(kept, m.index + 1) + text.slice(m.index + 1, end).replace(/[^\r\n]/g, ' ');
    kept = end;
    open.lastIndex = end + 1;
  }
  return kept === 0 ? text : out + text.slice(kept);
}
