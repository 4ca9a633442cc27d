import type { LineSplice } from './incremental-parse';
/** Positions are LSP-style: 0-based lines, UTF-16 code-unit columns (JavaScript string indices). */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** The text without a leading byte-order mark, which every editor hides. */
export function withoutBom(raw: string): string {
  return raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
}

export function range(line: number, start: number, end: number, endLine = line): Range {
  return { start: { line, character: start }, end: { line: endLine, character: end } };
}

/** `r` moved `delta` lines down (up when negative). */
export function shiftedRange(r: Range, delta: number): Range {
  return range(r.start.line + delta, r.start.character, r.end.character, r.end.line + delta);
}

/**
 * The document text with a line index. A leading byte-order mark is dropped, as every editor
 * hides it, so columns on the first line match what the writer sees.
 */
export class SourceText {
  readonly text: string;
  /** Line contents without their end-of-line characters (\n, \r\n or \r, as LSP counts them). */
  readonly lines: string[];
  /** The document's line ending, for text that edits insert. */
  readonly eol: string;
  private readonly starts: number[];

  /**
   * `previous`: the document's previous version and which of its lines an edit replaced (the
   * block parse's splice, on texts without \r): the lines outside the edit are the previous
   * version's own strings, not cut again, so a lookup by a line's text finds its hash known.
   */
  constructor(raw: string, previous?: { src: SourceText; splice: LineSplice }) {
    this.text = withoutBom(raw);
    const text = this.text;
    if (!previous) {
      this.lines = [];
      this.starts = [];
      if (text.includes('\r')) this.cutAny(0);
      else this.cut(0, Infinity);
      this.eol = text.includes('\r\n') ? '\r\n' : '\n';
      return;
    }
    const { src, splice } = previous;
    this.eol = '\n';
    // The previous lines from `oldTo` on are this text's last ones, at the same distance from its end.
    const tail = src.lines.length - splice.oldTo;
    if (tail <= 0) {
      this.lines = src.lines.slice(0, splice.from);
      this.starts = src.starts.slice(0, splice.from);
      if (splice.from < src.lines.length) this.cut(src.starts[splice.from], Infinity);
      return;
    }
    // Made at their length: the lines after an edit pushed onto a copy of those before made each array about three times over.
    const count = splice.newTo + tail;
    const lines = (this.lines = new Array<string>(count));
    const starts = (this.starts = new Array<number>(count));
    for (let i = 0; i < splice.from; i++) {
      lines[i] = src.lines[i];
      starts[i] = src.starts[i];
    }
    // The lines read again, each ended by \n (lines follow them).
    let start = src.starts[splice.from];
    for (let i = splice.from; i < splice.newTo; i++) {
      const end = text.indexOf('\n', start);
      starts[i] = start;
      lines[i] = text.slice(start, end);
      start = end + 1;
    }
    const shift = text.length - src.text.length;
    for (let i = splice.oldTo, j = splice.newTo; i < src.lines.length; i++, j++) {
      starts[j] = src.starts[i] + shift;
      lines[j] = src.lines[i];
    }
  }

  /** Adds `count` lines ended by \n from `start`, or, for Infinity, every line to the text's end. */
  private cut(start: number, count: number): void {
    const text = this.text;
    for (let end = text.indexOf('\n', start); end >= 0 && count > 0; start = end + 1, end = text.indexOf('\n', start), count--) {
      this.starts.push(start);
      this.lines.push(text.slice(start, end));
    }
    if (count === Infinity) {
      this.starts.push(start);
      this.lines.push(text.slice(start));
    }
  }

  /** Adds every line from `start`, ended by \n, \r\n or \r as LSP counts them. */
  private cutAny(start: number): void {
    const eol = /\r\n|\r|\n/g;
    eol.lastIndex = start;
    for (let m = eol.exec(this.text); m; m = eol.exec(this.text)) {
      this.starts.push(start);
      this.lines.push(this.text.slice(start, m.index));
      start = m.index + m[0].length;
    }
    this.starts.push(start);
    this.lines.push(this.text.slice(start));
  }

  get lineCount(): number {
    return this.lines.length;
  }

  lineStart(line: number): number {
    return this.starts[line];
  }

  positionAt(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: Math.min(offset - this.starts[lo], this.lines[lo].length) };
  }

  offsetAt(pos: Position): number {
    const line = Math.max(0, Math.min(pos.line, this.lines.length - 1));
    return this.starts[line] + Math.max(0, Math.min(pos.character, this.lines[line].length));
  }

  rangeOf(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** The whole content of a line, end-of-line excluded. */
  lineRange(line: number): Range {
    return range(line, 0, this.lines[line].length);
  }

  /** The line's content without leading and trailing white space; the whole line when blank. */
  trimmedLineRange(line: number): Range {
    const text = this.lines[line];
    const start = text.length - text.trimStart().length;
    const end = text.trimEnd().length;
    return end > start ? range(line, start, end) : this.lineRange(line);
  }

  getText(r: Range): string {
    return this.text.slice(this.offsetAt(r.start), this.offsetAt(r.end));
  }
}

/** A trimmed slice of one line, with its range. */
export interface Span {
  text: string;
  range: Range;
}

export function span(line: number, lineText: string, start: number, end: number): Span {
  while (start < end && isBlank(lineText.charCodeAt(start))) start++;
  while (end > start && isBlank(lineText.charCodeAt(end - 1))) end--;
  return { text: lineText.slice(start, end), range: range(line, start, end) };
}

/**
 * `text` without its leading run of characters `lead` matches and its trailing run of characters
 * `trail` matches (each a one-character class without flags, tested alone): the linear form of
 * `replace(/^[…]+|[…]+$/g, '')`, whose second half retries from every character of a long run.
 */
export function trimRuns(text: string, lead: RegExp, trail = lead): string {
  let start = 0;
  let end = text.length;
  while (start < end && lead.test(text[start])) start++;
  while (end > start && trail.test(text[end - 1])) end--;
  return text.slice(start, end);
}

/**
 * The matches of the sticky `pattern` tried only where the global `start` matches, left to right
 * and never overlapping, as a global scan would find them. A pattern that can only begin at a few
 * places (a word, a run of digits) is not retried from every character of a long run, and the
 * pattern stays simple enough for the ReDoS checker to decide.
 */
export function* matchesAt(text: string, start: RegExp, pattern: RegExp): Generator<RegExpExecArray> {
  let end = 0;
  for (const at of text.matchAll(start)) {
    if (at.index < end) continue;
    pattern.lastIndex = at.index;
    const m = pattern.exec(text);
    if (!m) continue;
    end = m.index + m[0].length;
    yield m;
  }
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
