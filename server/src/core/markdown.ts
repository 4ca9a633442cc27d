import MarkdownItConstructor, { type MarkdownIt } from 'markdown-it';

const SAFE_LINK = /^(https?:|mailto:|#|\.{0,2}\/|[^:]*$)/i;

let shared: MarkdownIt | undefined;

/**
 * The one configured markdown-it: the analysis reads its tokens and the preview renders them,
 * so the two never disagree about where a table or a code block is.
 *
 * `html: true` so that HTML comments (the template's guidance) are seen as such; the renderer
 * drops comments and escapes every other piece of HTML, so nothing from the document runs.
 */
export function createMarkdownIt(): MarkdownIt {
  const md = new MarkdownItConstructor({ html: true, linkify: false, typographer: false });
  md.validateLink = (url) => SAFE_LINK.test(url.trim());
  md.core.ruler.push('postmortem_data_line', (state) => {
    for (const token of state.tokens) {
      if (token.map && token.nesting >= 0 && token.type !== 'inline') token.attrSet('data-line', String(token.map[0]));
    }
  });
  const escape = md.utils.escapeHtml;
  md.renderer.rules.html_block = (tokens, i) => {
    const rest = tokens[i].content.replace(/<!--[\s\S]*?(?:-->|$)/g, '').trim();
    return rest ? `<p class="raw-html">${escape(rest)}</p>\n` : '';
  };
  md.renderer.rules.html_inline = (tokens, i) => (tokens[i].content.startsWith('<!--') ? '' : escape(tokens[i].content));
  return md;
}

/** A process-wide instance for callers that do not customise rendering. */
export function markdownIt(): MarkdownIt {
  shared ??= createMarkdownIt();
  return shared;
}
