/**
 * Links and strong emphasis dropped from a cell's text, by scans that find exactly what
 * `/!?\[([^\]]*)\]\([^)]*\)/g` and `/\*\*(?=\S)(.+?)(?<=\S)\*\*|(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)/g`
 * would, in linear time: each keeps the next closing mark it found while the openers move right,
 * where the regexes rescan the rest of the text from every opener (`[[[[…`, `****…`).
 */

/** The first index at or after `from` where `is` holds (`text.length` when none), remembered for later calls with a larger `from`. */
function nextWhere(text: string, is: (i: number) => boolean): (from: number) => number {
  let found = -1;
  return (from) => {
    if (found < from) {
      found = from;
      while (found < text.length && !is(found)) found++;
    }
    return found;
  };
}

/** Links and images keep their words only: a cell's link is followed in the document below. */
export function linkWords(text: string): string {
  const close = nextWhere(text, (i) => text[i] === ']');
  const closeParen = nextWhere(text, (i) => text[i] === ')');
  let out = '';
  let done = 0;
  for (let open = text.indexOf('['); open >= 0; open = text.indexOf('[', open + 1)) {
    const end = close(open + 1);
    if (end === text.length) break;
    if (text[end + 1] !== '(') continue;
    const target = closeParen(end + 2);
    if (target === text.length) break;
    const start = open > done && text[open - 1] === '!' ? open - 1 : open;
    out += text.slice(done, start) + text.slice(open + 1, end);
    done = target + 1;
    open = target;
  }
  return out + text.slice(done);
}

const SPACE = /\s/;
const WORD = /\w/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/** Strong emphasis around words (`**Incident ID**`) keeps its words, not a `__name` inside a word. */
export function strongWords(text: string): string {
  const solid = (i: number) => i < text.length && !SPACE.test(text[i]);
  const word = (i: number) => i >= 0 && i < text.length && WORD.test(text[i]);
  const closeStars = nextWhere(text, (i) => text.startsWith('**', i) && solid(i - 1));
  const closeUnders = nextWhere(text, (i) => text.startsWith('__', i) && solid(i - 1) && !word(i + 2));
  const lineBreak = nextWhere(text, (i) => LINE_BREAK.test(text[i]));
  let out = '';
  let done = 0;
  for (let open = done; open < text.length - 1; open++) {
    const stars = text.startsWith('**', open);
    if (!(stars || (text.startsWith('__', open) && !word(open - 1))) || !solid(open + 2)) continue;
    // The words run to the nearest closer past the first word character, all on the opener's line.
    const end = (stars ? closeStars : closeUnders)(open + 3);
    if (end === text.length || lineBreak(open + 2) < end) continue;
    out += text.slice(done, open) + text.slice(open + 2, end);
    done = end + 2;
    open = done - 1;
  }
  return out + text.slice(done);
}
