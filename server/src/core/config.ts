import Ajv from 'ajv';
import schema from '../../../schemas/postmortemrc.schema.json';
import { defaultRequiredSections } from './template';
import { DEFAULT_SEVERITIES, type EventKind, TICKET_PREFIX_PATTERN, TICKET_URL_PATTERN } from './vocabulary';

export type RuleLevel = 'off' | 'hint' | 'info' | 'warning' | 'error';

/** `.postmortemrc.json`: every key optional; what is missing takes the default. */
export interface Config {
  /** Per-rule level, overriding the rule's own (which may follow the document's status). */
  rules: Partial<Record<string, RuleLevel>>;
  /** Sections a post-mortem that follows the template must have, as the template names them. */
  requiredSections: string[];
  /** Allowed values of the Severity field. */
  severities: string[];
  /** Set when `.postmortemrc.json` gives `severities`: then every post-mortem's Severity is checked, not only ours. */
  severitiesGiven?: boolean;
  /** People who own action items, offered when an owner is missing. */
  owners: string[];
  /** The team's template, a path relative to the configuration file it is set in. */
  template?: string;
  /** The team's own words for a timeline's events, added to `EVENT_WORDS`. */
  events?: Partial<Record<EventKind, string[]>>;
  /**
   * Where a ticket ID links: one URL template for every ID, or one per prefix (`PROJ`, `GH`, `#`,
   * and `*` for the others). `{id}` is the ID as written (`PROJ-123`; `123` for `#123`), `{n}` its number.
   */
  ticketUrl?: TicketUrl;
  /** The team's own words for a done action item's status (`Deployed`), added to `DONE_STATUSES`. */
  doneStatuses?: string[];
  /** The team's changes to the `blameless` rule's words (core/blameless-words.ts). */
  blameless?: BlamelessWords;
}

/** Words added to the `blameless` rule's lists, and words (of any list, as listed) removed from them. */
export interface BlamelessWords {
  add?: { roles?: string[]; verbs?: string[]; phrases?: string[] };
  remove?: string[];
}

export type TicketUrl = string | Partial<Record<string, string>>;

export const CONFIG_FILE_NAME = '.postmortemrc.json';

export function defaultConfig(): Config {
  return { rules: {}, requiredSections: defaultRequiredSections(), severities: [...DEFAULT_SEVERITIES], owners: [] };
}

/** What a schema pattern asks for, in words: ajv would only quote the pattern. */
const PATTERN_REASONS: Readonly<Record<string, string>> = {
  [TICKET_URL_PATTERN]: 'is not a ticket URL template: give an http(s) URL with {id} or {n} where the ticket goes',
  [TICKET_PREFIX_PATTERN]: 'is not a ticket prefix: use capitals and digits (PROJ, GH), # or *',
};

let validate: ReturnType<Ajv['compile']> | undefined;

/** How many of a file's schema errors are reported. */
const MAX_PROBLEMS = 5;

/**
 * Reads a configuration file's text. A file that is not JSON or does not match the schema is
 * reported (the reason, with its line where JSON gives one) and the defaults are used instead.
 */
export function parseConfig(text: string): { config: Config; problems: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { config: defaultConfig(), problems: [`not valid JSON: ${jsonError(e as Error, text)}`] };
  }
  validate ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
  if (!validate(data)) {
    const errors = validate.errors ?? [];
    // Every item of a long list may be wrong: the first few say what to fix.
    const problems = errors.slice(0, MAX_PROBLEMS).map((err): string | undefined => {
      const where = err.instancePath ? `"${err.instancePath.slice(1).replace(/\//g, '.')}"` : 'the top level';
      const allowed = (err.params as { allowedValues?: unknown[] }).allowedValues;
      const extra = (err.params as { additionalProperty?: string }).additionalProperty;
      const detail = allowed ? `: use one of ${allowed.join(', ')}` : extra ? `: "${extra}" is not a known setting` : '';
      const reason = err.keyword === 'pattern' || err.keyword === 'propertyNames' ? PATTERN_REASONS[(err.params as { pattern?: string }).pattern ?? ''] : undefined;
      if (err.keyword === 'propertyNames') return undefined;
      const key = err.propertyName === undefined ? '' : ` key "${err.propertyName}"`;
      return reason ? `${where}${key} ${reason}` : `${where} ${err.message}${detail}`;
    }).filter((p) => p !== undefined);
    if (errors.length > MAX_PROBLEMS) problems.push(`and ${errors.length - MAX_PROBLEMS} more problems`);
    return { config: defaultConfig(), problems };
  }
  const given = data as Partial<Config>;
  return { config: { ...defaultConfig(), ...given, rules: { ...given.rules }, ...(given.severities ? { severitiesGiven: true } : {}) }, problems: [] };
}

/** Settings from the editor first, then the file beside the document on top. */
export function mergeConfig(base: Config, over: Partial<Config>): Config {
  return {
    rules: { ...base.rules, ...over.rules },
    requiredSections: over.requiredSections ?? base.requiredSections,
    severities: over.severities ?? base.severities,
    ...(over.severitiesGiven || base.severitiesGiven ? { severitiesGiven: true } : {}),
    owners: [...new Set([...(over.owners ?? []), ...base.owners])],
    ...((over.template ?? base.template) === undefined ? {} : { template: over.template ?? base.template }),
    ...(over.events ?? base.events ? { events: over.events ?? base.events } : {}),
    ...((over.ticketUrl ?? base.ticketUrl) === undefined ? {} : { ticketUrl: over.ticketUrl ?? base.ticketUrl }),
    ...(over.doneStatuses || base.doneStatuses ? { doneStatuses: [...new Set([...(base.doneStatuses ?? []), ...(over.doneStatuses ?? [])])] } : {}),
    ...(over.blameless ?? base.blameless ? { blameless: over.blameless ?? base.blameless } : {}),
  };
}

function jsonError(e: Error, text: string): string {
  const m = /position (\d+)/.exec(e.message);
  if (!m) return e.message;
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${withoutPosition(e.message)} at line ${line}, column ${column}`;
}

/** The parser's message without the position it states, which the caller restates as line and column. */
function withoutPosition(message: string): string {
  const at = /in JSON at position \d/.exec(message);
  if (at && !/[\n\r\u2028\u2029]/.test(message.slice(at.index))) return message.slice(0, at.index).trimEnd();
  const stated = /\(line \d+ column \d+\)$/.exec(message);
  return stated ? message.slice(0, stated.index).trimEnd() : message;
}
