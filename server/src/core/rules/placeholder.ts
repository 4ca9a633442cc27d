import { describePlaceholder } from '../placeholders';
import { INCIDENT_ID } from '../vocabulary';
import type { Fix } from '../diagnostic';
import type { Rule, RuleContext } from '../rule';
import { RangesByLine } from '../ranges';

/** `{{NAME}}` left unfilled in prose, tables and mermaid blocks (not in comments or code). */
export const placeholder: Rule = {
  id: 'placeholder',
  description: 'An unfilled {{PLACEHOLDER}} from the template.',
  details:
    'A `{{NAME}}` from the template still in the prose, a table or the mermaid timeline. Placeholders in HTML comments, inline code and other code blocks are left alone (a `{{ .Values.tag }}` in a YAML block is yours); one in an Owner cell is reported as `missing-owner` instead. Fixes fill what is known: today\'s date for `DATE`-like names, the author from `git config user.name`, the year and sequence from the Incident ID.',
  severity: 'status',
  blocksDraft: { rank: 1, one: 'placeholder not filled in', many: 'placeholders not filled in' },
  check({ model, fix, memo }: RuleContext) {
    // Owners are reported once, as missing-owner; examples once, as leftover guidance.
    const reportedElsewhere = new RangesByLine([
      ...model.actionItems.flatMap((i) => (i.owner ? [i.owner.range] : [])),
      ...(model.followUpOwner ? [model.followUpOwner.value.range] : []),
      ...model.examples,
    ]);
    // The same few names in every version: their messages are made once.
    const messages = memo?.table<string>('placeholder-message');
    return model.placeholders
      .filter((p) => !reportedElsewhere.contain(p.range))
      .map((p) => ({
        range: p.range,
        message: messages ? messages.get(p.name, message) : message(p.name),
        fixes: fillFixes(p.name, p.range, model.metadata.incidentId?.value.text, fix),
      }));
  },
};

function message(name: string): string {
  return `Placeholder {{${name}}} is not filled in: replace it with ${describePlaceholder(name)}.`;
}

function fillFixes(name: string, range: RuleContext['model']['placeholders'][number]['range'], incidentId: string | undefined, context: RuleContext['fix']): Fix[] {
  const value = knownValue(name, incidentId, context);
  return value ? [{ title: `Fill in ${value}`, edits: [{ range, newText: value }] }] : [];
}

const DATE_NAME = /(^|_)DATE$/;
const PERSON_NAME = /^(AUTHOR|FACILITATOR)$/;

/** Values a fix can know: today's date for DATE-like names, the author, the incident ID's parts. */
function knownValue(name: string, incidentId: string | undefined, context: RuleContext['fix']): string | undefined {
  if (DATE_NAME.test(name) && context.today) return context.today;
  if (PERSON_NAME.test(name) && context.author) return context.author;
  const id = INCIDENT_ID.exec(incidentId ?? '');
  if (id && name === 'YYYY') return id[1];
  if (id && name === 'SEQ') return id[2];
  if (id && name === 'ID') return `${id[1]}-${id[2]}`;
  return undefined;
}
