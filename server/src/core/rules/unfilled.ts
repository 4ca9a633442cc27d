import type { Rule, RuleContext } from '../rule';
import type { Slot } from '../slots';
import { slotsLeft } from '../unfilled-slots';

/** A slot left from a template: `YYYY-MM-DD`, `Incident Lead:`, an italic prompt, an example row. */
export const unfilled: Rule = {
  id: 'unfilled',
  description: "A slot left from the team's template: a date format, an empty field, cell or bullet, an example, a prompt.",
  details:
    "A slot the template left for the writer and nobody filled in. With the team's template (`.postmortemrc.json` `template`, else the nearest `template.md` or `*template*.md` up the folders), every slot of the template that survives verbatim at a line: a prompt or instruction sentence (\"Describe the impact…\", an italic question), an example row or item, an empty field (`Incident Lead:`), an empty table cell, an empty bullet or `- [ ]`, an empty section, a slot token. In any post-mortem, the unmistakable styles: `YYYY-MM-DD`, `DD/MM/YYYY`, `HH:mm`, `???`, `xxxx`, `[Date]`, `<service name>`, `ISSUE NAME`, `${VAR}`, `CVE-YEAR-ABCDEF`, `TBD`, `Lorem ipsum`, a heading that only says \"Incident Title\", an empty field or bullet, an instruction paragraph. Links, HTML tags, acronyms, footnotes, checked items with text, code and comments are left alone; a `{{NAME}}` is reported as `placeholder`.",
  severity: 'status',
  blocksDraft: { rank: 1, one: 'template slot not filled in', many: 'template slots not filled in' },
  check({ model, src, template }: RuleContext) {
    return slotsLeft(model, src, template).map(({ slot, range, fromTemplate }) => ({ range, message: message(slot, fromTemplate) }));
  },
};

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
  if (/^[HhMmSs:.]+$/.test(token)) return 'the time';
  if (/^\?+$/.test(token)) return 'the value';
  if (/^TB[DA]$/.test(token)) return 'the decision or the value';
  if (/^lorem ipsum$/i.test(token)) return 'your own text';
  return 'the real value';
}
