/**
 * The preview's updates as differences. The webview's body is a list of blocks: the parts above the
 * document (header, problems, cards), then the document's top-level blocks, each behind a marker
 * comment so that the page finds them again in its DOM. Each block is keyed by a hash of its HTML
 * in which every `data-line` is counted from the block's first one, so that a block that only moved
 * down or up (lines inserted above it) keeps its key and travels as a shift, not as HTML.
 *
 * An update is a list of runs over the new list of blocks: `{ old, count, shift }` takes `count`
 * blocks of the page's list from index `old`, their `data-line`s moved by `shift`; `{ add }` is new
 * blocks' HTML. Blocks of the old list no run takes are removed. A one-line edit is one block's HTML
 * and two runs, whatever the document's size. All of it in linear time.
 */
import type { PatchRun } from '../../../shared/protocol';
import type { BodyPieces } from './body';

/** Before each part above the document: the page's `#preview-root` holds them. */
export const PART_MARK = '<!--pm-part-->';
/** Before each block of the document: `article.document` holds them. */
export const BLOCK_MARK = '<!--pm-block-->';

const DATA_LINE = ' data-line="';

/** A block's identity: `hash` of its HTML with lines counted from `base`, its first `data-line` (null without one). */
export interface BlockKey {
  hash: string;
  base: number | null;
}

/** The body's pieces as the page's blocks, each with its marker; parts end with the newline `renderBody` puts between them. */
export function markedBlocks({ parts, blocks }: BodyPieces): string[] {
  return [...parts.map((p) => `${PART_MARK}${p}\n`), ...blocks.map((b) => `${BLOCK_MARK}${b}`)];
}

/** The page's body from its blocks: `renderBody`'s HTML with the markers in it. */
export function markedBody(blocks: string[]): string {
  const parts = blocks.filter((b) => b.startsWith(PART_MARK));
  return `${parts.join('')}<article class="document">\n${blocks.slice(parts.length).join('')}</article>`;
}

/**
 * FNV-1a, twice with different primes, over `html` with each `data-line` value replaced by its
 * distance from the first: one pass, no copy of the string.
 */
export function blockKey(html: string): BlockKey {
  let a = 0x811c9dc5;
  let b = 0x2f1b5a37;
  let length = 0;
  const add = (c: number) => {
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x0100019d);
    length++;
  };
  let base: number | null = null;
  let i = 0;
  for (;;) {
    const at = html.indexOf(DATA_LINE, i);
    const end = at < 0 ? html.length : at + DATA_LINE.length;
    for (; i < end; i++) add(html.charCodeAt(i));
    if (at < 0) break;
    let n = 0;
    let j = end;
    for (let c = html.charCodeAt(j); c >= 48 && c <= 57; c = html.charCodeAt(++j)) n = n * 10 + c - 48;
    if (j === end) continue;
    base ??= n;
    const relative = String(n - base);
    for (let k = 0; k < relative.length; k++) add(relative.charCodeAt(k));
    i = j;
  }
  return { hash: `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}.${length.toString(36)}`, base };
}

/** A changed node at least this long is patched inside (its children diffed) rather than sent whole. */
const DESCEND_MIN = 200;

/**
 * The runs that turn the page's blocks (`before`, keyed `beforeKeys`) into `after` (keyed
 * `afterKeys`). Each new block takes the old one after the last taken when that one has its key (a
 * kept stretch), else the old block with its key if there is only one (a move); failing both, when the old
 * block after the last taken is the same element, large, its children are diffed the same way (a
 * row edited in a long table: the row travels, not the table); else it travels as HTML. Linear in
 * the size of the blocks.
 */
export function diffBlocks(before: string[], beforeKeys: BlockKey[], after: string[], afterKeys: BlockKey[], top = true): PatchRun[] {
  // Where each key is in the old list, if only once: a repeated one (the newline between two rows)
  // is kept only in a stretch, never looked for elsewhere, where it would break the stretches.
  const once = new Map<string, number>();
  for (let j = 0; j < beforeKeys.length; j++) once.set(beforeKeys[j].hash, once.has(beforeKeys[j].hash) ? -1 : j);
  const used = new Uint8Array(beforeKeys.length);
  const runs: PatchRun[] = [];
  // The run being built: kept blocks from `old`, and its shift once a block with a line fixes it.
  let run: { old: number; count: number; shift: number | null } | { add: string[] } | undefined;
  const close = () => {
    if (run && 'old' in run) runs.push({ old: run.old, count: run.count, shift: run.shift ?? 0 });
    else if (run) runs.push(run);
    run = undefined;
  };
  let last = -1;
  for (let i = 0; i < afterKeys.length; i++) {
    const { hash, base } = afterKeys[i];
    const next = last + 1 < beforeKeys.length && !used[last + 1] ? last + 1 : -1;
    let j = next >= 0 && beforeKeys[next].hash === hash ? next : -1;
    if (j < 0) {
      const at = once.get(hash) ?? -1;
      if (at >= 0 && !used[at]) j = at;
    }
    if (j < 0) {
      const inside = next >= 0 ? descend(before[next], after[i], top) : undefined;
      if (inside) {
        close();
        used[next] = 1;
        runs.push({ in: next, ...inside });
        last = next;
      } else {
        if (!run || !('add' in run)) {
          close();
          run = { add: [] };
        }
        run.add.push(after[i]);
        // In place of the old node of its kind there (a paragraph rewritten): the next new one is
        // compared with the old one after it.
        if (next >= 0 && kind(before[next], top) === kind(after[i], top)) last = next;
      }
      continue;
    }
    used[j] = 1;
    const old = beforeKeys[j].base;
    const shift = base === null || old === null ? null : base - old;
    if (run && 'old' in run && run.old + run.count === j && (shift === null || run.shift === null || run.shift === shift)) {
      run.count++;
      run.shift ??= shift;
    } else {
      close();
      run = { old: j, count: 1, shift };
    }
    last = j;
  }
  close();
  return runs;
}

/** An element's name, or '#' for text and comments; a block's, its element's. */
function kind(html: string, top: boolean): string {
  const at = top ? html.indexOf('<', html.indexOf('-->') + 3) : html.charCodeAt(0) === 60 && !html.startsWith('<!--') ? 0 : -1;
  return at < 0 ? '#' : tagName(html, at + 1);
}

/** An element's parts: its start tag, its children as HTML, its end tag. */
interface Element {
  open: string;
  name: string;
  children: string[];
  close: string;
}

/**
 * `html` as the nodes the page's parser makes of it, each as HTML: text, comments, elements with
 * all inside them. The preview's HTML is its own (every `<` of the document's text escaped, every
 * attribute quoted and escaped), so a scan for `<` and `>` finds its tags. Linear.
 */
export function splitNodes(html: string): string[] {
  const nodes: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < html.length; ) {
    if (html.charCodeAt(i) !== 60 /* < */) {
      const next = html.indexOf('<', i);
      const end = next < 0 ? html.length : next;
      if (depth === 0) nodes.push(html.slice(i, end));
      i = end;
    } else if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      const end = close < 0 ? html.length : close + 3;
      if (depth === 0) nodes.push(html.slice(i, end));
      i = end;
    } else {
      const close = html.indexOf('>', i);
      const end = close < 0 ? html.length : close + 1;
      if (html.charCodeAt(i + 1) === 47 /* / */) {
        depth = Math.max(0, depth - 1);
        if (depth === 0) nodes.push(html.slice(start, end));
      } else if (html.charCodeAt(end - 2) === 47 || VOID.has(tagName(html, i + 1))) {
        if (depth === 0) nodes.push(html.slice(i, end));
      } else {
        if (depth === 0) start = i;
        depth++;
      }
      i = end;
    }
  }
  // Unclosed: the rest as one node (never from our renderers).
  if (depth > 0) nodes.push(html.slice(start));
  return nodes;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

function tagName(html: string, from: number): string {
  let end = from;
  for (let c = html.charCodeAt(end); (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45; c = html.charCodeAt(++end));
  return html.slice(from, end).toLowerCase();
}

/** `html` as one element with children, if it is one. */
function element(html: string): Element | undefined {
  if (html.charCodeAt(0) !== 60 || html.startsWith('<!--') || html.charCodeAt(html.length - 1) !== 62) return undefined;
  const openEnd = html.indexOf('>') + 1;
  const closeStart = html.lastIndexOf('</');
  if (closeStart < openEnd) return undefined;
  const name = tagName(html, 1);
  if (html.slice(closeStart + 2, html.length - 1).toLowerCase() !== name) return undefined;
  return { open: html.slice(0, openEnd), name, children: splitNodes(html.slice(openEnd, closeStart)), close: html.slice(closeStart) };
}

/** The element a block or a node is: a block's is its one element after its marker. */
function blockElement(html: string, top: boolean): { element: Element; around: string[] } | undefined {
  if (!top) {
    const el = element(html);
    return el && { element: el, around: [] };
  }
  const nodes = splitNodes(html);
  const at = nodes.findIndex((n) => n.charCodeAt(0) === 60 && !n.startsWith('<!--'));
  const el = at < 0 ? undefined : element(nodes[at]);
  return el && { element: el, around: [...nodes.slice(0, at), '', ...nodes.slice(at + 1)] };
}

/**
 * The runs inside `before`'s element that make it `after`'s, when both are the same large element
 * whose start tag differs at most by a shift of its `data-line` (and, for a block, whose marker
 * and the rest around the element are the same).
 */
function descend(before: string, after: string, top: boolean): { shift: number; n: number; runs: PatchRun[] } | undefined {
  if (before.length < DESCEND_MIN || after.length < DESCEND_MIN) return undefined;
  const a = blockElement(before, top);
  const b = blockElement(after, top);
  if (!a || !b || a.element.name !== b.element.name || a.around.join('\u0000') !== b.around.join('\u0000')) return undefined;
  const from = blockKey(a.element.open);
  const to = blockKey(b.element.open);
  if (from.hash !== to.hash) return undefined;
  const shift = from.base === null || to.base === null ? 0 : to.base - from.base;
  const runs = diffBlocks(a.element.children, a.element.children.map(blockKey), b.element.children, b.element.children.map(blockKey), false);
  return { shift, n: a.element.children.length, runs };
}

/** `html` with every `data-line` moved by `shift`. */
export function shiftLines(html: string, shift: number): string {
  if (!shift) return html;
  let out = '';
  let i = 0;
  for (;;) {
    const at = html.indexOf(DATA_LINE, i);
    if (at < 0) return out + html.slice(i);
    const end = at + DATA_LINE.length;
    let j = end;
    while (html.charCodeAt(j) >= 48 && html.charCodeAt(j) <= 57) j++;
    out += html.slice(i, end) + (j > end ? String(Number(html.slice(end, j)) + shift) : '');
    i = j;
  }
}

/** What the page does with `runs`, on strings: the blocks it has after applying them to `before` (`top`: the page's blocks, not an element's children). */
export function applyPatch(before: string[], runs: PatchRun[], top = true): string[] {
  const out: string[] = [];
  for (const run of runs) {
    if ('add' in run) out.push(...run.add);
    else if ('in' in run) {
      const { element: el, around } = blockElement(before[run.in], top)!;
      if (el.children.length !== run.n) throw new Error(`expected ${run.n} children, found ${el.children.length}`);
      const inner = `${shiftLines(el.open, run.shift)}${applyPatch(el.children, run.runs, false).join('')}${el.close}`;
      out.push(around.length ? around.map((n) => (n === '' ? inner : n)).join('') : inner);
    } else for (let k = 0; k < run.count; k++) out.push(shiftLines(before[run.old + k], run.shift));
  }
  return out;
}
