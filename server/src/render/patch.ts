/**
 * The preview's updates as differences. The webview's body is a list of blocks: the parts above the
 * document (header, problems, cards), then the document's top-level blocks, each behind a marker
 * comment so that the page finds them again in its DOM.
 *
 * In the marked body each `data-line` counts from the one before it in the page (the first from
 * 0), not from the document's start: lines inserted above a block change one number, the first
 * after the insertion, not every one below it (a row added to a long table is the row, not a
 * thousand rows renumbered). The page adds them up where it needs a line (preview.js). A line
 * label's text (html.ts `lineLabel`) is its line's 1-based number, which only the whole page
 * knows: it is left out of keys and comparisons, and set again from its line after a patch.
 *
 * Each block is keyed by a hash of its HTML without its first `data-line`'s number (the only one
 * that depends on what is above it) and without its labels' numbers, so that a block that only
 * moved keeps its key and travels as a shift, not as HTML.
 *
 * An update is a list of runs over the new list of blocks: `{ old, count, shift }` takes `count`
 * blocks of the page's list from index `old`, each one's first `data-line` moved by `shift`; `{ add }` is new
 * blocks' HTML. Blocks of the old list no run takes are removed. A one-line edit is one block's HTML
 * and two or three runs, whatever the document's size. All of it in linear time.
 */
import type { PatchRun } from '../../../shared/protocol';
import type { BodyPieces } from './body';
import { LINE_LABEL_OPEN } from './html';

/** Before each part above the document: the page's `#preview-root` holds them. */
export const PART_MARK = '<!--pm-part-->';
/** Before each block of the document: `article.document` holds them. */
export const BLOCK_MARK = '<!--pm-block-->';

const DATA_LINE = ' data-line="';

/** Where the number (digits, maybe after a minus sign) written at `from` ends: `from` when there is none. */
function numberEnd(html: string, from: number): number {
  let j = html.charCodeAt(from) === 45 /* - */ ? from + 1 : from;
  const digits = j;
  while (html.charCodeAt(j) >= 48 && html.charCodeAt(j) <= 57) j++;
  return j === digits ? from : j;
}

/** The number written from `from` to `to`, maybe negative. */
function numberAt(html: string, from: number, to: number): number {
  const negative = html.charCodeAt(from) === 45;
  let n = 0;
  for (let k = negative ? from + 1 : from; k < to; k++) n = n * 10 + html.charCodeAt(k) - 48;
  return negative ? -n : n;
}

/**
 * Where the number of a line label (html.ts `lineLabel`) whose `data-line` value ends at `end`
 * ends, or `end` when the `data-line` at `at` is not a label's.
 */
function afterLabel(html: string, at: number, end: number): number {
  if (!html.startsWith(LINE_LABEL_OPEN, at - LINE_LABEL_OPEN.length) || !html.startsWith('">', end)) return end;
  let k = end + 2;
  while (html.charCodeAt(k) >= 48 && html.charCodeAt(k) <= 57) k++;
  return k;
}

/**
 * `html` with each `data-line` number `n` replaced by `number(n)` (and, if `label` is given, each
 * line label's text by `label(n)`, `n` being the label's new number), or `html` itself when it has none.
 */
function mapLines(html: string, number: (n: number) => number, label?: (n: number) => number): string {
  let out = '';
  let i = 0;
  for (;;) {
    const at = html.indexOf(DATA_LINE, i);
    if (at < 0) return i === 0 ? html : out + html.slice(i);
    const end = at + DATA_LINE.length;
    const j = numberEnd(html, end);
    if (j === end) {
      out += html.slice(i, end);
      i = end;
      continue;
    }
    const n = number(numberAt(html, end, j));
    out += html.slice(i, end) + String(n);
    i = j;
    const after = label ? afterLabel(html, at, j) : j;
    if (after !== j) {
      out += `">${label!(n)}`;
      i = after;
    }
  }
}

/** A block's identity: `hash` of its HTML without its first `data-line`'s number and its labels' numbers; `base`, that number (null without one). */
export interface BlockKey {
  hash: string;
  base: number | null;
}

/**
 * The body's pieces as the page's blocks, each with its marker (parts end with the newline
 * `renderBody` puts between them), each `data-line` counted from the one before it.
 */
export function markedBlocks({ parts, blocks }: BodyPieces): string[] {
  const out: string[] = [];
  let previous = 0;
  // One pass over each block's HTML: the text between the numbers is copied as slices.
  const mark = (marker: string, html: string, after: string) => {
    let marked = marker;
    let i = 0;
    for (let at = html.indexOf(DATA_LINE); at >= 0; at = html.indexOf(DATA_LINE, at + 1)) {
      const end = at + DATA_LINE.length;
      const j = numberEnd(html, end);
      if (j === end) continue;
      const line = numberAt(html, end, j);
      marked += html.slice(i, end) + String(line - previous);
      previous = line;
      i = j;
    }
    out.push(i === 0 ? marker + html + after : marked + html.slice(i) + after);
  };
  for (const part of parts) mark(PART_MARK, part, '\n');
  for (const block of blocks) mark(BLOCK_MARK, block, '');
  return out;
}

/** The blocks with each `data-line` counted from the document's start again, labels as they are: `renderBody`'s lines. */
export function absoluteLines(blocks: string[]): string[] {
  let line = 0;
  return blocks.map((html) => mapLines(html, (d) => (line += d)));
}

/** The blocks with each line label's text its line's (1-based), as the page sets them after a patch. */
export function relabel(blocks: string[]): string[] {
  let line = 0;
  return blocks.map((html) =>
    mapLines(
      html,
      (d) => {
        line += d;
        return d;
      },
      () => line + 1,
    ),
  );
}

/** The page's body from its blocks: `renderBody`'s HTML with the markers in it. */
export function markedBody(blocks: string[]): string {
  const parts = blocks.filter((b) => b.startsWith(PART_MARK));
  return `${parts.join('')}<article class="document">\n${blocks.slice(parts.length).join('')}</article>`;
}

/**
 * FNV-1a, twice with different primes, over `html` without its first `data-line`'s number and its
 * labels' numbers: one pass, no copy of the string.
 */
export function blockKey(html: string): BlockKey {
  let a = 0x811c9dc5;
  let b = 0x2f1b5a37;
  let length = 0;
  let base: number | null = null;
  let i = 0;
  const hash = (from: number, to: number) => {
    for (let k = from; k < to; k++) {
      const c = html.charCodeAt(k);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x0100019d);
    }
    length += to - from;
  };
  for (;;) {
    const at = html.indexOf(DATA_LINE, i);
    const end = at < 0 ? html.length : at + DATA_LINE.length;
    hash(i, end);
    if (at < 0) break;
    const j = numberEnd(html, end);
    i = end;
    if (j === end) continue;
    if (base === null) base = numberAt(html, end, j);
    else hash(end, j);
    // A label's number follows from its line: left out.
    const label = afterLabel(html, at, j);
    if (label !== j) {
      hash(j, j + 2);
      i = label;
    } else i = j;
  }
  return { hash: `${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}.${length.toString(36)}`, base };
}

/** A changed node at least this long is patched inside (its children diffed) rather than sent whole. */
const DESCEND_MIN = 200;

/** How far ahead a stretch is looked for when it breaks: a row and the newline after it. */
const LOOKAHEAD = 3;

/**
 * The runs that turn the page's blocks (`before`) into `after`. Each new block takes the old one
 * after the last taken when it is the same but for a shift of its lines (a kept stretch); else a
 * few blocks inserted or deleted there are looked for, then the old block with its key if there is
 * only one (a move, found by hash: the keys are computed only then); failing all, when the old
 * block there is the same element and large, its children are diffed the same way (a row edited in
 * a long table: the row travels, not the table); else it travels as HTML. Linear in the size of the blocks.
 */
export function diffBlocks(before: string[], after: string[], top = true): PatchRun[] {
  if (top) {
    splitBefore = splitNow;
    splitNow = new Map();
  }
  // Where each key is in the old list, if only once: a repeated one (the newline between two rows)
  // is kept only in a stretch, never looked for elsewhere, where it would break the stretches.
  let keyed: { before: BlockKey[]; after: BlockKey[]; once: Map<string, number> } | undefined;
  const keys = () => {
    if (keyed) return keyed;
    const once = new Map<string, number>();
    const beforeKeys = before.map(blockKey);
    for (let j = 0; j < beforeKeys.length; j++) once.set(beforeKeys[j].hash, once.has(beforeKeys[j].hash) ? -1 : j);
    return (keyed = { before: beforeKeys, after: after.map(blockKey), once });
  };
  const used = new Uint8Array(before.length);
  const runs: PatchRun[] = [];
  // The run being built: kept blocks from `old`, and its shift once a block with a line fixes it.
  let run: { old: number; count: number; shift: number | null } | { add: string[] } | undefined;
  const close = () => {
    if (run && 'old' in run) runs.push({ old: run.old, count: run.count, shift: run.shift ?? 0 });
    else if (run) runs.push(run);
    run = undefined;
  };
  const add = (html: string) => {
    if (!run || !('add' in run)) {
      close();
      run = { add: [] };
    }
    run.add.push(html);
  };
  const free = (j: number) => j >= 0 && j < before.length && !used[j];
  /**
   * The old block with new block `i`'s key, if only one has it. Never a part above the document:
   * each has its place, and they change together (the header and the problems at most edits),
   * where looking for one would hash every block of the page, the long tables' included.
   */
  const moved = (i: number) => (top && after[i].startsWith(PART_MARK) ? -1 : (keys().once.get(keys().after[i].hash) ?? -1));
  let last = -1;
  for (let i = 0; i < after.length; i++) {
    const next = free(last + 1) ? last + 1 : -1;
    let j = -1;
    let shift: number | null | undefined = next < 0 ? undefined : shiftBetween(before[next], after[i]);
    if (shift !== undefined) j = next;
    else if (next >= 0) {
      // New blocks inserted before the old one here (they go as HTML, the stretch goes on after
      // them), or old blocks deleted (the stretch goes on after them): the fewer.
      const inserted = lookahead((k) => i + k < after.length && shiftBetween(before[next], after[i + k]) !== undefined, before[next]);
      const deleted = lookahead((k) => free(next + k) && shiftBetween(before[next + k], after[i]) !== undefined, after[i]);
      // (A large one may be an old one moved here: looked for by its key.)
      if (inserted && (!deleted || inserted <= deleted) && !(after[i].length >= DESCEND_MIN && free(moved(i)))) {
        for (let k = 0; k < inserted; k++) add(after[i + k]);
        i += inserted - 1;
        continue;
      }
      if (deleted) {
        j = next + deleted;
        shift = shiftBetween(before[j], after[i]);
      }
    }
    // Replaced (the blocks after it go on the stretch): no need to look further.
    const replaced = j < 0 && next >= 0 && (next + 1 === before.length ? i + 1 === after.length : i + 1 < after.length && free(next + 1) && shiftBetween(before[next + 1], after[i + 1]) !== undefined);
    if (j < 0 && !replaced) {
      const at = moved(i);
      if (free(at)) {
        j = at;
        const [from, to] = [keys().before[at].base, keys().after[i].base];
        shift = from === null || to === null ? null : to - from;
      }
    }
    if (j < 0) {
      const inside = next >= 0 ? descend(before[next], after[i], top) : undefined;
      if (inside) {
        close();
        used[next] = 1;
        runs.push({ in: next, ...inside });
        last = next;
      } else {
        add(after[i]);
        // In place of the old node of its kind there (a paragraph rewritten): the next new one is
        // compared with the old one after it.
        if (next >= 0 && kind(before[next], top) === kind(after[i], top)) last = next;
      }
      continue;
    }
    used[j] = 1;
    const by = shift ?? null;
    if (run && 'old' in run && run.old + run.count === j && (by === null || run.shift === null || run.shift === by)) {
      run.count++;
      run.shift ??= by;
    } else {
      close();
      run = { old: j, count: 1, shift: by };
    }
    last = j;
  }
  close();
  return runs;
}

/** The first k in 1…LOOKAHEAD for which `found(k)`, or 0; never for a bare newline, which is everywhere. */
function lookahead(found: (k: number) => boolean, anchor: string): number {
  if (anchor.trim() === '') return 0;
  for (let k = 1; k <= LOOKAHEAD; k++) if (found(k)) return k;
  return 0;
}

/**
 * The shift that makes `a` into `b` (the first `data-line`'s number moved by it, all else the same
 * but labels' numbers), null when they are the same and have none, undefined when they differ
 * otherwise. Stops at the first difference; compares in native code between the lines.
 */
export function shiftBetween(a: string, b: string): number | null | undefined {
  if (a === b) return a.charCodeAt(0) === 60 && a.includes(DATA_LINE) ? 0 : null;
  let shift: number | undefined;
  let i = 0;
  let j = 0;
  for (;;) {
    const ai = a.indexOf(DATA_LINE, i);
    const bj = b.indexOf(DATA_LINE, j);
    if (ai < 0 || bj < 0) return ai < 0 && bj < 0 && a.length - i === b.length - j && a.slice(i) === b.slice(j) ? shift ?? null : undefined;
    if (ai - i !== bj - j || a.slice(i, ai) !== b.slice(j, bj)) return undefined;
    const [as, bs] = [ai + DATA_LINE.length, bj + DATA_LINE.length];
    [i, j] = [numberEnd(a, as), numberEnd(b, bs)];
    if (i === as || j === bs) return undefined;
    const [x, y] = [numberAt(a, as, i), numberAt(b, bs, j)];
    if (shift === undefined) shift = y - x;
    else if (x !== y) return undefined;
    // A line label's number is its line's, set by the page: not compared.
    const [la, lb] = [afterLabel(a, ai, i), afterLabel(b, bj, j)];
    if ((la === i) !== (lb === j)) return undefined;
    if (la !== i) [i, j] = [la, lb];
  }
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
 * attribute quoted and escaped), so a scan for `<` and `>` finds its tags. Linear. Undefined
 * for an end tag without its start or a start tag never ended.
 */
export function splitNodes(html: string): string[] | undefined {
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
        if (depth === 0) return undefined;
        depth--;
        if (depth === 0) nodes.push(html.slice(start, end));
      } else if (html.charCodeAt(end - 2) === 47 || isVoid(html, i + 1)) {
        if (depth === 0) nodes.push(html.slice(i, end));
      } else {
        if (depth === 0) start = i;
        depth++;
      }
      i = end;
    }
  }
  // Unclosed: not HTML of ours.
  return depth === 0 ? nodes : undefined;
}

/** HTML's void elements, which have no end tag, by the length of their name. */
const VOID: Record<number, string[]> = { 2: ['br', 'hr'], 3: ['col', 'img', 'wbr'], 4: ['area', 'base', 'link', 'meta'], 5: ['embed', 'input', 'track'], 6: ['source'] };

/** Whether the tag name at `from` is a void element's. */
function isVoid(html: string, from: number): boolean {
  const names = VOID[tagName(html, from).length];
  return names !== undefined && names.some((name) => html.startsWith(name, from));
}

function tagName(html: string, from: number): string {
  let end = from;
  for (let c = html.charCodeAt(end); (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45; c = html.charCodeAt(++end));
  return html.slice(from, end);
}

/**
 * Elements split by the last diff and this one: the new side's become the old side's next time, so
 * each is split once. Only a cache; the results are the same without it.
 */
let splitBefore = new Map<string, Element | undefined>();
let splitNow = new Map<string, Element | undefined>();

/** `html` as one element with children, if it is one. */
function element(html: string): Element | undefined {
  const known = splitNow.get(html) ?? splitBefore.get(html);
  if (known || splitNow.has(html) || splitBefore.has(html)) {
    splitNow.set(html, known);
    return known;
  }
  const el = splitElement(html);
  splitNow.set(html, el);
  return el;
}

function splitElement(html: string): Element | undefined {
  if (html.charCodeAt(0) !== 60 || html.startsWith('<!--') || html.charCodeAt(html.length - 1) !== 62) return undefined;
  const openEnd = html.indexOf('>') + 1;
  const closeStart = html.lastIndexOf('</');
  if (closeStart < openEnd) return undefined;
  const name = tagName(html, 1);
  if (html.slice(closeStart + 2, html.length - 1).toLowerCase() !== name) return undefined;
  // Its content must close all it opens, or it was two elements (`<p>a</p><p>b</p>`).
  const children = splitNodes(html.slice(openEnd, closeStart));
  return children && { open: html.slice(0, openEnd), name, children, close: html.slice(closeStart) };
}

/** The element a block or a node is, and what is around it: a block's marker before, its newline after. */
function blockElement(html: string, top: boolean): { element: Element; before: string; after: string } | undefined {
  const start = top ? html.indexOf('<', html.indexOf('-->') + 3) : 0;
  const end = html.lastIndexOf('>') + 1;
  const el = start < 0 || end <= start ? undefined : element(html.slice(start, end));
  return el && { element: el, before: html.slice(0, start), after: html.slice(end) };
}

/**
 * The runs inside `before`'s element that make it `after`'s, when both are the same large element
 * whose start tag differs at most by a shift of its `data-line` (and, for a block, whose marker
 * and the rest around the element are the same).
 */
function descend(before: string, after: string, top: boolean): { shift: number; n: number; runs: PatchRun[] } | undefined {
  if (before.length < DESCEND_MIN || after.length < DESCEND_MIN) return undefined;
  if (kind(before, top) !== kind(after, top)) return undefined;
  const a = blockElement(before, top);
  const b = blockElement(after, top);
  if (!a || !b || a.element.name !== b.element.name || a.before !== b.before || a.after !== b.after) return undefined;
  const shift = shiftBetween(a.element.open, b.element.open);
  if (shift === undefined) return undefined;
  const runs = diffBlocks(a.element.children, b.element.children, false);
  return { shift: shift ?? 0, n: a.element.children.length, runs };
}

/** `html` with its first `data-line` moved by `shift` (the ones after it count from it). */
export function shiftLines(html: string, shift: number): string {
  if (!shift) return html;
  let first = true;
  return mapLines(html, (n) => {
    if (!first) return n;
    first = false;
    return n + shift;
  });
}

/**
 * What the page does with `runs`, on strings: the blocks it has after applying them to `before`,
 * line labels set from their lines (`top`: the page's blocks, not an element's children).
 */
export function applyPatch(before: string[], runs: PatchRun[], top = true): string[] {
  const out: string[] = [];
  for (const run of runs) {
    if ('add' in run) out.push(...run.add);
    else if ('in' in run) {
      const { element: el, before: marker, after: rest } = blockElement(before[run.in], top)!;
      if (el.children.length !== run.n) throw new Error(`expected ${run.n} children, found ${el.children.length}`);
      out.push(`${marker}${shiftLines(el.open, run.shift)}${applyPatch(el.children, run.runs, false).join('')}${el.close}${rest}`);
    } else for (let k = 0; k < run.count; k++) out.push(shiftLines(before[run.old + k], run.shift));
  }
  return top ? relabel(out) : out;
}
