import type { Token } from 'markdown-it';
import type { Range, SourceText } from './text';

export interface HtmlComment {
  /** The comment's inner text, trimmed. */
  text: string;
  range: Range;
}

/**
 * Two copies of the document, the same length and line structure as the source, in which what
 * a rule must not read is blanked out with spaces (line breaks kept, so offsets map 1:1):
 * - `visible`: HTML comments, code blocks and non-mermaid fences blanked: what a reader sees;
 * - `prose`: `visible` with inline code spans blanked too: where placeholders and leftover
 *   option lists are looked for (a `{{ .Values.tag }}` in code is the author's content).
 */
export interface TextViews {
  visible: string;
  prose: string;
  comments: HtmlComment[];
}

const VISIBLE = 1;
const PROSE = 2;

export function buildViews(src: SourceText, tokens: Token[]): TextViews {
  const text = src.text;
  const mask = new Uint8Array(text.length);
  const comments: HtmlComment[] = [];
  const lineSpan = (from: number, to: number) => [src.lineStart(from), to < src.lineCount ? src.lineStart(to) : text.length] as const;

  for (const token of tokens) {
    if (!token.map) continue;
    const [from, to] = token.map;
    switch (token.type) {
      case 'paragraph_open':
      case 'heading_open':
      case 'tr_open': {
        const [start, end] = lineSpan(from, to);
        lexInline(text, start, end, mask, comments, src, true);
        break;
      }
      case 'html_block': {
        const [start, end] = lineSpan(from, to);
        lexInline(text, start, end, mask, comments, src, false);
        break;
      }
      case 'fence':
        if (token.info.trim().split(/\s+/)[0].toLowerCase() === 'mermaid' && to - from > 1) {
          const closed = /^\s*(`{3,}|~{3,})\s*$/.test(src.lines[to - 1] ?? '') && to - 1 > from;
          const [start, end] = lineSpan(from + 1, closed ? to - 1 : to);
          mask.fill(VISIBLE | PROSE, start, end);
        }
        break;
    }
  }
  return { visible: applyMask(text, mask, VISIBLE), prose: applyMask(text, mask, PROSE), comments };
}

/** Marks a block's inline text: comments are hidden from both views, code spans from prose. */
function lexInline(text: string, start: number, end: number, mask: Uint8Array, comments: HtmlComment[], src: SourceText, codeSpans: boolean): void {
  let i = start;
  let keptFrom = start;
  const keep = (to: number, bits: number) => {
    mask.fill(bits, keptFrom, to);
  };
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */ && codeSpans) {
      i += 2;
    } else if (c === 0x3c /* < */ && text.startsWith('<!--', i)) {
      keep(i, VISIBLE | PROSE);
      const close = text.indexOf('-->', i + 4);
      const stop = close < 0 || close + 3 > end ? end : close + 3;
      comments.push({ text: text.slice(i + 4, close < 0 || close + 3 > end ? end : close).trim(), range: src.rangeOf(i, stop) });
      i = keptFrom = stop;
    } else if (c === 0x60 /* ` */ && codeSpans) {
      let n = 1;
      while (text.charCodeAt(i + n) === 0x60) n++;
      const close = findBacktickRun(text, i + n, end, n);
      if (close < 0) {
        i += n;
      } else {
        keep(i, VISIBLE | PROSE);
        keptFrom = i;
        keep(close + n, VISIBLE);
        i = keptFrom = close + n;
      }
    } else {
      i++;
    }
  }
  keep(Math.min(i, end), VISIBLE | PROSE);
}

function findBacktickRun(text: string, from: number, end: number, n: number): number {
  let i = text.indexOf('`', from);
  while (i >= 0 && i < end) {
    let m = 1;
    while (text.charCodeAt(i + m) === 0x60) m++;
    if (m === n) return i;
    i = text.indexOf('`', i + m);
  }
  return -1;
}

function applyMask(text: string, mask: Uint8Array, bit: number): string {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    const kept = (mask[i] & bit) !== 0;
    let j = i + 1;
    while (j < text.length && ((mask[j] & bit) !== 0) === kept) j++;
    parts.push(kept ? text.slice(i, j) : text.slice(i, j).replace(/[^\r\n]/g, ' '));
    i = j;
  }
  return parts.join('');
}
