import { fileURLToPath } from 'node:url';

/** The path a URI names, matched against the file globs: a file path for `file:`, the URL's path otherwise. */
export function uriPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : decodeURIComponent(new URL(uri).pathname) || undefined;
  } catch {
    return undefined;
  }
}
