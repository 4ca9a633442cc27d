import type { Range } from './text';

/**
 * A slot a template leaves for the writer, found in any document by its style:
 * - `token`: a placeholder-styled token (`YYYY-MM-DD`, `HH:mm`, `[Date]`, `<service name>`, `???`,
 *   `xxxx`, `ISSUE NAME`, `${VAR}`, `CVE-YEAR-ABCDEF`, `TBD`, `Lorem ipsum`);
 * - `title`: a heading that only says it is a title ("Incident Title", "Title of the incident");
 * - `empty-field`: `Incident Lead:` with nothing after it;
 * - `empty-cell`: a key/value table row with an empty value, or a table row with no text at all;
 * - `empty-bullet`: `- ` or `- [ ]` with nothing after it;
 * - `empty-section`: a heading with no content before the next heading of its level or above;
 * - `example`: an example row or item ("Action item 1", `e.g.` rows);
 * - `prompt`: an instruction sentence or italic prompt ("Describe the impact…", "What was the root cause?").
 */
export type SlotKind = 'token' | 'title' | 'empty-field' | 'empty-cell' | 'empty-bullet' | 'empty-section' | 'example' | 'prompt';

export interface Slot {
  kind: SlotKind;
  /** 0-based line the slot is reported at (a multi-line prompt: its first line). */
  line: number;
  range: Range;
  /** The slot as written, shortened for messages: the token, the prompt's first words, the field's label. */
  text: string;
  /**
   * True when the slot's style alone is unmistakable, so that it is reported in any post-mortem;
   * false when it is a slot only in a template (any question, any list item, any empty section),
   * and reported in a document only where the document keeps it from its team's template.
   */
  builtin: boolean;
}

/** A template's slot with its line's key (see lineKey): how a slot that survives verbatim from the template is recognised. */
export interface KeyedSlot extends Slot {
  key: string;
}

/** What the slot scan gives the model: the slots, and each line's role for matching a template's slots. */
export interface SlotScan {
  slots: Slot[];
  /** A role letter per line (see LineRole), 0 where the line is none of them (blank, code, comment). */
  roles: Uint8Array;
}

/** Line roles, as char codes: a template's line is matched only by a line of the same role. */
export const ROLE = {
  heading: 0x68 /* h */,
  paragraph: 0x70 /* p */,
  item: 0x6c /* l */,
  header: 0x74 /* t */,
  row: 0x72 /* r */,
  html: 0x78 /* x */,
  front: 0x66 /* f */,
} as const;

/** How much of a line its key reads: a template's slot lines are short, and a huge line costs no more than this. */
const KEY_CHARS = 400;

/**
 * A line's matching key: its role and its text without quote marks, case or extra spaces (of a
 * long line, its first KEY_CHARS characters and its length).
 */
export function lineKey(role: number, line: string): string {
  let start = 0;
  while (start < line.length && (line[start] === ' ' || line[start] === '\t' || line[start] === '>')) start++;
  const text = line.length - start > KEY_CHARS ? `${line.slice(start, start + KEY_CHARS)}…${line.length - start}` : line.slice(start);
  return `${String.fromCharCode(role)}:${text.trim().toLowerCase().replace(/\s+/g, ' ')}`;
}

/** A slot's text as a message quotes it: its first line, at most 60 characters. */
export function shortText(text: string): string {
  const one = text.slice(0, 200).replace(/\s+/g, ' ').trim();
  return one.length > 60 ? `${one.slice(0, 57).trimEnd()}…` : one;
}
