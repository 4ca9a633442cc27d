import { type PathMatcher, compileGlobs } from './glob';
import type { PostMortem } from './model';
import { SETTING_DEFAULTS } from './setting-defaults';

/** The default of `postmortem.files` (package.json): what the CLI and the server match when not told otherwise. */
export const DEFAULT_FILE_GLOBS: string[] = SETTING_DEFAULTS.files;

/** How much of a document's text identification reads: a post-mortem says what it is in its first lines. */
export const IDENTIFY_PREFIX_CHARS = 4096;

/** A title naming one post-mortem: "Post-Mortem: DNS outage", "Incident Review"; not "Our post-mortems". */
const TITLE = /post.?mortem(?!s)|incident review(?!s)/i;
/** `# Title`, and the underline of a setext `Title\n=====`. */
const ATX_H1 = /^ {0,3}#(?:[ \t]|$)/;
const SETEXT_H1 = /^ {0,3}=+[ \t]*$/;
/** An Incident ID (number, #) label: `| **Incident ID** |`, `> **Incident ID:**`, `- Incident number:`. */
const INCIDENT_ID_LABEL = /^[ \t>]*(?:[-*+|][ \t]*)?(?:\*\*|__)?incident[^a-z0-9#\n]{1,3}(?:id|number|#)(?![a-z0-9])/i;

const matchers = new Map<string, PathMatcher>();

/** Whether a path (any separators, any drive) matches the globs, which must compile (see compileGlobs). */
export function pathMatches(path: string, globs: readonly string[] = DEFAULT_FILE_GLOBS): boolean {
  const key = globs.join('\u0000');
  let match = matchers.get(key);
  if (!match) {
    const compiled = compileGlobs(globs);
    if ('problem' in compiled) throw new Error(compiled.problem);
    match = compiled.match;
    matchers.set(key, match);
  }
  return match(path.replace(/\\/g, '/').replace(/^[a-z]:/i, '').replace(/^\/+/, ''));
}

/**
 * What decides whether a document is analysed at all, reading only its path and the first
 * IDENTIFY_PREFIX_CHARS of its text, in one linear pass: the path matches the globs, or an H1
 * there says Post-Mortem, Postmortem or Incident Review, or a line there is an Incident ID field.
 * It may admit a document the model then does not confirm (see isPostMortem); never the reverse
 * within the prefix.
 */
export function identify(text: string, path: string | undefined, globs: readonly string[] = DEFAULT_FILE_GLOBS): 'path' | 'content' | undefined {
  if (path !== undefined && pathMatches(path, globs)) return 'path';
  const lines = text.slice(0, IDENTIFY_PREFIX_CHARS).split('\n');
  const found = lines.some((line, i) => INCIDENT_ID_LABEL.test(line) || (TITLE.test(line) && (ATX_H1.test(line) || SETEXT_H1.test(lines[i + 1] ?? ''))));
  return found ? 'content' : undefined;
}

/**
 * A Markdown document is a post-mortem when its path matches one of the globs, or its content
 * says so: an H1 with Post-Mortem, Postmortem or Incident Review, or an Incident ID in its metadata.
 */
export function isPostMortem(model: PostMortem, path?: string, globs: readonly string[] = DEFAULT_FILE_GLOBS): boolean {
  return (path !== undefined && pathMatches(path, globs)) || TITLE.test(model.title?.text ?? '') || model.metadata.incidentId !== undefined;
}
