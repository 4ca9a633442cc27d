import type { Analysis } from '../core/analyze';
import type { TicketUrl } from '../core/config';
import { ticketTarget } from '../core/features/links';
import { ticketRefs } from '../core/tickets';
import type { Span } from '../core/text';
import { priorityOf } from '../core/metrics';
import type { ActionItem } from '../core/model';
import { isMissingOwner } from '../core/owners';
import { daysOverdue } from '../core/overdue';
import { count, dataLine, escapeHtml, inlineHtml, readableText } from './html';

/** Priorities in the order a reader acts on them; others after these, Unset last. */
const RANK = [/^(critical|p0|sev\s*0)$/i, /^(high|p1|sev\s*1)$/i, /^(medium|p2|sev\s*2)$/i, /^(low|p3|sev\s*3)$/i, /^(p4|sev\s*4)$/i];
const GROUPS: Record<ActionItem['group'], string> = { 'short-term': 'Short-term', 'long-term': 'Long-term', process: 'Process', other: '' };
const NO_OWNER = 'No owner';

/**
 * Action items grouped by priority, with owner and due date; items without an owner or past due
 * (before `today`, YYYY-MM-DD) highlighted; then how many items each owner holds.
 */
export function actionItemsSection({ model, metrics, config }: Analysis, today?: string): string {
  const items = model.actionItems;
  if (!items.length) return '<section class="card actions" aria-label="Action items"><h2>Action items</h2><p class="empty">No action items found: tables with an Owner column and lists under an Action Items, Next steps or Follow-ups heading give them.</p></section>';
  const late = new Set(items.filter((i) => pastDue(i, today)));
  const { total, open, withoutOwner, byPriority } = metrics.actionItems;
  const summary = [
    count(total, 'item'),
    ...(open < total ? [`${open} open`] : []),
    `<span class="${withoutOwner ? 'flag no-owner' : ''}">${withoutOwner} without owner</span>`,
    ...(today ? [`<span class="${late.size ? 'flag past-due' : ''}">${late.size} past due on ${escapeHtml(today)}</span>`] : []),
  ].join(' · ');
  const groups = Object.keys(byPriority)
    .sort((a, b) => rank(a) - rank(b))
    .map((priority) => {
      const rows = items.filter((i) => priorityOf(i) === priority).map((i) => itemHtml(i, late.has(i), config.ticketUrl));
      return `<section class="priority" data-priority="${escapeHtml(priority)}"><h3>${escapeHtml(priority)} <span class="count">${byPriority[priority]}</span></h3>\n<ul>\n${rows.join('\n')}\n</ul></section>`;
    });
  return `<section class="card actions" aria-label="Action items"><h2>Action items</h2>
<p class="summary">${summary}</p>
${groups.join('\n')}
${ownerCounts(items, today ? late : undefined)}</section>`;
}

function itemHtml(item: ActionItem, late: boolean, ticketUrl: TicketUrl | undefined): string {
  const noOwner = !item.done && isMissingOwner(item.owner?.text);
  const due = item.due?.text ? inlineHtml(item.due.text) : '';
  const where = [GROUPS[item.group] || item.tableTitle, `#${item.number}`].join(' ');
  const cls = ['action', ...(item.done ? ['done'] : []), ...(noOwner ? ['no-owner'] : []), ...(late ? ['past-due'] : [])].join(' ');
  return `<li class="${cls}"${dataLine(item.line)}><span class="what"><span class="number">${escapeHtml(where)}</span> ${inlineHtml(item.action?.text ?? '') || '<em>No action written</em>'}</span>
<span class="meta">${item.done ? '<span class="state">Done</span> ' : ''}<span class="owner">${noOwner ? `<span class="flag">${NO_OWNER}</span>${item.owner?.text ? ` (${inlineHtml(item.owner.text)})` : ''}` : inlineHtml(item.owner?.text ?? '')}</span>${
    due ? ` <span class="due">${late ? '<span class="flag">Past due</span> ' : 'Due '}${due}</span>` : ''
  }${item.ticket?.text ? ` <span class="ticket">${ticketHtml(item.ticket, ticketUrl)}</span>` : ''}</span></li>`;
}

/**
 * A ticket cell with its IDs linked as the editor links them (`ticketUrl`) and its URLs linked;
 * the webview opens links through the extension, as the document's own.
 */
function ticketHtml(cell: Span, ticketUrl: TicketUrl | undefined): string {
  const refs = ticketRefs(cell);
  const links = refs.flatMap((ref) => {
    const href = ref.url ? ref.text : ticketUrl && ticketTarget(ref.text, ref.prefix, ref.number, ticketUrl);
    return href ? [{ ref, href }] : [];
  });
  // A Markdown link already says where it goes: shown as text, as before.
  if (!links.length || cell.text.includes('](')) return inlineHtml(cell.text);
  const from = cell.range.start.character;
  let html = '';
  let at = 0;
  for (const { ref, href } of links) {
    const start = ref.range.start.character - from;
    html += `${escapeHtml(cell.text.slice(at, start))}<a href="${escapeHtml(href)}">${escapeHtml(ref.text)}</a>`;
    at = start + ref.text.length;
  }
  return html + escapeHtml(cell.text.slice(at));
}

/** Items per owner, the most loaded first; items nobody owns are counted under "No owner". Past due only given a day. */
function ownerCounts(items: ActionItem[], late: Set<ActionItem> | undefined): string {
  const owners = new Map<string, { items: number; late: number }>();
  for (const item of items) {
    const owner = isMissingOwner(item.owner?.text) ? NO_OWNER : readableText(item.owner!.text);
    if (item.done && owner === NO_OWNER) continue;
    const entry = owners.get(owner) ?? { items: 0, late: 0 };
    entry.items++;
    if (late?.has(item)) entry.late++;
    owners.set(owner, entry);
  }
  const rows = [...owners]
    .sort(([a, x], [b, y]) => y.items - x.items || a.localeCompare(b))
    .map(([owner, n]) => `<tr class="${owner === NO_OWNER ? 'no-owner' : ''}" data-owner="${escapeHtml(owner)}"><td>${escapeHtml(owner)}</td><td class="num">${n.items}</td>${late ? `<td class="num${n.late ? ' late' : ''}">${n.late}</td>` : ''}</tr>`);
  return `<table class="owners"><caption>Items per owner</caption><thead><tr><th>Owner</th><th class="num">Items</th>${late ? '<th class="num">Past due</th>' : ''}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function pastDue(item: ActionItem, today: string | undefined): boolean {
  return today !== undefined && daysOverdue(item, today) !== undefined;
}

function rank(priority: string): number {
  const known = RANK.findIndex((re) => re.test(priority));
  return priority === 'Unset' ? RANK.length + 1 : known < 0 ? RANK.length : known;
}
