import type { PostMortem } from '../core/model';
import { dataLine, inlineHtml } from './html';

/** The 5 Whys as a chain of question and answer, ending at the stated root cause. */
export function whysSection(model: PostMortem): string {
  const { whys, rootCause } = model;
  if (!whys.length && !rootCause) return '';
  const steps = whys.map(
    (w) => `<li class="why"${dataLine(w.line)}><span class="label">${inlineHtml(w.label)}</span><span class="question">${inlineHtml(w.question?.text ?? '')}</span><span class="answer">${inlineHtml(w.answer?.text ?? '') || '<em>No answer yet</em>'}</span></li>`,
  );
  const root = rootCause?.value.text
    ? `<li class="root-cause"${dataLine(rootCause.line)}><span class="label">Root cause</span><span class="answer">${inlineHtml(rootCause.value.text)}</span></li>`
    : `<li class="root-cause missing"${rootCause ? dataLine(rootCause.line) : ''}><span class="label">Root cause</span><span class="answer"><em>Not stated</em></span></li>`;
  return `<section class="card whys" aria-label="5 Whys"><h2>5 Whys</h2>\n<ol class="chain">\n${[...steps, root].join('\n')}\n</ol></section>`;
}
