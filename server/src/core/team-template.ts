import { parse } from './parse';
import { plainText } from './vocabulary';
import { type KeyedSlot, ROLE, lineKey } from './slots';

/**
 * A team's own template, read once with the same parser as the documents made from it: its
 * sections, its fields and table columns, its option lists and its slots. Plain data, so that it
 * travels to a large document's worker with the rest of the analysis options.
 */
export interface TeamTemplate {
  /** Where the template was found (for messages), when it came from a file. */
  path?: string;
  /** The template as written: what New Post-Mortem from Template starts from. */
  text: string;
  /** Its sections in order, each with its Markdown (heading to the next heading of its level or above), what Insert Section inserts. */
  sections: { title: string; level: number; text: string }[];
  /** Labels of its `Label: value` fields and key/value rows. */
  fields: string[];
  /** Each table's header cells. */
  columns: string[][];
  /** Its option lists, as written: [["Draft", "Final"]]. */
  choices: string[][];
  /** The option lists given as a field's value (`**Severity:** SEV1 / SEV2 / SEV3`), by the field's key: the values that field may take. */
  fieldOptions: { key: string; options: string[] }[];
  /** Every slot it leaves for the writer, template-only styles included (see Slot.builtin), with its line's key. */
  slots: KeyedSlot[];
  /** The distinct texts of its slot tokens (`CVE-YEAR-ABCDEF`, `[Title of issue]`). */
  tokens: string[];
}

/** The most of a template's slots kept: a template is a page or two, not thousands of slots. */
const MAX_SLOTS = 2000;

/** Derives the reference from a template's text (parsed once; the faces keep the result per file). */
export function deriveTemplate(text: string, path?: string): TeamTemplate {
  const { model, src } = parse(text, undefined, { template: true });
  const { roles } = model.slots;
  // Keys only here: a document's slots are matched by the template's keys, never by their own.
  const slots = model.slots.slots.slice(0, MAX_SLOTS).map((slot) => ({ ...slot, key: lineKey(roles[slot.line] || ROLE.paragraph, src.lines[slot.line]) }));
  return {
    ...(path === undefined ? {} : { path }),
    text,
    // Front matter read as a heading by Markdown is no section.
    sections: model.sections.filter((s) => roles[s.line] !== ROLE.front).map((s) => ({ title: s.title, level: s.level, text: `${src.lines.slice(s.line, s.endLine).join('\n').trimEnd()}\n\n` })),
    fields: model.fields.map((f) => f.label),
    columns: model.tables.map((t) => t.header.cells.map((c) => c.text)),
    choices: model.choices.map((c) => c.options),
    fieldOptions: model.fields.flatMap((f) => {
      const options = optionList(f.value.text);
      return options ? [{ key: f.key, options }] : [];
    }),
    slots,
    tokens: [...new Set(slots.filter((s) => s.kind === 'token').map((s) => s.text))],
  };
}

/** Most options a list has, and most characters an option: `SEV1 / SEV2 / SEV3`, not a sentence with a slash. */
const MAX_OPTIONS = 12;
const MAX_OPTION_CHARS = 24;

/**
 * A value written as a list of options, `SEV1 / SEV2 / SEV3` or `Draft | Final`: two or more
 * short options of at most three words each, separated by `|` or a spaced ` / ` (a path such as
 * `../reports/FILE` is no list); else undefined.
 */
export function optionList(value: string): string[] | undefined {
  const text = plainText(value);
  const separator = text.includes('|') ? '|' : text.includes(' / ') ? ' / ' : undefined;
  if (!separator) return undefined;
  const options = text.split(separator).map((o) => o.trim());
  const short = (o: string) => o.length > 0 && o.length <= MAX_OPTION_CHARS && o.split(' ').length <= 3;
  return options.length >= 2 && options.length <= MAX_OPTIONS && options.every(short) ? options : undefined;
}
