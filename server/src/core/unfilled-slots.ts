import type { PostMortem } from './model';
import { isMissingOwner } from './owners';
import { RangesByLine } from './ranges';
import { ROLE, type Slot, lineKey } from './slots';
import type { TeamTemplate } from './team-template';
import type { Range, SourceText } from './text';

/** A slot the document leaves unfilled, where it is, and whether the team's template is what shows it. */
export interface LeftSlot {
  slot: Slot;
  range: Range;
  /** Found because the document keeps it verbatim from its team's template. */
  fromTemplate: boolean;
}

const cache = new WeakMap<PostMortem, { template?: TeamTemplate; left: LeftSlot[] }>();

/**
 * The slots left unfilled: the unmistakable ones by their style, and with a team template every
 * slot of it the document keeps verbatim. Computed once per model and template: the `unfilled`
 * rule reports them and completeness counts them.
 */
export function slotsLeft(model: PostMortem, src: SourceText, template?: TeamTemplate): LeftSlot[] {
  const cached = cache.get(model);
  if (cached && cached.template === template) return cached.left;
  const { slots, roles } = model.slots;
  // A `{{NAME}}` is the placeholder rule's, an owner cell missing-owner's, a `> Example:` line leftover guidance's.
  const elsewhere = new RangesByLine([
    ...model.placeholders.map((p) => p.range),
    ...model.examples,
    // Only an owner missing-owner reports (`TBD`): a slot read as an owner (`[Date]`) is still a slot.
    ...model.actionItems.flatMap((i) => (i.owner && isMissingOwner(i.owner.text) ? [i.owner.range] : [])),
    ...(model.followUpOwner && isMissingOwner(model.followUpOwner.value.text) ? [model.followUpOwner.value.range] : []),
  ]);
  const placeholderLines = new Set(model.placeholders.map((p) => p.range.start.line));
  // A timeline time of `???` is an unknown time, which timeline-time explains: one finding, not two.
  // Filed only when such a token is found: most documents have none, and the timeline is most of a long one.
  let times: RangesByLine | undefined;
  const unknownTime = (slot: Slot, at: Range) =>
    slot.kind === 'token' && /^\?+$/.test(slot.text) && (times ??= new RangesByLine(model.timelines.flatMap((t) => t.entries.map((e) => e.time.range)))).contain(at);
  const left: LeftSlot[] = [];
  const seen = new Set<string>();
  const add = (slot: Slot, at: Range, fromTemplate: boolean) => {
    const id = `${at.start.line}:${at.start.character}:${at.end.character}`;
    if (seen.has(id) || elsewhere.within(at) || elsewhere.contain(at) || unknownTime(slot, at) || (slot.kind !== 'token' && placeholderLines.has(at.start.line))) return;
    seen.add(id);
    left.push({ slot, range: at, fromTemplate });
  };
  for (const slot of slots) if (slot.builtin) add(slot, slot.range, false);
  if (template) for (const kept of keptFromTemplate(template, slots, roles, src.lines)) add(kept.slot, kept.range, true);
  left.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  cache.set(model, { template, left });
  return left;
}

/** The template's slots the document keeps verbatim: at a line of the same role and text, an empty section, a token. */
function* keptFromTemplate(template: TeamTemplate, slots: Slot[], roles: Uint8Array, lines: string[]): Generator<{ slot: Slot; range: Range }> {
  const byKey = new Map<string, Slot>();
  const emptySections = new Set<string>();
  const tokens = new Set(template.tokens);
  for (const slot of template.slots) {
    if (slot.kind === 'empty-section') emptySections.add(slot.key);
    else if (slot.kind !== 'token' && !byKey.has(slot.key)) byKey.set(slot.key, slot);
  }
  for (let line = 0; line < lines.length; line++) {
    if (!roles[line]) continue;
    const slot = byKey.get(lineKey(roles[line], lines[line]));
    if (slot) yield { slot, range: trimmedRange(line, lines[line]) };
  }
  for (const slot of slots) {
    if (slot.kind === 'empty-section' && emptySections.has(lineKey(roles[slot.line] || ROLE.paragraph, lines[slot.line]))) yield { slot, range: slot.range };
    else if (slot.kind === 'token' && tokens.has(slot.text)) yield { slot, range: slot.range };
  }
}

function trimmedRange(line: number, text: string): Range {
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  return end > start ? { start: { line, character: start }, end: { line, character: end } } : { start: { line, character: 0 }, end: { line, character: text.length } };
}

/**
 * Completeness against the team's template: the share of its slots the document has filled (the
 * slots it leaves, its `{{NAME}}` placeholders included, against the template's slots).
 */
export function templateCompleteness(model: PostMortem, src: SourceText, template: TeamTemplate): { completeness: number; placeholdersLeft: number } {
  const left = slotsLeft(model, src, template).length + model.placeholders.length;
  const total = Math.max(template.slots.length, left, 1);
  return { completeness: Math.round(100 * Math.max(0, 1 - left / total)) / 100, placeholdersLeft: left };
}
