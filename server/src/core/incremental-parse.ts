import type { MarkdownIt, StateCore, Token } from 'markdown-it';

/**
 * The block parse of an edited document, re-lexing only the top-level blocks the edit can change
 * (or, for an edit within a table's body rows, only its new rows: see tableRows) and keeping the
 * previous parse's tokens before and after them (those after with their maps shifted by the
 * edit's line delta). The result is token for token the block parse of the whole new text
 * (test/unit/incremental.test.ts checks it against a fresh parse after 10,000 random edits).
 * Where the edit is found: the common prefix and suffix of the old and new texts, so any number
 * of changes in any order, as LSP sends them, is one edit here.
 *
 * Why it holds: at the top level markdown-it's block loop carries nothing from one block to the
 * next but the line it stopped at (state.tight and hasEmptyLines are read only inside lists,
 * which save and restore them), so the blocks from a top-level block start on depend only on the
 * lines from there on. A block's own extent is decided by the lines up to the next block's first
 * line and one more (a paragraph asks whether that line starts a table, which looks at the line
 * after it); so every block whose successor starts two lines or more before the first changed
 * line is unchanged. Re-lexing starts at the last block that starts there or earlier, and stops
 * at the first block start past the edit where the previous parse also had a block start (the
 * same text from there on, shifted): from there the old tokens are the new ones.
 *
 * Link reference definitions are the exception: a definition is read ahead over a whole
 * paragraph and may end before it, and it goes to env, not to the tokens. A document that has
 * one, before or after the edit, is parsed whole.
 *
 * An edit that moved no line and kept the number of tokens (a word typed in a row or a paragraph)
 * rewrites the previous parse's token array in place, and the new parse takes it over: a fresh
 * array that long is a fresh mapping of memory, slow to touch (see joinTokens). The caller then
 * knows the previous parse no longer has its tokens (`core.tokens === previous.tokens`).
 */
export interface BlockSplice {
  tokens: Token[];
  /** The normalised source (markdown-it's core `normalize`). */
  src: string;
}

/**
 * Which lines a re-parse read again: the new text's lines `from` to `newTo` (end exclusive) took
 * the place of the old text's lines `from` to `oldTo`; the lines before `from` are the old ones,
 * with the same tokens, and those from `newTo` on are the old ones from `oldTo` on, with the old
 * tokens' maps shifted by `newTo - oldTo`. What the analysis reads of a line alone can be kept
 * outside these lines (see views.ts).
 */
export interface LineSplice {
  from: number;
  oldTo: number;
  newTo: number;
}

type BlockRule = (state: unknown, startLine: number, endLine: number, silent: boolean) => boolean;

interface BlockState {
  src: string;
  line: number;
  lineMax: number;
  level: number;
  blkIndent: number;
  tight: boolean;
  sCount: number[];
  env: { references?: unknown };
  skipEmptyLines(from: number): number;
  isEmpty(line: number): boolean;
}

const CHUNK = 4096;

/** The number of '\n' in `text` from `from` (included) to `to` (excluded). */
function newlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * A previous parse's token for the new parse: the same object where its map stays (a token is
 * not changed once parsed, but for what the preview's render adds, the same in both: inline
 * children, data-line), else a copy with its map shifted.
 */
function copy(token: Token, shift: number, TokenClass: typeof Token): Token {
  if (shift === 0 || !token.map) return token;
  const t = new TokenClass(token.type, token.tag, token.nesting);
  if (token.attrs) {
    const attrs = token.attrs.filter((a) => a[0] !== 'data-line');
    t.attrs = attrs.length ? attrs : null;
  }
  t.map = token.map && [token.map[0] + shift, token.map[1] + shift];
  t.level = token.level;
  t.children = token.children && [];
  // Rendered or not, the token's children are made again when the new parse is rendered.
  t.content = token.content;
  t.markup = token.markup;
  t.info = token.info;
  t.meta = token.meta;
  t.block = token.block;
  t.hidden = token.hidden;
  return t;
}

/** How many re-parses went which way (for the tests and the benchmark): the same text, rows of a table, top-level blocks, the whole document. */
export const reparseCounts = { same: 0, rows: 0, blocks: 0, whole: 0 };

/** markdown-it's table rule stops a table once it has filled this many missing cells (MAX_AUTOCOMPLETED_CELLS). */
const MAX_AUTOCOMPLETED_CELLS = 0x10000;

/**
 * The tokens of an edit that changed only body rows of a top-level table and left rows there: a
 * table's row is made from its own line and the table's header, and whether a line is a row from
 * that line alone (not blank, not indented as code, not the start of another block) — save for
 * markdown-it's cap on the cells it fills in, which a table of fewer rows × columns cannot reach.
 * The new rows are parsed below the table's header and delimiter lines on their own, and must all
 * be rows there. Undefined when the edit is not of that kind.
 */
function tableRows(
  md: MarkdownIt,
  tokens: Token[],
  a: string,
  b: string,
  p: number,
  changed: number,
  oldTail: number,
  newTail: number,
  tailNewline: number,
  TokenClass: typeof Token,
  env: object,
): Token[] | undefined {
  if (tailNewline < 0) return undefined;
  // The changed row, found by halving; the table it is in, its first top-level token before it.
  let first = blockFrom(tokens, changed);
  // The body's first row starts where the body does.
  if (tokens[first]?.type === 'tbody_open') first++;
  if (tokens[first]?.type !== 'tr_open' || tokens[first].map![0] !== changed) return undefined;
  let open = first - 1;
  while (open >= 0 && !(tokens[open].level === 0 && tokens[open].nesting !== -1 && tokens[open].map)) open--;
  const table = tokens[open];
  if (table?.type !== 'table_open' || !table.map) return undefined;
  const [start, end] = table.map;
  if (changed < start + 2 || oldTail > end) return undefined;
  // The table's close (just before the next block's first token); the first unchanged row after
  // the edit, else the body's end; the header's width.
  const close = blockFrom(tokens, end) - 1;
  if (tokens[close]?.type !== 'table_close' || tokens[close].level !== 0) return undefined;
  const tail = blockFrom(tokens, oldTail);
  const after = tail < close && tokens[tail].type === 'tr_open' && tokens[tail].map![0] === oldTail ? tail : close - 1;
  let columns = 0;
  for (let i = open + 1; i < first && tokens[i].type !== 'thead_close'; i++) if (tokens[i].type === 'th_open') columns++;
  const delta = newTail - oldTail;
  if (tokens[after].type !== 'tr_open' && tokens[after].type !== 'tbody_close') return undefined;
  if (Math.max(end - start, end - start + delta) * columns > MAX_AUTOCOMPLETED_CELLS) return undefined;
  // The header and delimiter lines (unchanged, before the edit) and the new rows, parsed on their own.
  const rowsStart = a.lastIndexOf('\n', p - 1) + 1;
  let headerStart = rowsStart;
  for (let line = changed; line > start; line--) headerStart = a.lastIndexOf('\n', headerStart - 2) + 1;
  const newRows = b.slice(rowsStart, tailNewline - a.length + b.length + 1);
  const parsed: Token[] = [];
  const delimiterEnd = a.indexOf('\n', a.indexOf('\n', headerStart) + 1) + 1;
  md.block.parse(a.slice(headerStart, delimiterEnd) + newRows, md, { deadline: (env as { deadline?: unknown }).deadline }, parsed);
  const count = newTail - changed;
  const body = parsed.findIndex((t) => t.type === 'tbody_open');
  if (parsed[0]?.type !== 'table_open' || parsed[0].map![1] !== count + 2 || body < 0) return undefined;
  const shift = changed - 2;
  const rows: Token[] = [];
  for (let i = body + 1; i < parsed.length && parsed[i].type !== 'tbody_close'; i++) {
    const token = parsed[i];
    if (token.map) token.map = [token.map[0] + shift, token.map[1] + shift];
    rows.push(token);
  }
  const out = joinTokens(tokens, first, rows, after, delta, TokenClass);
  // The table's and its body's ends move with the edit: those two tokens are copies.
  for (let i = open; i < first && delta !== 0; i++) {
    if (i !== open && out[i].type !== 'tbody_open') continue;
    const token = copy(out[i], delta, TokenClass);
    token.map![0] -= delta;
    out[i] = token;
  }
  return out;
}

/**
 * `old`'s tokens before `keep`, then `middle`, then `old`'s from `from` on, shifted by `shift`
 * lines: `old` itself, rewritten, when `middle` takes exactly the place of what it replaces, else
 * made at its full length at once. A document's tokens outnumber what fits in V8's ordinary pages
 * (16,384 pointers) from a thousand lines or so, and each array past that is a fresh mapping of
 * memory, slow to touch (about 1 ms for 2,000 lines); growing it by pushes would make several.
 */
function joinTokens(old: Token[], keep: number, middle: Token[], from: number, shift: number, TokenClass: typeof Token): Token[] {
  if (shift === 0 && middle.length === from - keep) {
    for (let i = 0; i < middle.length; i++) old[keep + i] = middle[i];
    return old;
  }
  const out = new Array<Token>(keep + middle.length + old.length - from);
  let n = 0;
  for (let i = 0; i < keep; i++) out[n++] = old[i];
  for (const token of middle) out[n++] = token;
  for (let i = from; i < old.length; i++) out[n++] = copy(old[i], shift, TokenClass);
  return out;
}

/**
 * The new text's block tokens from `previous` (the last parse, on its normalised source
 * `previous.src`), set as `core.tokens`; `core.src` is the new text, already normalised.
 * Returns which lines were read again, or false, leaving `core.tokens` untouched, when the document must be parsed whole.
 */
export function reparseBlocks(md: MarkdownIt, core: StateCore, previous: BlockSplice, previousEnv: { references?: unknown }): LineSplice | false {
  if (previousEnv.references !== undefined) {
    reparseCounts.whole++;
    return false;
  }
  const a = previous.src;
  const b = core.src;
  const min = Math.min(a.length, b.length);
  // The common prefix and suffix, compared a chunk at a time, then a character at a time.
  let p = 0;
  while (p + CHUNK <= min && a.slice(p, p + CHUNK) === b.slice(p, p + CHUNK)) p += CHUNK;
  while (p < min && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s + CHUNK <= min - p && a.slice(a.length - s - CHUNK, a.length - s) === b.slice(b.length - s - CHUNK, b.length - s)) s += CHUNK;
  while (s < min - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  const TokenClass = core.Token;
  if (p === a.length && p === b.length) {
    core.tokens = previous.tokens;
    reparseCounts.same++;
    const lines = newlines(a, 0, a.length) + 1;
    return { from: lines, oldTo: lines, newTo: lines };
  }
  // The first changed line; the first line after the change, in the old text and in the new.
  const changed = newlines(a, 0, p);
  const tailNewline = a.indexOf('\n', a.length - s);
  const oldTail = tailNewline < 0 ? Infinity : changed + newlines(a, p, tailNewline + 1);
  const newTail = tailNewline < 0 ? Infinity : changed + newlines(b, p, tailNewline - a.length + b.length + 1);
  const delta = newTail - oldTail;
  const rows = tableRows(md, previous.tokens, a, b, p, changed, oldTail, newTail, tailNewline, TokenClass, core.env as object);
  if (rows) {
    core.tokens = rows;
    reparseCounts.rows++;
    return { from: changed, oldTo: oldTail, newTo: newTail };
  }

  // The previous parse's top-level blocks: their first lines and first tokens.
  const starts = new Map<number, number>();
  let from = 0;
  let restart = 0;
  for (let i = 0; i < previous.tokens.length; i++) {
    const token = previous.tokens[i];
    if (token.level !== 0 || token.nesting === -1 || !token.map) continue;
    const line = token.map[0];
    if (line <= changed - 2) (from = i), (restart = line);
    if (line >= oldTail) starts.set(line, i);
  }
  // The re-lexed blocks' tokens, on their own: they go between the old ones kept before and after (joinTokens).
  const middle: Token[] = [];
  const state = new md.block.State(b, md, core.env, middle) as unknown as BlockState;
  const rules = md.block.ruler.getRules('') as unknown as BlockRule[];
  const endLine = state.lineMax;
  const maxNesting = (md.options as { maxNesting?: number }).maxNesting ?? 100;
  // markdown-it's ParserBlock.tokenize at the top level, stopping where the old tokens take over.
  let line = restart;
  let hasEmptyLines = false;
  // Where the old tokens take over (the old text's end when they do not).
  let after = previous.tokens.length;
  let splice: LineSplice = { from: restart, oldTo: newlines(a, 0, a.length) + 1, newTo: newlines(b, 0, b.length) + 1 };
  while (line < endLine) {
    state.line = line = state.skipEmptyLines(line);
    if (line >= endLine) break;
    const old = line >= newTail ? starts.get(line - delta) : undefined;
    if (old !== undefined) {
      after = old;
      splice = { from: restart, oldTo: line - delta, newTo: line };
      break;
    }
    if (state.sCount[line] < state.blkIndent) break;
    if (state.level >= maxNesting) {
      state.line = endLine;
      break;
    }
    const before = state.line;
    let ok = false;
    for (const rule of rules) {
      ok = rule(state, line, endLine, false);
      if (ok) {
        if (before >= state.line) throw new Error("block rule didn't increment state.line");
        break;
      }
    }
    if (!ok) throw new Error('none of the block rules matched');
    state.tight = !hasEmptyLines;
    if (state.isEmpty(state.line - 1)) hasEmptyLines = true;
    line = state.line;
    if (line < endLine && state.isEmpty(line)) {
      hasEmptyLines = true;
      line++;
      state.line = line;
    }
  }
  // A definition read in the re-lexed blocks: its effect on the rest is not the old one's.
  if (state.env.references !== undefined) {
    delete state.env.references;
    reparseCounts.whole++;
    return false;
  }
  core.tokens = joinTokens(previous.tokens, from, middle, after, delta, TokenClass);
  reparseCounts.blocks++;
  return splice;
}

/** The index of the first block token (one with a line map) that starts at `line` or later. */
function blockFrom(tokens: Token[], line: number): number {
  let i = firstTokenFrom(tokens, line);
  while (i < tokens.length && !tokens[i].map) i++;
  return i;
}

/**
 * The index of the first token of a block that starts at `line` or later, or of a closing token
 * (no line map) before it: block tokens start in order, and closing tokens lie between them.
 */
export function firstTokenFrom(tokens: Token[], line: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    let m = mid;
    while (m < tokens.length && !tokens[m].map) m++;
    if (m === tokens.length || tokens[m].map![0] >= line) hi = mid;
    else lo = m + 1;
  }
  return lo;
}
