import type { Finding } from '../diagnostic';
import type { Rule, RuleContext } from '../rule';
import { RangesByLine } from '../ranges';
import { type Slot, lineKey } from '../slots';
import type { TeamTemplate } from '../team-template';

/** A slot left from a template: `YYYY-MM-DD`, `Incident Lead:`, an italic prompt, an example row. */
export const unfilled: Rule = {
  id: 'unfilled',
  description: "A slot left from the team's template: a date format, an empty field, cell or bullet, an example, a prompt.",
  details:
    "A slot the template left for the writer and nobody filled in. With the team's template (`.postmortemrc.json` `template`, else the nearest `template.md` or `*template*.md` up the folders), every slot of the template that survives verbatim at a line: a prompt or instruction sentence (\"Describe the impact…\", an italic question), an example row or item, an empty field (`Incident Lead:`), an empty table cell, an empty bullet or `- [ ]`, an empty section, a slot token. In any post-mortem, the unmistakable styles: `YYYY-MM-DD`, `DD/MM/YYYY`, `HH:mm`, `???`, `xxxx`, `[Date]`, `<service name>`, `ISSUE NAME`, `${VAR}`, `CVE-YEAR-ABCDEF`, `TBD`, `Lorem ipsum`, a heading that only says \"Incident Title\", an empty field or bullet, an instruction paragraph. Links, HTML tags, acronyms, footnotes, checked items with text, code and comments are left alone; a `{{NAME}}` is reported as `placeholder`.",
  severity: 'status',
  blocksDraft: { rank: 1, one: 'template slot not filled in', many: 'template slots not filled in' },
  check({ model, src, template }: RuleContext) {
    const { slots, roles } = model.slots;
    // A `{{NAME}}` is the placeholder rule's; an owner cell is missing-owner's; `> Example:` lines leftover guidance's.
    const elsewhere = new RangesByLine([
      ...model.placeholders.map((p) => p.range),
      ...model.examples,
      ...model.actionItems.flatMap((i) => (i.owner ? [i.owner.range] : [])),
      ...(model.followUpOwner ? [model.followUpOwner.value.range] : []),
    ]);
    const placeholderLines = new Set(model.placeholders.map((p) => p.range.start.line));
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const report = (slot: Slot, at: Slot['range'], fromTemplate: boolean) => {
      const id = `${at.start.line}:${at.start.character}:${at.end.character}`;
      if (seen.has(id) || elsewhere.within(at) || elsewhere.contain(at) || (slot.kind !== 'token' && placeholderLines.has(at.start.line))) return;
      seen.add(id);
      findings.push({ range: at, message: message(slot, fromTemplate) });
    };
    for (const slot of slots) if (slot.builtin) report(slot, slot.range, false);
    if (template) {
      for (const found of keptFromTemplate(template, slots, roles, src.lines)) report(found.slot, found.range, true);
    }
    return findings;
  },
};

/** The template's slots the document keeps verbatim: at a line of the same role and text, an empty section, a token. */
function* keptFromTemplate(template: TeamTemplate, slots: Slot[], roles: Uint8Array, lines: string[]): Generator<{ slot: Slot; range: Slot['range'] }> {
  const byKey = new Map<string, Slot>();
  const emptySections = new Map<string, Slot>();
  const tokens = new Set(template.tokens);
  for (const slot of template.slots) {
    if (slot.kind === 'empty-section') emptySections.set(slot.key, slot);
    else if (slot.kind !== 'token' && !byKey.has(slot.key)) byKey.set(slot.key, slot);
  }
  for (let line = 0; line < lines.length; line++) {
    if (!roles[line]) continue;
    const slot = byKey.get(lineKey(roles[line], lines[line]));
    if (slot) yield { slot, range: trimmedRange(line, lines[line]) };
  }
  for (const slot of slots) {
    if (slot.kind === 'empty-section' && emptySections.has(slot.key)) yield { slot, range: slot.range };
    else if (slot.kind === 'token' && tokens.has(slot.text)) yield { slot, range: slot.range };
  }
}

function trimmedRange(line: number, text: string): Slot['range'] {
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  return { start: { line, character: end > start ? start : 0 }, end: { line, character: end > start ? end : text.length } };
}

/** One sentence: what is left, and what to write. */
function message(slot: Slot, fromTemplate: boolean): string {
  const still = fromTemplate ? "still the template's" : "the template's";
  const label = slot.text.replace(/:$/, '');
  switch (slot.kind) {
    case 'token':
      return `"${slot.text}" is a placeholder left from the template: replace it with ${asksFor(slot.text)}.`;
    case 'title':
      return `"${slot.text}" is ${still} title: write the incident's own title.`;
    case 'empty-field':
      return `"${label}" is left empty: fill it in or remove it.`;
    case 'empty-cell':
      return slot.text.startsWith('|') ? 'This table row is left empty: fill it in or remove it.' : `"${label}" is left empty in the table: fill it in.`;
    case 'empty-bullet':
      return 'This list item is left empty: write it or remove it.';
    case 'empty-section':
      return `Section "${slot.text}" is still empty, as in the template: write it or remove it.`;
    case 'example':
      return `"${slot.text}" is ${still} example: replace it with your own or remove it.`;
    case 'prompt':
      return `"${slot.text}" is ${still} prompt: write what it asks for in its place.`;
  }
}

/** What a token asks for, in words: "the date", "the time", "the service name". */
function asksFor(token: string): string {
  if (/^[<[][^\]>]+[\]>]$/.test(token)) {
    const words = token.slice(1, -1).toLowerCase().replace(/[_-]+/g, ' ').trim();
    return /^(?:the|a|an|your)\b/.test(words) ? words : `the ${words}`;
  }
  if (/Y|D/.test(token) && /^[YMDHhmSs/:. -]+$/.test(token)) return /H|h/.test(token) ? 'the date and time' : 'the date';
  if (/^[HhmSs:.]+$/.test(token)) return 'the time';
  if (/^\?+$/.test(token)) return 'the value';
  if (/^TB[DA]$/.test(token)) return 'the decision or the value';
  if (/^lorem ipsum$/i.test(token)) return 'your own text';
  return 'the real value';
}
