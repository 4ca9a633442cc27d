import { type Blame, type BlameKind, type BlameMatcher, compileBlame, findBlame } from '../blame';
import { BLAMELESS_WHY } from '../blameless-words';
import type { BlamelessWords } from '../config';
import type { Finding } from '../diagnostic';
import { namedPeople, wordsOfPeople } from '../owners';
import type { Rule } from '../rule';

/** What each kind of finding does, as its message says it. */
const DOES: Record<BlameKind, string> = { verb: 'blames a person', noun: 'blames a person', counterfactual: 'judges with hindsight' };

/** At most this many findings a document: past it, the writing is not a narrative to reword sentence by sentence. */
const MAX_FINDINGS = 200;

/** The last team's word lists compiled, kept while the configuration's object is the same. */
let compiled: { team: BlamelessWords | undefined; matcher: BlameMatcher; id: number } | undefined;

function matcherFor(team: BlamelessWords | undefined): { matcher: BlameMatcher; id: number } {
  if (!compiled || compiled.team !== team) compiled = { team, matcher: compileBlame(team), id: (compiled?.id ?? 0) + 1 };
  return compiled;
}

/** Wording in the narrative that makes a person the cause: a person as the subject of an error verb, a blame noun, hindsight. */
export const blameless: Rule = {
  id: 'blameless',
  description: 'Wording in the narrative that makes a person the cause instead of the system.',
  details:
    'In the narrative (summary, impact, timeline, root cause, 5 Whys, contributing factors, what went well or wrong, lessons, and the sections of a team\'s own template; not the metadata, the action items, the sign-off or the blameless culture statement): a person as the subject of an error verb ("Alex forgot to drain the node", "the on-call engineer failed to", "the developer accidentally …"), a blame noun ("human error", "operator error", "carelessness", "Alex\'s mistake", "the developer\'s fault"), and hindsight ("should have known", "obviously", "could have simply"). People are the names the document gives (author, facilitator, incident commander, attendees, reviewers, approvers, action-item owners), the configured `owners` and chat handles (`@sam`), and roles that stand for one person ("the on-call engineer", "the intern", "the DBA", "ops"); "we" is the team and is never flagged, nor is a system as the subject ("the deploy failed", "the alert didn\'t fire"). Quoted text ("…", blockquotes: a quoted chat message is evidence), inline code, fences and comments are left alone. The words are in `server/src/core/blameless-words.ts`; add or remove some with `blameless` in `.postmortemrc.json`. The message suggests a systemic question to ask instead; the hover says why it matters.',
  severity: 'information',
  why: BLAMELESS_WHY,
  check({ model, src, config, memo }) {
    const { matcher, id } = matcherFor(config.blameless);
    // The people as written are most often the previous version's: their words are made once.
    const named = namedPeople(model, config.owners);
    const people = () => {
      const words = wordsOfPeople(named);
      return { words, key: [...words].join('\n') };
    };
    const { words: names, key } = memo ? memo.table<{ words: Set<string>; key: string }>('people').get(named.join('\n'), people) : people();
    // A block reads as it did in the previous version when its text, the words and the people are the same.
    const blames = memo?.table<readonly Blame[]>('blame', `${id}\n${key}`);
    const find = (text: string) => findBlame(text, matcher, names);
    const findings: Finding[] = [];
    // Indexed loops, not for…of: their iterators over 1,600 blocks a keystroke were garbage.
    const blocks = model.narrative;
    for (let b = 0; b < blocks.length; b++) {
      const block = blocks[b];
      const found = blames ? blames.get(block.text, find) : find(block.text);
      if (!found.length) continue;
      const offset = src.offsetAt(block.start);
      for (let f = 0; f < found.length; f++) {
        const blame = found[f];
        if (findings.length >= MAX_FINDINGS) return findings;
        const start = offset + blame.start;
        const end = offset + blame.end;
        const quote = src.text.slice(start, end).replace(/\s+/g, ' ');
        findings.push({ range: src.rangeOf(start, end), message: `"${quote}" ${DOES[blame.kind]}: ${blame.suggestion}.` });
      }
    }
    return findings;
  },
};
