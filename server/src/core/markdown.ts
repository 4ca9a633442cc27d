import MarkdownItConstructor, { type MarkdownIt, type StateCore, type Token } from 'markdown-it';
import type { Deadline } from './budget';
import { type LineSplice, reparseBlocks } from './incremental-parse';
import { renderLongTables } from './long-tables';

const SAFE_LINK = /^(https?:|mailto:|#|\.{0,2}\/|[^:]*$)/i;
/** A scheme-relative address (`//host/path`) is a web address: it is written out as https, never left to the page's scheme. */
const SCHEME_RELATIVE = /^\s*\/\//;
/** An image from the network: loading it tells its host who reads the document, and when. */
const REMOTE = /^https?:/i;

/** What a render may do beyond the safe default; markdown-it hands it to every rule as part of `env`. */
export interface RenderBlocksOptions {
  /** Load images from http(s) addresses; otherwise each is a link, its alt text linking to its address. */
  remoteImages?: boolean;
  /** Render the blocks that start on this line or later (0-based): the document without its front matter. */
  fromLine?: number;
}

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
  const normalizeLink = md.normalizeLink.bind(md);
  md.normalizeLink = (url) => normalizeLink(SCHEME_RELATIVE.test(url) ? `https:${url.trim()}` : url);
  // The budget's check at each block (and each block's inline pass): matches nothing.
  md.block.ruler.before('table', 'postmortem_deadline', (state) => {
    deadlineOf(state.env)?.check();
    return false;
  });
  md.inline.ruler2.before('balance_pairs', 'postmortem_deadline', (state) => {
    deadlineOf(state.env)?.check();
    return false;
  });
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
  const image = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, i, options, env: RenderBlocksOptions, self) => {
    const src = tokens[i].attrGet('src') ?? '';
    if (env.remoteImages === true || !REMOTE.test(src)) return image(tokens, i, options, env, self);
    const alt = self.renderInlineAsText(tokens[i].children ?? [], options, env) || src;
    return `<a href="${escape(src)}" class="remote-image" title="${escape(`Image not loaded: ${src}`)}">${escape(alt)}</a>`;
  };
  renderLongTables(md);
  return md;
}

function deadlineOf(env: unknown): Deadline | undefined {
  return (env as { deadline?: Deadline } | undefined)?.deadline;
}

let shared: MarkdownIt | undefined;

function instance(): MarkdownIt {
  shared ??= createMarkdownIt();
  return shared;
}

/**
 * A document parsed to its block structure. The analysis needs only blocks, so the inline pass
 * (two thirds of markdown-it's time) runs later and only when the document is rendered.
 */
export interface BlockParse {
  tokens: Token[];
  state: StateCore;
  inlineDone: boolean;
  /** Parsed from the previous version's parse: which lines were read again (see incremental-parse.ts). */
  splice?: LineSplice;
}

type CoreRule = { name: string; fn: (state: StateCore) => void };

function coreRules(md: MarkdownIt): { blocks: CoreRule[]; rest: CoreRule[] } {
  const rules = (md.core.ruler as unknown as { __rules__: (CoreRule & { enabled: boolean })[] }).__rules__.filter((r) => r.enabled);
  const split = rules.findIndex((r) => r.name === 'block') + 1;
  return { blocks: rules.slice(0, split), rest: rules.slice(split) };
}

/**
 * The block parse of `text`. Given the parse of the document's previous version, only the blocks
 * the edit touches are parsed again (incremental-parse.ts); the tokens are those of a fresh parse.
 */
export function parseBlocks(text: string, deadline?: Deadline, previous?: BlockParse): BlockParse {
  const md = instance();
  const state = new md.core.State(text, md, { deadline });
  // markdown-it's normalize rewrites line endings and NULs: on a text without either it is the identity.
  const normalized = !text.includes('\r') && !text.includes('\0');
  let splice: LineSplice | false = false;
  const before = previous && { parse: previous, tokens: previous.tokens, src: previous.state.src, env: previous.state.env };
  for (const rule of coreRules(md).blocks) {
    if (rule.name === 'normalize' && normalized) continue;
    if (rule.name === 'block' && before) {
      splice = reparseBlocks(md, state, before, before.env);
      if (splice) continue;
    }
    rule.fn(state);
  }
  if (before && state.tokens === before.tokens) handOver(before.parse, before.src);
  return { tokens: state.tokens, state, inlineDone: false, ...(splice ? { splice } : {}) };
}

/**
 * A parse whose token array its next version took over (reparseBlocks): it parses its own text
 * again, once, if it is ever read, so that an analysis stays right after its next one is made.
 */
function handOver(parsed: BlockParse, text: string): void {
  let again: BlockParse | undefined;
  const fresh = (): BlockParse => (again ??= parseBlocks(text));
  Object.defineProperties(parsed, {
    tokens: { get: () => fresh().tokens, enumerable: true, configurable: true },
    state: { get: () => fresh().state, enumerable: true, configurable: true },
    inlineDone: {
      get: () => fresh().inlineDone,
      set: (done: boolean) => (fresh().inlineDone = done),
      enumerable: true,
      configurable: true,
    },
  });
}

/** The document as HTML, finishing the inline pass on the analysis's own tokens (once). */
export function renderBlocks(parsed: BlockParse, options: RenderBlocksOptions = {}, deadline?: Deadline): string {
  const { md, tokens, env } = prepareRender(parsed, options, deadline);
  return md.renderer.render(tokens, md.options, env);
}

/**
 * The document as HTML, one string for each top-level block (a heading, a paragraph, a whole list
 * or table): joined, `renderBlocks`'s HTML, since markdown-it renders a block from its own tokens
 * alone. Blocks that render to nothing (a comment) are left out. The preview patches its page by them.
 */
export function renderBlockList(parsed: BlockParse, options: RenderBlocksOptions = {}, deadline?: Deadline): string[] {
  const { md, tokens, env } = prepareRender(parsed, options, deadline);
  const blocks: string[] = [];
  for (let start = 0, i = 0; i < tokens.length; i++) {
    // A top-level block ends at its closing token (nesting -1) or is one token (a fence, an hr).
    if (tokens[i].level !== 0 || tokens[i].nesting === 1) continue;
    deadline?.check();
    const html = md.renderer.render(tokens.slice(start, i + 1), md.options, env);
    if (html) blocks.push(html);
    start = i + 1;
  }
  return blocks;
}

/** The inline pass done (once), the tokens to render from `fromLine` on, and the env to render them in. */
function prepareRender(parsed: BlockParse, options: RenderBlocksOptions, deadline?: Deadline) {
  const md = instance();
  parsed.state.env.deadline = deadline;
  if (!parsed.inlineDone) {
    // A pass abandoned at its deadline left some children behind: start it afresh.
    for (const token of parsed.tokens) if (token.type === 'inline') token.children = [];
    for (const rule of coreRules(md).rest) rule.fn(parsed.state);
    parsed.inlineDone = true;
  }
  // The blocks from `fromLine` on: front matter is settings, hidden as VS Code's preview hides it.
  const from = options.fromLine ? parsed.tokens.findIndex((t) => t.level === 0 && t.map !== null && t.map[0] >= options.fromLine!) : 0;
  const tokens = from < 0 ? [] : from === 0 ? parsed.tokens : parsed.tokens.slice(from);
  // A copy: the parse's env (its link references) is shared by every render of this analysis.
  return { md, tokens, env: { ...parsed.state.env, remoteImages: options.remoteImages === true } };
}
