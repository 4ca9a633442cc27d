import type { Token } from 'markdown-it';
import { type Deadline, rowChecker } from './budget';
import { type LineSplice, firstTokenFrom } from './incremental-parse';
import type { Range, SourceText } from './text';

export interface HtmlComment {
  /** The comment's inner text, trimmed. */
  text: string;
  range: Range;
}

/**
 * Two copies of the document, line by line, each line the same length as the source's, in which
 * what a rule must not read is blanked out with spaces (so columns map 1:1):
 * - `visible`: HTML comments, code blocks and non-mermaid fences blanked: what a reader sees;
 * - `prose`: `visible` with inline code spans blanked too: where placeholders and leftover
 *   option lists are looked for (a `{{ .Values.tag }}` in code is the author's content).
 * Kept as lines, not as one text: an edit makes a few lines again and keeps the others, where
 * one text the document's size would be copied at every keystroke.
 */
export interface TextViews {
  visible: string[];
  prose: string[];
  comments: HtmlComment[];
}

/**
 * Builds a view left to right from the spans it keeps; everything between is blanked. It is made
 * line by line, and a line kept whole is the source's own string: no text the document's size is
 * put together (a string that long is a fresh mapping of memory in V8, slow to touch), and the
 * views of a document that is mostly prose hold little of their own.
 */
class ViewBuilder {
  /** The kept spans, as start and end offsets in turn, in order and apart. */
  private readonly spans: number[] = [];
  private pos: number;

  /** The view of `text` from `start` to `end` (the whole text by default). */
  constructor(
    private readonly text: string,
    start = 0,
    private readonly end = text.length,
  ) {
    this.pos = start;
  }

  keep(start: number, end: number): void {
    start = Math.max(start, this.pos);
    end = Math.min(end, this.end);
    if (end <= start) return;
    const last = this.spans.length - 1;
    if (last > 0 && this.spans[last] === start) this.spans[last] = end;
    else this.spans.push(start, end);
    this.pos = end;
  }

  /** The view of lines `fromLine` to `toLine` (end exclusive), each without its line break. */
  lines(src: SourceText, fromLine: number, toLine: number): string[] {
    const { spans, text } = this;
    // Made at its length, not pushed: a whole document's view is thousands of lines.
    const lines = new Array<string>(Math.max(0, toLine - fromLine));
    let k = 0;
    for (let line = fromLine; line < toLine; line++) {
      const start = src.lineStart(line);
      const end = start + src.lines[line].length;
      while (k < spans.length && spans[k + 1] <= start) k += 2;
      if (k < spans.length && spans[k] <= start && spans[k + 1] >= end) {
        lines[line - fromLine] = src.lines[line];
        continue;
      }
      let view = '';
      let pos = start;
      for (let j = k; j < spans.length && spans[j] < end; j += 2) {
        const from = Math.max(spans[j], start);
        const to = Math.min(spans[j + 1], end);
        view += blank(text.slice(pos, from)) + text.slice(from, to);
        pos = to;
      }
      lines[line - fromLine] = view + blank(text.slice(pos, end));
    }
    return lines;
  }
}

/** `s` with every character but line breaks a space. */
function blank(s: string): string {
  // A view's pieces lie within a line: most have no break, and are spaces of their length.
  if (!s.includes('\n') && !s.includes('\r')) return spaces(s.length);
  return s.replace(/[^\r\n]+/g, (run) => spaces(run.length));
}

const SPACES = ' '.repeat(256);

/** `n` spaces: most a slice of one string, not a new one each time. */
function spaces(n: number): string {
  return n <= SPACES.length ? SPACES.slice(0, n) : ' '.repeat(n);
}

/** What the views of the previous version lend the next: that version's views, and the lines its re-parse read again. */
export interface PreviousViews {
  views: TextViews;
  splice: LineSplice;
}

/**
 * The views of the document. Each block's view is made from that block's lines alone, and the
 * lines between blocks are blank: so given the previous version's views and the lines its parse
 * read again (`previous`), only those lines are viewed again; the others are the previous
 * views' lines, and the comments after the edit move by the lines it added or took away.
 */
export function buildViews(src: SourceText, tokens: Token[], deadline?: Deadline, previous?: PreviousViews): TextViews {
  if (!previous) return viewsOf(src, tokens, 0, src.lineCount, deadline);
  const { views, splice } = previous;
  const { from, oldTo, newTo } = splice;
  const middle = viewsOf(src, tokens, from, newTo, deadline);
  const shift = newTo - oldTo;
  const comments: HtmlComment[] = [];
  // A comment lies within its block: those of the blocks before the lines read again start before them.
  for (const c of views.comments) {
    if (c.range.start.line < from) comments.push(c);
  }
  for (const c of middle.comments) comments.push(c);
  for (const c of views.comments) {
    if (c.range.start.line < oldTo) continue;
    comments.push(shift ? { text: c.text, range: { start: { line: c.range.start.line + shift, character: c.range.start.character }, end: { line: c.range.end.line + shift, character: c.range.end.character } } } : c);
  }
  // Made at their length: pushing the lines after the edit onto a copy of those before made each view about three times over.
  const lines = (old: string[], made: string[]) => {
    const out = new Array<string>(from + made.length + old.length - oldTo);
    for (let i = 0; i < from; i++) out[i] = old[i];
    for (let i = 0; i < made.length; i++) out[from + i] = made[i];
    for (let i = oldTo, j = from + made.length; i < old.length; i++, j++) out[j] = old[i];
    return out;
  };
  return { visible: lines(views.visible, middle.visible), prose: lines(views.prose, middle.prose), comments };
}

/** The views of lines `fromLine` to `toLine` (end exclusive), from the blocks that start there. */
function viewsOf(src: SourceText, tokens: Token[], fromLine: number, toLine: number, deadline?: Deadline): TextViews {
  const text = src.text;
  toLine = Math.min(toLine, src.lineCount);
  const lineSpan = (from: number, to: number) => [src.lineStart(from), to < src.lineCount ? src.lineStart(to) : text.length] as const;
  const [start, end] = fromLine >= toLine ? [text.length, text.length] : lineSpan(fromLine, toLine);
  const visible = new ViewBuilder(text, start, end);
  const prose = new ViewBuilder(text, start, end);
  const comments: HtmlComment[] = [];
  // One for every block, not an object a block.
  const out: Out = { visible, prose, comments, src, marks: new NextMarks(text) };

  const tick = rowChecker(deadline);
  // Blocks start in token order: the lines' tokens are found by halving, not by walking them all.
  for (let i = firstTokenFrom(tokens, fromLine); i < tokens.length; i++) {
    const token = tokens[i];
    tick();
    if (!token.map) continue;
    if (token.map[0] >= toLine) break;
    const [from, to] = token.map;
    switch (token.type) {
      case 'paragraph_open':
      case 'heading_open':
      case 'tr_open': {
        const [start, end] = lineSpan(from, to);
        lexInline(text, start, end, out, true);
        break;
      }
      case 'html_block': {
        const [start, end] = lineSpan(from, to);
        lexInline(text, start, end, out, false);
        break;
      }
      case 'fence':
        if (token.info.trim().split(/\s+/)[0].toLowerCase() === 'mermaid' && to - from > 1) {
          const closed = /^\s*(`{3,}|~{3,})\s*$/.test(src.lines[to - 1] ?? '') && to - 1 > from;
          const [start, end] = lineSpan(from + 1, closed ? to - 1 : to);
          visible.keep(start, end);
          prose.keep(start, end);
        }
        break;
    }
  }
  return { visible: visible.lines(src, fromLine, toLine), prose: prose.lines(src, fromLine, toLine), comments };
}

interface Out {
  visible: ViewBuilder;
  prose: ViewBuilder;
  comments: HtmlComment[];
  src: SourceText;
  marks: NextMarks;
}

/**
 * Where the next `<`, `\` and `` ` `` are, the only characters `lexInline` acts on: found by the
 * engine's own search, not a test of every character, and kept across the blocks of one pass
 * (they come in order), so that each search starts past the last one's find and the text is
 * searched once in all.
 */
class NextMarks {
  private lt = -1;
  private backslash = -1;
  private backtick = -1;

  constructor(private readonly text: string) {}

  /** The first of them at `i` or after it (only `<` when `codeSpans` is false), or the text's length. */
  from(i: number, codeSpans: boolean): number {
    const { text } = this;
    if (this.lt < i) this.lt = found(text.indexOf('<', i), text);
    if (!codeSpans) return this.lt;
    if (this.backslash < i) this.backslash = found(text.indexOf('\\', i), text);
    if (this.backtick < i) this.backtick = found(text.indexOf('`', i), text);
    return Math.min(this.lt, this.backslash, this.backtick);
  }
}

function found(at: number, text: string): number {
  return at < 0 ? text.length : at;
}

/** Reads a block's inline text: comments are hidden from both views, code spans from prose. */
function lexInline(text: string, start: number, end: number, out: Out, codeSpans: boolean): void {
  let i = start;
  let keptFrom = start;
  const keepBoth = (to: number) => {
    out.visible.keep(keptFrom, to);
    out.prose.keep(keptFrom, to);
  };
  for (;;) {
    i = out.marks.from(i, codeSpans);
    if (i >= end) break;
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) {
      i += 2;
    } else if (c === 0x3c /* < */ && text.startsWith('<!--', i)) {
      keepBoth(i);
      const close = text.indexOf('-->', i + 4);
      const inner = close < 0 || close + 3 > end ? end : close;
      const stop = inner === end ? end : close + 3;
      out.comments.push({ text: text.slice(i + 4, inner).trim(), range: out.src.rangeOf(i, stop) });
      i = keptFrom = stop;
    } else if (c === 0x60 /* ` */) {
      let n = 1;
      while (text.charCodeAt(i + n) === 0x60) n++;
      const close = findBacktickRun(text, i + n, end, n);
      if (close < 0) {
        i += n;
      } else {
        keepBoth(i);
        out.visible.keep(i, close + n);
        i = keptFrom = close + n;
      }
    } else {
      i++;
    }
  }
  keepBoth(Math.min(i, end));
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
