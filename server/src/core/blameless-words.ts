/**
 * The `blameless` rule's words: every list in one place, each entry with the suggestion its
 * message gives. test/unit/blameless.test.ts holds a sentence per entry that must be flagged and,
 * where useful, a near miss that must not. A team adds and removes words in `.postmortemrc.json`
 * (`"blameless": { "add": { "roles", "verbs", "phrases" }, "remove": [...] }`).
 *
 * Words are matched as whole words, case-insensitively, whatever the punctuation between them
 * (`on-call` and `on call` are different entries). An entry's first form is its name.
 */
export interface BlameEntry {
  /** The forms matched, the first one naming the entry: ["forgot", "forgot to", "had forgotten"]. */
  words: readonly string[];
  /** What to ask or write instead, in the imperative, completing "…blames a person: ". */
  suggestion: string;
  /** Words right after the match that make it not a judgement of a person ("didn't *get* paged"). */
  unless?: readonly string[];
  /**
   * Words of which one must follow within the quoted words for a one-word form to judge ("obviously
   * *wrong*", not "it can also obviously cause side effects"); forms of two words or more need none.
   */
  near?: readonly string[];
}

/**
 * Roles that stand for one person. A role is a subject only after a determiner ("the", "a", "our",
 * "that"; up to two words between, "the new on-call engineer"), except `bare` ones ("ops", "someone", "he").
 */
export interface RoleEntry {
  words: readonly string[];
  bare?: boolean;
}

export const ROLES: readonly RoleEntry[] = [
  { words: ['on-call engineer', 'on-call', 'oncall', 'on call engineer', 'on-call person', 'on-caller', 'oncall engineer', 'on-call SRE', 'on-call developer'] },
  { words: ['engineer', 'software engineer', 'SRE', 'site reliability engineer', 'responder', 'first responder'] },
  { words: ['developer', 'programmer'] },
  { words: ['intern', 'new hire', 'junior engineer', 'junior developer', 'contractor'] },
  { words: ['DBA', 'database administrator'] },
  { words: ['ops', 'ops engineer', 'ops person'], bare: true },
  { words: ['sysadmin', 'admin', 'administrator', 'system administrator'] },
  { words: ['release manager', 'release engineer', 'deployer'] },
  { words: ['reviewer', 'code reviewer', 'approver'] },
  { words: ['incident commander', 'incident manager'] },
  { words: ['manager', 'team lead', 'tech lead'] },
  { words: ['person', 'individual', 'employee', 'team member', 'staff member'] },
  { words: ['someone', 'somebody', 'he', 'she'], bare: true },
];

/** Words that let a role follow them as its determiner ("the developer", "our intern"). */
export const DETERMINERS: readonly string[] = ['the', 'a', 'an', 'our', 'one', 'that', 'this', 'their', 'his', 'her', 'another', 'my'];

/**
 * Words that may stand between a determiner and its role ("the new on-call engineer"). Only these:
 * "the package manager" and "the Kubernetes operator" are software.
 */
export const ROLE_ADJECTIVES: readonly string[] = ['new', 'junior', 'senior', 'lead', 'primary', 'secondary', 'backup', 'responding', 'on-call', 'oncall', 'same', 'other', 'only', 'first', 'second', 'remaining', 'human'];

/** Words that may stand between a person and an error verb: "the engineer *then* forgot". */
export const ADVERBS: readonly string[] = ['also', 'then', 'apparently', 'again', 'initially', 'still', 'later', 'first'];

/** Words shortly before a blame noun or a counterfactual that deny it: "it was *not* human error". */
export const NEGATIONS: readonly string[] = ['not', 'no', 'never', "wasn't", "isn't", "weren't", 'without', 'nor', 'than', 'rather', 'instead', 'neither'];

/** Possessive pronouns that make a person the owner of a blame noun ("his mistake"). */
export const POSSESSIVE_PRONOUNS: readonly string[] = ['his', 'her', 'my', 'their'];

/** Error verbs: flagged after a person (a name or a role) as their subject, "Alex forgot to drain the node". */
export const VERBS: readonly BlameEntry[] = [
  { words: ['forgot', 'forgot to', 'had forgotten', 'forgets'], suggestion: 'ask what made the step easy to skip' },
  { words: ['failed to', 'had failed to', 'fails to'], suggestion: 'ask what stood in the way', unless: ['receive', 'get', 'be'] },
  { words: ['caused', 'causes', 'had caused'], suggestion: 'name the conditions that let one action have this effect' },
  { words: ['broke', 'breaks', 'had broken'], suggestion: 'ask what let one change break it unnoticed' },
  { words: ['should have noticed', 'should have caught', 'should have spotted', 'should have seen', "should've caught", "should've noticed"], suggestion: 'ask what would have made it visible' },
  { words: ['should have', "should've", 'ought to have'], suggestion: 'say what the person knew at the time and what would have helped', unless: ['been', 'had', 'received'] },
  { words: ["didn't", 'did not', 'had not', "hadn't"], suggestion: 'ask what made it hard to do at the time', unless: ['have', 'get', 'receive', 'know', 'see', 'hear', 'need', 'yet', 'been', 'exist', 'expect', 'want', 'mean', 'realise', 'realize', 'access', 'hesitate', 'panic'] },
  { words: ['missed', 'overlooked'], suggestion: 'ask what made it easy to miss' },
  { words: ['ignored', 'disregarded'], suggestion: 'ask why the signal did not look urgent enough' },
  { words: ['neglected', 'neglected to'], suggestion: 'ask what competed for the person\'s attention' },
  { words: ['skipped', 'bypassed'], suggestion: 'ask what made skipping the step the easy path' },
  { words: ['accidentally', 'mistakenly', 'inadvertently', 'carelessly', 'wrongly', 'erroneously'], suggestion: 'describe the action and what made the wrong outcome possible' },
  { words: ['messed up', 'screwed up', 'botched', 'bungled', 'fat-fingered', 'fat fingered'], suggestion: 'describe the action and what made the slip possible' },
  { words: ['made a mistake', 'made an error', 'made the mistake', 'made a typo'], suggestion: 'describe the action and what made the slip easy' },
  { words: ['misconfigured', 'mistyped', 'misread'], suggestion: 'describe the change and what would have caught it' },
  { words: ['just had to', 'simply had to', 'only had to', 'just needed to', 'simply needed to', 'only needed to'], suggestion: 'say what made the step hard to take at the time' },
  { words: ['was careless', 'was not careful', "wasn't careful", 'was not paying attention', "wasn't paying attention", 'was negligent'], suggestion: 'describe the conditions the person was working in' },
];

/**
 * Blame nouns: flagged anywhere in the narrative ("human error"), or, for `possessive` ones, after a
 * person's possessive ("Alex's mistake", "the developer's fault", "his fault").
 */
export interface NounEntry extends BlameEntry {
  possessive?: boolean;
}

export const NOUNS: readonly NounEntry[] = [
  { words: ['human error', 'human errors', 'human mistake'], suggestion: 'name the conditions that made the error possible' },
  { words: ['operator error', 'user error', 'pilot error', 'engineer error'], suggestion: 'name the conditions that made the error possible' },
  { words: ['carelessness', 'careless', 'sloppiness', 'sloppy', 'inattention', 'lack of attention'], suggestion: 'describe the conditions the person was working in', unless: ['mode'] },
  { words: ['negligence', 'negligent'], suggestion: 'describe the conditions the person was working in' },
  { words: ['incompetence', 'incompetent'], suggestion: 'describe what the person knew and what support they had' },
  { words: ['fault'], possessive: true, suggestion: 'name what in the system allowed it', unless: ['handling', 'tolerance', 'tolerant', 'injection', 'domain', 'domains', 'detection', 'isolation', 'code', 'codes', 'zone', 'zones', 'line', 'lines', 'condition', 'conditions'] },
  { words: ['mistake', 'oversight'], possessive: true, suggestion: 'name what in the system made the slip possible' },
];

/** Counterfactual judgement: hindsight that says what someone "should" have seen. Flagged anywhere but after "we". */
export const COUNTERFACTUALS: readonly BlameEntry[] = [
  { words: ['should have known', "should've known", 'ought to have known', 'should have realised', 'should have realized'], suggestion: 'say what the person knew at the time' },
  { words: ['obviously', 'should have been obvious', 'it was obvious that'], suggestion: 'say what made it hard to see at the time', near: ['wrong', 'bad', 'risky', 'should', "shouldn't", 'incorrect', 'mistake', 'dangerous', 'unsafe', 'stupid', 'foolish', 'unwise', 'careless'] },
  { words: ['clearly should', 'clearly should have', 'clearly ought to'], suggestion: 'say what the person knew at the time' },
  { words: ['could have simply', 'could simply have', 'should simply have', 'should have simply', 'could have just', 'should have just'], suggestion: 'say what made the step hard to take at the time' },
  { words: ['no excuse', 'inexcusable'], suggestion: 'describe what made the outcome possible' },
];

/** Subjects that are the team, never one person: a verb after them is never flagged, nor a counterfactual. */
export const TEAM_WORDS: readonly string[] = ['we'];

/** Words a message's quote does not end on ("…dropped it *while*"): it quotes the judged words and up to three after them. */
export const TRAILING_WORDS: readonly string[] = ['the', 'a', 'an', 'to', 'for', 'of', 'in', 'on', 'at', 'by', 'with', 'from', 'while', 'and', 'or', 'but', 'that', 'which', 'when', 'as', 'so', 'because', 'before', 'after'];

/** The suggestions for words a team adds in `.postmortemrc.json`. */
export const ADDED_VERB_SUGGESTION = 'ask what in the system made this possible';
export const ADDED_PHRASE_SUGGESTION = 'describe what in the system made this possible';

/** Why blameless wording matters: the hover on a finding. */
export const BLAMELESS_WHY =
  'Blameless wording keeps the review on the system. A sentence that makes a person the cause ends the inquiry at them, and the next person in the same place makes the same slip; people who expect blame report less and leave out what they did, which is exactly what the review needs. Say what the person saw and knew at the time, and what in the tools, process or context made the action reasonable or the slip easy.';
