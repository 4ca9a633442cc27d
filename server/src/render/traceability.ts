import type { Analysis } from '../core/analyze';
import { actionLabel } from '../core/action-label';
import { count, dataLine, escapeHtml, titleAttr } from './html';

const MAX_CAUSES = 30;
const MAX_ACTIONS = 100;

/**
 * The causes × action items matrix: a row per action item, a column per cause (the contributing
 * factors, the root cause, the last why, and the What Went Wrong items an action addresses), ●
 * for an explicit link and ○ for one read from shared words; a cause no action addresses and an
 * action that addresses nothing are highlighted. Only when the document has both.
 */
export function traceabilitySection({ trace }: Analysis): string {
  const { causes, actions: all, byCause } = trace;
  const relevant = causes.map((c, i) => ({ c, i })).filter(({ c, i }) => c.needsAction || byCause[i].length);
  if (!relevant.some(({ c }) => c.needsAction) || !all.length) return '';
  const gapCauses = relevant.filter(({ c, i }) => c.needsAction && !byCause[i].length).length;
  const gapActions = all.filter((a) => !a.item.done && !a.hygiene && !a.links.length && !a.otherRefs.length).length;
  // A matrix of a few dozen columns and a hundred rows at most: the page stays small whatever the document.
  const shown = relevant.slice(0, MAX_CAUSES);
  const actions = all.slice(0, MAX_ACTIONS);
  const cut = shown.length < relevant.length || actions.length < all.length ? `<p class="note">The first ${count(shown.length, 'cause')} and ${count(actions.length, 'action item')} are shown.</p>\n` : '';
  const head = shown
    .map(({ c, i }) => {
      const gap = c.needsAction && !byCause[i].length;
      return `<th scope="col" class="cause${gap ? ' gap' : ''}"${dataLine(c.line)}${titleAttr([`${c.name}: ${c.text}`, ...(gap ? ['No action item addresses it'] : [])])}>${escapeHtml(c.id)}</th>`;
    })
    .join('');
  const rows = actions.map((a) => {
    const gap = !a.item.done && !a.hygiene && !a.links.length && !a.otherRefs.length;
    const cells = shown
      .map(({ c, i }) => {
        const link = a.links.find((l) => l.cause === i);
        if (!link) return '<td></td>';
        const how = link.explicit ? 'linked explicitly' : `shared words: ${link.words!.join(', ')}`;
        return `<td class="${link.explicit ? 'explicit' : 'implicit'}"${titleAttr([`${c.id}: ${how}`])}>${link.explicit ? '●' : '○'}</td>`;
      })
      .join('');
    const note = a.hygiene ? ' <span class="note">hygiene</span>' : a.item.done ? ' <span class="note">done</span>' : gap ? ' <span class="flag">addresses no cause</span>' : '';
    return `<tr${gap ? ' class="gap"' : ''}${dataLine(a.item.line)}><th scope="row">${escapeHtml(actionLabel(a.item))}${note}</th>${cells}</tr>`;
  });
  const summary = [
    `<span class="${gapCauses ? 'flag' : ''}">${count(gapCauses, 'cause')} without an action</span>`,
    `<span class="${gapActions ? 'flag' : ''}">${count(gapActions, 'action item')} addressing no cause</span>`,
  ].join(' · ');
  return `<section class="card traceability" aria-label="Traceability"><h2>Traceability</h2>
<p class="summary">${summary} · ● linked explicitly, ○ by shared words</p>
${cut}<table class="trace-matrix"><thead><tr><th scope="col">Action item</th>${head}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table></section>`;
}
