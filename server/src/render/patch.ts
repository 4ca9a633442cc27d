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

/**
 * The runs that turn the page's blocks (`before`) into `html` (keyed `after`). Each new block takes
 * the old one after the last taken when that one has its key (a kept stretch), else the first
 * unused old block with its key (a move), else travels as HTML. Linear in the number of blocks.
 */
export function diffBlocks(before: BlockKey[], after: BlockKey[], html: string[]): PatchRun[] {
  const byHash = new Map<string, number[]>();
  for (let j = before.length - 1; j >= 0; j--) {
    const list = byHash.get(before[j].hash);
    if (list) list.push(j);
    else byHash.set(before[j].hash, [j]);
  }
  const used = new Uint8Array(before.length);
  const runs: PatchRun[] = [];
  // The run being built: kept blocks from `old`, and its shift once a block with a line fixes it.
  let run: { old: number; count: number; shift: number | null } | { add: string[] } | undefined;
  const close = () => {
    if (run && 'old' in run) runs.push({ old: run.old, count: run.count, shift: run.shift ?? 0 });
    else if (run) runs.push(run);
    run = undefined;
  };
  let last = -1;
  for (let i = 0; i < after.length; i++) {
    const { hash, base } = after[i];
    let j = last + 1 < before.length && !used[last + 1] && before[last + 1].hash === hash ? last + 1 : -1;
    if (j < 0) {
      const list = byHash.get(hash);
      while (list?.length && used[list[list.length - 1]]) list.pop();
      j = list?.pop() ?? -1;
    }
    if (j < 0) {
      if (!run || !('add' in run)) {
        close();
        run = { add: [] };
      }
      run.add.push(html[i]);
      last = -1;
      continue;
    }
    used[j] = 1;
    const old = before[j].base;
    const shift = base === null || old === null ? null : base - old;
    const extends_ = run && 'old' in run && run.old + run.count === j && (shift === null || run.shift === null || run.shift === shift);
    if (extends_ && run && 'old' in run) {
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

/** What the page does with `runs`, on strings: the blocks it has after applying them to `before`. */
export function applyPatch(before: string[], runs: PatchRun[]): string[] {
  const out: string[] = [];
  for (const run of runs) {
    if ('add' in run) out.push(...run.add);
    else for (let k = 0; k < run.count; k++) out.push(shiftLines(before[run.old + k], run.shift));
  }
  return out;
}
