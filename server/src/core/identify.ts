import { type PathMatcher, compileGlobs } from './glob';
import type { PostMortem } from './model';
import { frontMatterTitle } from './front-matter';
import { SETTING_DEFAULTS } from './setting-defaults';

/** The default of `postmortem.files` (package.json): what the CLI and the server match when not told otherwise. */
export const DEFAULT_FILE_GLOBS: string[] = SETTING_DEFAULTS.files;

/** How much of a document's text identification reads: a post-mortem says what it is in its first lines. */
export const IDENTIFY_PREFIX_CHARS = 4096;

/**
 * A title naming one post-mortem: "Post-Mortem: DNS outage", "Incident Review", "Incident report
 * August 12 2025", "Incident on 2021-07-12 - …", "Post-incident review", "Root cause analysis",
 * "March 26th, 2019 Boskos Outage"; not "Our post-mortems" nor "Incident reports", which list them.
 */
const TITLE = /post.?mortem(?!s)|post.?incident review(?!s)|incident (?:review|report)(?!s)|incident on\b|root cause analysis|\boutage(?!s)\b/i;
/** The acronyms, in capitals only: "RCA: checkout errors", "PIR – DNS". */
const TITLE_ACRONYM = /\b(?:PIR|RCA)\b/;
/** A title about post-mortems rather than one: "Post-mortem template", "Outage runbook", "Incident review process". */
const ABOUT_THEM = /\b(?:templates?|runbooks?|playbooks?|procedures?|polic(?:y|ies)|guides?|guidelines|checklists?|how to|index|list of)\b/i;
/** `# Title`, and the underline of a setext `Title\n=====`. */
const ATX_H1 = /^ {0,3}#(?:[ \t]|$)/;
const SETEXT_H1 = /^ {0,3}=+[ \t]*$/;
/** An Incident ID (number, #) label: `| **Incident ID** |`, `> **Incident ID:**`, `- Incident number:`. */
const INCIDENT_ID_LABEL = /^[ \t>]*(?:[-*+|][ \t]*)?(?:\*\*|__)?incident[^a-z0-9#\n]{1,3}(?:id|number|#)(?![a-z0-9])/i;
/**
 * Files that are never a post-mortem whatever folder they are in: a folder's README, its index or
 * table of contents, a changelog, and a template (`template.md`, `postmortem-template.md`: the
 * template is not itself a post-mortem; a dated `2024-01-01-template-engine-outage.md` is one).
 */
const NOT_A_POST_MORTEM = /^(?:readme|changelog|changes|contributing|license|licence|code_of_conduct|security|index|summary|toc|_index|_sidebar)(?:\.[a-z]+)*$|^\D.*template|^template/i;

const matchers = new Map<string, PathMatcher>();

/** What a face knows about a document's surroundings beyond its path. */
export interface IdentifyOptions {
  /** The document sits beside (or below) the team's post-mortem template: the template module says so. */
  nearTemplate?: boolean;
}

/** Whether a path (any separators, any drive) matches the globs, which must compile (see compileGlobs). */
export function pathMatches(path: string, globs: readonly string[] = DEFAULT_FILE_GLOBS): boolean {
  if (!globs.length) return false;
  const key = globs.join('\u0000');
  let match = matchers.get(key);
  if (!match) {
    const compiled = compileGlobs(globs);
    if ('problem' in compiled) throw new Error(compiled.problem);
    match = compiled.match;
    matchers.set(key, match);
  }
  return match(normalise(path));
}

function normalise(path: string): string {
  return path.replace(/\\/g, '/').replace(/^[a-z]:/i, '').replace(/^\/+/, '');
}

/** Whether the file's name says it is not a post-mortem: README, index, CHANGELOG, a template. */
export function isNotAPostMortemName(path: string): boolean {
  const p = normalise(path);
  return NOT_A_POST_MORTEM.test(p.slice(p.lastIndexOf('/') + 1).replace(/\.(?:md|markdown)$/i, ''));
}

/**
 * Identified by the path: a glob the team wrote itself (`postmortem.files` beyond the defaults)
 * decides first, whatever the file is called; then, unless the name says it is a README, an
 * index, a changelog or a template, the default globs (post-mortem names and folders such as
 * `postmortems/`, `incidents/`, `incident-reports/`, `rca/`) and a place beside the team's template.
 */
function identifiedByPath(path: string, globs: readonly string[], options: IdentifyOptions): boolean {
  const own = globs.filter((g) => !DEFAULT_FILE_GLOBS.includes(g));
  if (pathMatches(path, own)) return true;
  if (isNotAPostMortemName(path)) return false;
  return pathMatches(path, own.length === globs.length ? [] : globs.filter((g) => DEFAULT_FILE_GLOBS.includes(g))) || options.nearTemplate === true;
}

/** Whether a title names one post-mortem (see TITLE), not a page about them. */
export function isPostMortemTitle(title: string): boolean {
  return (TITLE.test(title) || TITLE_ACRONYM.test(title)) && !ABOUT_THEM.test(title);
}

/**
 * What decides whether a document is analysed at all, reading only its path and the first
 * IDENTIFY_PREFIX_CHARS of its text, in one linear pass: the path (see identifiedByPath), or a
 * title there (an H1, or a front matter `title:`) naming one post-mortem, or a line there that is
 * an Incident ID field. It may admit a document the model then does not confirm (see
 * isPostMortem); never the reverse within the prefix.
 */
export function identify(text: string, path: string | undefined, globs: readonly string[] = DEFAULT_FILE_GLOBS, options: IdentifyOptions = {}): 'path' | 'content' | undefined {
  if (path !== undefined && identifiedByPath(path, globs, options)) return 'path';
  if (path !== undefined && isNotAPostMortemName(path)) return undefined;
  const lines = text.slice(0, IDENTIFY_PREFIX_CHARS).split('\n');
  const named = frontMatterTitle(lines);
  if (named && isPostMortemTitle(named.text)) return 'content';
  const found = lines.some((line, i) => INCIDENT_ID_LABEL.test(line) || ((ATX_H1.test(line) || SETEXT_H1.test(lines[i + 1] ?? '')) && isPostMortemTitle(line)));
  return found ? 'content' : undefined;
}

/**
 * A Markdown document is a post-mortem when its path says so (see identifiedByPath), or its
 * content does: an H1 or a front matter title naming one post-mortem, or an Incident ID in its
 * metadata. A README, an index, a changelog or a template is not, unless a glob the team wrote names it.
 */
export function isPostMortem(model: PostMortem, path?: string, globs: readonly string[] = DEFAULT_FILE_GLOBS, options: IdentifyOptions = {}): boolean {
  if (path !== undefined && identifiedByPath(path, globs, options)) return true;
  if (path !== undefined && isNotAPostMortemName(path)) return false;
  return isPostMortemTitle(model.title?.text ?? '') || isPostMortemTitle(model.frontMatterTitle?.text ?? '') || model.metadata.incidentId !== undefined;
}
