import picomatch from 'picomatch';
import type { PostMortem } from './model';

export const DEFAULT_FILE_GLOBS = ['**/*post-mortem*.md', '**/*postmortem*.md', '**/postmortems/**/*.md', '**/post-mortems/**/*.md'];

/** A title naming one post-mortem: "Post-Mortem: DNS outage", "Incident Review"; not "Our post-mortems". */
const TITLE = /post.?mortem(?!s)|incident review(?!s)/i;

const matchers = new Map<string, (path: string) => boolean>();

/**
 * A Markdown document is a post-mortem when its path matches one of the globs, or its content
 * says so: an H1 with Post-Mortem, Postmortem or Incident Review, or an Incident ID in its metadata.
 */
export function isPostMortem(model: PostMortem, path?: string, globs: string[] = DEFAULT_FILE_GLOBS): boolean {
  return (path !== undefined && pathMatches(path, globs)) || TITLE.test(model.title?.text ?? '') || model.metadata.incidentId !== undefined;
}

function pathMatches(path: string, globs: string[]): boolean {
  const key = globs.join('\u0000');
  let match = matchers.get(key);
  if (!match) {
    match = picomatch(globs, { dot: true, nocase: true });
    matchers.set(key, match);
  }
  return match(path.replace(/\\/g, '/').replace(/^[a-z]:/i, '').replace(/^\/+/, ''));
}
