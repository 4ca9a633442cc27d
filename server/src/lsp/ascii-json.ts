import type { ContentTypeEncoder } from 'vscode-languageserver/node';

/** Any character that is not ASCII; a character class alone, so it cannot backtrack. */
const NON_ASCII = /[\u0080-\uffff]/;
const NON_ASCII_ALL = /[\u0080-\uffff]/g;

const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** JSON text with each character beyond ASCII written as its `\u` escape. */
const ascii = (json: string) => (NON_ASCII.test(json) ? json.replace(NON_ASCII_ALL, escape) : json);

/**
 * Where an element of a long array that is never changed once sent keeps its ASCII JSON: sent
 * again (the same diagnostic at the next keystroke), it is not stringified again. Only an object
 * with this key, which JSON.stringify and Object.entries leave out, is written from it.
 */
export const KEEPS_JSON = Symbol('ascii JSON');
export interface KeepsJson {
  [KEEPS_JSON]?: string;
}

/**
 * A message as JSON in ASCII bytes, for the stdio transport. One character beyond Latin-1 anywhere
 * in a message (a "…" in a diagnostic, a name quoted from the document) makes JSON.stringify's
 * whole result a two-byte string, twice the memory and a slow UTF-8 encoding, and the client's
 * decoding of it follows suit (1.9 ms against 1.0 here, for 323 diagnostics). So each element of a
 * long array is stringified on its own, and a character beyond ASCII in one of them is written as
 * the `\u` escape that JSON reads back as the same character.
 */
export function asciiJsonBytes(value: unknown): Buffer {
  const parts: string[] = [];
  const add = (json: string) => parts.push(ascii(json));
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      if (v.length <= 16) {
        add(JSON.stringify(v));
        return;
      }
      parts.push('[');
      for (let i = 0; i < v.length; i++) {
        if (i) parts.push(',');
        const item = v[i] as unknown;
        if (item !== null && typeof item === 'object' && KEEPS_JSON in item) parts.push(((item as KeepsJson)[KEEPS_JSON] ??= ascii(JSON.stringify(item))));
        // As JSON.stringify writes a hole, or what has no JSON form, inside an array.
        else add(JSON.stringify(item) ?? 'null');
      }
      parts.push(']');
    } else if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
      parts.push('{');
      let first = true;
      for (const [key, item] of Object.entries(v)) {
        // As JSON.stringify leaves out a property that has no JSON form.
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
        add(`${first ? '' : ','}${JSON.stringify(key)}:`);
        first = false;
        walk(item);
      }
      parts.push('}');
    } else add(JSON.stringify(v) ?? 'null');
  };
  walk(value);
  let size = 0;
  for (const part of parts) size += part.length;
  const bytes = Buffer.allocUnsafe(size);
  let at = 0;
  for (const part of parts) at += bytes.write(part, at, 'latin1');
  return bytes;
}

/** vscode-jsonrpc's writer with `asciiJsonBytes` in place of its own `Buffer.from(JSON.stringify(msg))`. */
export const asciiJson: ContentTypeEncoder = {
  name: 'application/json',
  encode: (msg) => Promise.resolve(asciiJsonBytes(msg)),
};
