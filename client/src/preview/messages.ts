import type { PreviewToExtension } from '../../../shared/protocol';

const isLine = (line: unknown) => Number.isInteger(line) && (line as number) >= 0;

/** A message from the webview if it is one of ours, well formed: the page shows the document's text, so its messages are checked like input. */
export function previewMessage(data: unknown): PreviewToExtension | undefined {
  const message = (data ?? {}) as Record<string, unknown>;
  switch (message.type) {
    case 'reveal':
    case 'scrolled':
      return isLine(message.line) ? { type: message.type, line: message.line as number } : undefined;
    case 'resync':
      return { type: 'resync' };
    case 'open-link':
      return typeof message.href === 'string' ? { type: 'open-link', href: message.href } : undefined;
    default:
      return undefined;
  }
}
