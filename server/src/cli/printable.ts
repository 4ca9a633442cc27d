/**
 * Control characters (C0, DEL, C1), the Unicode line and paragraph separators and the bidi
 * controls: in a file name or a document's text they could end a line of output and forge the
 * next one, drive the terminal (ESC) or reorder what is shown.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/** `text` for one line of text output: every character that could forge a line or drive the terminal shown escaped. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
