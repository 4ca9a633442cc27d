import type { InsightsToExtension } from '../../../shared/protocol';

/** A message from the Insights webview if it is one of ours, well formed: the page shows the documents' text, so its messages are checked like input. */
export function insightsMessage(data: unknown): InsightsToExtension | undefined {
  const message = (data ?? {}) as Record<string, unknown>;
  if (message.type !== 'open' || typeof message.uri !== 'string' || !Number.isInteger(message.line) || (message.line as number) < 0) return undefined;
  return { type: 'open', uri: message.uri, line: message.line as number };
}

/**
 * The file a link of the Insights page opens: a `file:` URI (no host) inside one of the workspace
 * `folders` (URI paths), as the index found it; anything else opens nothing.
 */
export function insightsTarget(uri: string, folders: readonly string[]): string | undefined {
  if (!/^file:/i.test(uri) || !URL.canParse(uri)) return undefined;
  const url = new URL(uri);
  if (url.host || url.search || url.hash) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (path.split('/').some((segment) => segment === '..' || segment === '.')) return undefined;
  return folders.some((f) => path.startsWith(f.endsWith('/') ? f : `${f}/`)) ? path : undefined;
}
