import type { Analysis } from '../analyze';
import type { Config } from '../config';
import { keyOf } from '../extract/context';
import { DUE, OWNER } from '../extract/records';
import type { PostMortem } from '../model';
import { isMissingOwner, ownerCandidates } from '../owners';
import { before, contains } from '../ranges';
import { sectionMatches, template, templateSectionIndex } from '../template';
import type { Position, Range } from '../text';
import { ANSWERS, PRIORITIES, STATUSES } from '../vocabulary';

export type SlotKind = 'owner' | 'severity' | 'status' | 'priority' | 'choice' | 'date' | 'section';

export interface Completions {
  kind: SlotKind;
  /** What a chosen value replaces: the cell's or field's text, the heading's text. */
  range: Range;
  values: string[];
  /**
   * Set when the text replaced stands for no value (`{{OWNER}}`, `TBD`, `Yes / No / Partial`):
   * clients filter by it, so every value matches and none is hidden by the placeholder's letters.
   */
  filterText?: string;
}

export interface CompletionContext {
  /** YYYY-MM-DD, offered in date cells. */
  today: string;
  config: Config;
}

/** Cells and fields whose label says what they take, by their label as `keyOf` folds it. */
const SLOTS: [(key: string) => boolean, SlotKind][] = [
  [(k) => OWNER.test(k) || k === 'follow up owner', 'owner'],
  [(k) => k === 'severity', 'severity'],
  [(k) => k === 'status', 'status'],
  [(k) => k === 'priority', 'priority'],
  [(k) => /^(sla breach|action required|verified complete|effective)$/.test(k), 'choice'],
  [(k) => DUE.test(k) || /\bdate$/.test(k), 'date'],
];

/**
 * Whether a line could hold anything to complete, from its text alone: a table row, a
 * `Label: value` field or a `## ` heading. Lets a request typed in prose skip the analysis.
 */
export function mayComplete(line: string): boolean {
  return line.includes('|') || line.includes(':') || /^##[ \t]/.test(line);
}

/** The values that fit where the cursor is: a table cell, a `**Label:** value` field, or a `## ` heading. */
export function completionsAt({ model, src }: Analysis, position: Position, context: CompletionContext): Completions | undefined {
  const line = src.lines[position.line] ?? '';
  const heading = /^##[ \t]+/.exec(line);
  if (heading && position.character >= heading[0].length) {
    const range = { start: { line: position.line, character: heading[0].length }, end: { line: position.line, character: Math.max(position.character, line.trimEnd().length) } };
    return { kind: 'section', range, values: missingSections(model, context.config, position.line) };
  }
  const slot = slotAt(model, position);
  const kind = slot && SLOTS.find(([matches]) => matches(keyOf(slot.label)))?.[1];
  if (!slot || !kind) return undefined;
  const fromTemplate = slot.text !== '' && (isMissingOwner(slot.text) || model.choices.some((c) => contains(slot.range, c.range)));
  return { kind, range: slot.range, values: valuesFor(kind, model, context), filterText: fromTemplate ? slot.text : undefined };
}

function valuesFor(kind: SlotKind, model: PostMortem, { today, config }: CompletionContext): string[] {
  switch (kind) {
    case 'owner': return ownerCandidates(model, config.owners);
    case 'severity': return config.severities;
    case 'status': return [...STATUSES];
    case 'priority': return [...PRIORITIES];
    case 'choice': return [...ANSWERS];
    case 'date': return [today];
    case 'section': return [];
  }
}

/** Required sections the document lacks (the line being typed aside), named as the template names them. */
function missingSections(model: PostMortem, config: Config, line: number): string[] {
  const sections = template().sections;
  return config.requiredSections
    .filter((name) => !model.sections.some((s) => s.line !== line && sectionMatches(s, name)))
    .map((name) => sections[templateSectionIndex(name)]?.name ?? name);
}

/** The label of the cell or field at the position, with the range a value typed there replaces. */
function slotAt(model: PostMortem, position: Position): { label: string; text: string; range: Range } | undefined {
  const table = model.tables.find((t) => t.startLine <= position.line && position.line < t.endLine);
  if (table) {
    const row = table.rows.find((r) => r.line === position.line);
    const column = row?.cells.findIndex((c) => c.inner.start.character <= position.character && position.character <= c.inner.end.character) ?? -1;
    if (!row || column < 0) return undefined;
    // A `Field | Value` row is labelled by its first cell, other rows by their column's header.
    const field = model.fields.find((f) => f.source === 'table' && f.line === position.line);
    const label = field ? (column === 1 ? field.label : undefined) : table.header.cells[column]?.text;
    const cell = row.cells[column];
    return label === undefined ? undefined : { label, text: cell.text, range: around(cell.range, position) };
  }
  const field = model.fields.find((f) => f.source === 'line' && f.line === position.line && !before(position, f.labelRange.end));
  return field && { label: field.label, text: field.value.text, range: around(field.value.range, position) };
}

/** The range widened to hold the position, as a completion's edit must. */
function around(range: Range, position: Position): Range {
  return { start: before(position, range.start) ? position : range.start, end: before(range.end, position) ? position : range.end };
}
