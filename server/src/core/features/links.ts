import type { TicketUrl } from '../config';
import type { PostMortem } from '../model';
import type { Range, SourceText } from '../text';
import { ticketRefs, ticketSpan } from '../tickets';

export interface DocumentLink {
  range: Range;
  target: string;
}

/**
 * The ticket IDs of the action items (their ticket cells, and list items' own text) as links,
 * through the configured `ticketUrl`: none without one, and none for an ID whose prefix has no
 * template. URLs are left to the editor, which links them already.
 */
export function ticketLinks(model: PostMortem, src: SourceText, ticketUrl: TicketUrl | undefined): DocumentLink[] {
  if (ticketUrl === undefined) return [];
  const links: DocumentLink[] = [];
  for (const item of model.actionItems) {
    const span = ticketSpan(item, src);
    if (!span) continue;
    for (const ref of ticketRefs(span, !item.ticket)) {
      const target = ticketTarget(ref.text, ref.prefix, ref.number, ticketUrl);
      if (target) links.push({ range: ref.range, target });
    }
  }
  return links;
}

/** The URL an ID links to, or undefined: a URL, or an ID whose prefix the configuration gives no template. */
export function ticketTarget(text: string, prefix: string | undefined, number: string | undefined, ticketUrl: TicketUrl): string | undefined {
  if (prefix === undefined || number === undefined) return undefined;
  const template = typeof ticketUrl === 'string' ? ticketUrl : ticketUrl[prefix] ?? ticketUrl['*'];
  if (!template) return undefined;
  const id = prefix === '#' ? number : text;
  return template.replace(/\{(id|n)\}/g, (_, name: string) => encodeURIComponent(name === 'id' ? id : number));
}
