import type { PostMortem } from './model';
import { isPlaceholder, plainText } from './vocabulary';

/** Owner cells that name nobody: empty, a placeholder, TBD, TBA, ?, -, N/A and the like. */
const NOBODY = /^(?:|tbd|tba|tbc|\?+|-+|—|–|n\/?a|none|nobody|unassigned|someone)$/i;

export function isMissingOwner(text: string | undefined): boolean {
  const t = plainText(text ?? '');
  return NOBODY.test(t) || isPlaceholder(t);
}

/** Words written where an owner goes that name nobody (`TBD`, `?`, `none`), as opposed to an empty slot. */
export function isNobody(text: string): boolean {
  const t = plainText(text);
  return t !== '' && NOBODY.test(t);
}

/** People to offer as an owner: the configured owners, then names the document already uses. */
export function ownerCandidates(model: PostMortem, configured: string[]): string[] {
  const named = [
    ...model.actionItems.map((i) => i.owner?.text ?? ''),
    ...model.metadata.fields.filter((f) => /^(author|post mortem facilitator|facilitator)$/.test(f.key)).map((f) => f.value.text),
    ...model.approvals.map((a) => a.name?.text ?? ''),
  ].map(plainText);
  return [...new Set([...configured, ...named])].filter((n) => n && !isMissingOwner(n) && !n.includes(',') && n.length <= 40);
}

/** Fields that name people: who wrote, led, attended and reviewed the post-mortem. */
const PEOPLE_FIELD = /^(?:authors?|written by|prepared by|(?:post mortem )?facilitator|incident (?:commander|lead|manager|owner)|ic|attendees|participants|reviewers?|reviewed by|approvers?|owners?|on call(?: engineer)?|responders?)$/;
/** A list of people: commas, semicolons, slashes, ampersands, "and", brackets. */
const PEOPLE_SEPARATOR = /[,;/&()[\]]|\band\b/;
/** What names a team or a role rather than a person ("Platform team", "SRE on call"). */
const GROUP = /\b(?:team|squad|group|crew|guild|department|org|engineering|ops|devops|sre|on.?call|rotation|tbd|none|everyone|all|security|platform|infra|infrastructure|backend|frontend|support|product|data|database|networking|qa|management|leadership)\b/i;
/** A word of a personal name as written: capitalised ("Priya", "O'Neil", "Jean-Luc"), or a handle ("@priya"). */
const NAME_WORD = /^(?:@[\p{L}\p{N}_-]+|\p{Lu}\p{Ll}+(?:['\u2019-]\p{Lu}?\p{Ll}+)*)$/u;

/**
 * The people a post-mortem names (its author, facilitator, incident commander, attendees,
 * reviewers, approvers and action-item owners) and the configured `owners`, as written.
 */
export function namedPeople(model: PostMortem, configured: string[]): string[] {
  // Pushed, not spread: this runs at every keystroke, over every action item.
  const named = [...configured];
  for (const f of model.fields) if (PEOPLE_FIELD.test(f.key)) named.push(f.value.text);
  for (const a of model.approvals) named.push(a.name?.text ?? '');
  for (const i of model.actionItems) named.push(i.owner?.text ?? '');
  return named;
}

/** The words of the people named (`namedPeople`): "Priya Raman" gives "Priya" and "Raman", so that either names her in the narrative. */
export function wordsOfPeople(named: string[]): Set<string> {
  const words = new Set<string>();
  for (const list of named) {
    for (const person of plainText(list).split(PEOPLE_SEPARATOR)) {
      if (GROUP.test(person) || isMissingOwner(person)) continue;
      for (const word of person.split(/\s+/)) if (NAME_WORD.test(word)) words.add(word);
    }
  }
  return words;
}
