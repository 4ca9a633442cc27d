import type { ActionItem } from './model';
import { type Range, type SourceText, type Span, span } from './text';
import { isMissingOwner } from './owners';
import { plainText } from './vocabulary';

/** A ticket an action item names: an ID (`PROJ-123`, `GH-45`, `#123`) or a URL. */
export interface TicketRef {
  /** As written: `PROJ-123`, `#123`, `https://…`. */
  text: string;
  /** `PROJ` for `PROJ-123`, `#` for `#123`; undefined for a URL. */
  prefix?: string;
  /** The number: `123`. */
  number?: string;
  range: Range;
  url?: boolean;
}

const ID = /(?<![\w#/.-])(?:([A-Z][A-Z0-9]{1,9})-(\d{1,9})|#(\d{1,9}))(?![\w-])/gy;
const URL_AT = /https?:\/\/[^\s<>()|`"']+/y;

/** Names of standards and algorithms written like a ticket ID (`UTF-8`, `SHA-256`): not tickets in running text. */
const NOT_TICKETS = new Set(['UTF', 'UCS', 'SHA', 'MD', 'ISO', 'IEC', 'IEEE', 'RFC', 'TLS', 'SSL', 'HTTP', 'IPV', 'AES', 'RSA', 'CRC', 'ES', 'ECMA', 'COVID', 'TCP', 'UDP', 'SEV']);

/**
 * The ticket references in a span, left to right: IDs written as a tracker writes them
 * (`PROJ-123`, `#123`, `GH-45`) and http(s) URLs. One linear scan of the span. In running text
 * (`freeText`, a list item), names like `UTF-8` and `SHA-256` are not taken for IDs.
 */
export function ticketRefs(span: Span, freeText = false): TicketRef[] {
  const refs: TicketRef[] = [];
  const { text } = span;
  const { line, character: start } = span.range.start;
  if (span.range.end.line !== line) return refs;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x68 /* h */ && (i === 0 || !/\w/.test(text[i - 1]))) {
      URL_AT.lastIndex = i;
      const m = URL_AT.exec(text);
      if (m) {
        const url = withoutTrailingPunctuation(m[0]);
        refs.push({ text: url, url: true, range: at(line, start + i, start + i + url.length) });
        i += m[0].length - 1;
        continue;
      }
    }
    if (c === 0x23 /* # */ || (c >= 0x41 && c <= 0x5a)) {
      ID.lastIndex = i;
      const m = ID.exec(text);
      if (m) {
        if (!(freeText && m[1] && NOT_TICKETS.has(m[1]))) refs.push({ text: m[0], prefix: m[1] ?? '#', number: m[2] ?? m[3], range: at(line, start + i, start + i + m[0].length) });
        i += m[0].length - 1;
      }
    }
  }
  return refs;
}

/** A URL without the sentence's punctuation after it: `https://x/1.` → `https://x/1`. */
function withoutTrailingPunctuation(url: string): string {
  let end = url.length;
  while (end > 0 && '.,;:!?]*_'.includes(url[end - 1])) end--;
  return url.slice(0, end);
}

function at(line: number, s: number, e: number): Range {
  return { start: { line, character: s }, end: { line, character: e } };
}

/** Where an item's tickets are written: its ticket cell, or, for a list item, its line from the action on (owner and all). */
export function ticketSpan(item: ActionItem, src: SourceText): Span | undefined {
  if (item.ticket) return item.ticket;
  if (item.source !== 'list' || !item.action || item.action.range.start.line !== item.line) return undefined;
  const line = src.lines[item.line];
  return span(item.line, line, item.action.range.start.character, line.length);
}

/** Whether an action item names a ticket: a filled ticket cell, or a ticket ID or URL in a list item. */
export function hasTicket(item: ActionItem, src: SourceText): boolean {
  // An empty cell, a placeholder, `TBD`, `-` or `N/A` names no ticket.
  if (item.ticket) return !isMissingOwner(item.ticket.text);
  const text = ticketSpan(item, src);
  return !!text && ticketRefs(text, true).length > 0;
}

/** Critical and High, P0 and P1: the priorities whose action items need a ticket. */
export function urgentPriority(item: ActionItem): string | undefined {
  const text = plainText(item.priority?.text ?? '').trim();
  const m = /^(critical|high|p0|p1)\b/i.exec(text);
  if (!m) return undefined;
  const word = m[1].toLowerCase();
  return word === 'critical' || word === 'high' ? word[0].toUpperCase() + word.slice(1) : m[1].toUpperCase();
}
