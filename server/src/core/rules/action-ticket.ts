import type { Rule } from '../rule';
import { actionLabel } from '../action-label';
import { hasTicket, urgentPriority } from '../tickets';
import { isPlaceholder, plainText } from '../vocabulary';

/**
 * A Critical or High (P0, P1) open action item without a ticket, once the document has left
 * Draft: silent in a Draft, as `signoff` is until the document is finished.
 */
export const actionTicket: Rule = {
  id: 'action-ticket',
  description: 'A Critical or High priority action item without a ticket, once the document leaves Draft.',
  details:
    'An open action item whose Priority is Critical, High, P0 or P1 and whose Ticket (Issue, Jira, Bug) cell is empty, `TBD`, `-` or `N/A`, in a table that has a ticket column (a table without one does not track tickets). A placeholder there is left to `placeholder`. Silent while the Status is Draft (or not given); done items are left alone.',
  // Silent in a Draft, so only ever an error, as signoff is.
  severity: 'error',
  check({ model, src }) {
    const { status, statusValue } = model.metadata;
    if (!status || statusValue === 'Draft') return [];
    return model.actionItems.flatMap((item) => {
      const priority = urgentPriority(item);
      // A placeholder in the ticket cell is the `placeholder` rule's to report.
      // A table without a ticket column is a format that does not track tickets.
      if (item.done || !priority || (item.source === 'table' && !item.ticket) || hasTicket(item, src) || (item.ticket && isPlaceholder(plainText(item.ticket.text)))) return [];
      const where = item.ticket?.text ? item.ticket : (item.action ?? item.priority);
      if (!where) return [];
      return [{
        range: where.range,
        message: `${actionLabel(item)} is ${priority} priority and has no ticket: file one so it can be tracked.`,
      }];
    });
  },
};
