import { posix } from 'node:path';

/** What a link clicked in the preview opens. The preview itself never navigates. */
export type LinkTarget =
  /** A web or mail address, for the system to open. */
  | { kind: 'external'; href: string }
  /** A file, by the path of its `file:` URI, to open in the editor. */
  | { kind: 'file'; path: string }
  /** Nothing: a link to a place in the preview (`#fragment`). */
  | { kind: 'none' }
  /** Nothing, and worth a line in the log: a scheme or a place the preview does not open. */
  | { kind: 'refused'; reason: string };

const EXTERNAL = /^(?:https?|mailto):/i;
const SCHEME = /^[a-z][a-z\d+.-]*:/i;

/**
 * Decides what `href`, from a link in the preview of `document` (its URI's scheme and path), opens.
 * Links are the document's text, so only what is harmless to follow is: web and mail addresses,
 * and files inside the workspace `folders` (URI paths), or beside a document that is in none.
 * A relative path is the document's folder's; one starting with `/` its workspace folder's.
 */
export function linkTarget(href: string, document: { scheme: string; path: string }, folders: string[]): LinkTarget {
  const link = href.trim();
  if (link === '' || link.startsWith('#')) return { kind: 'none' };
  if (EXTERNAL.test(link)) return { kind: 'external', href: link };
  let path: string;
  if (/^file:/i.test(link)) {
    const url = URL.canParse(link) ? new URL(link) : undefined;
    if (!url || url.host) return { kind: 'refused', reason: 'not a local file' };
    path = url.pathname;
  } else if (SCHEME.test(link) || link.startsWith('//')) {
    return { kind: 'refused', reason: 'not a web, mail or file link' };
  } else {
    if (document.scheme !== 'file') return { kind: 'refused', reason: 'the document is not saved, so relative links lead nowhere' };
    const base = link.startsWith('/') ? folders.find((f) => inside(document.path, f)) : posix.dirname(document.path);
    if (base === undefined) return { kind: 'refused', reason: 'the document is in no workspace folder' };
    path = posix.join(base, link.replace(/[?#].*/s, ''));
  }
  try {
    path = posix.normalize(decodeURIComponent(path));
  } catch {
    return { kind: 'refused', reason: 'malformed escape' };
  }
  const loose = document.scheme === 'file' && !folders.some((f) => inside(document.path, f));
  const roots = loose ? [...folders, posix.dirname(document.path)] : folders;
  return roots.some((root) => inside(path, root)) ? { kind: 'file', path } : { kind: 'refused', reason: 'outside the workspace' };
}

function inside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
}
