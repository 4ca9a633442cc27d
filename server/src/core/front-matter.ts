import { type Span, span } from './text';

/** How far a YAML front matter block's end is looked for: front matter is a few lines of settings. */
const MAX_FRONT_MATTER_LINES = 200;
const TITLE_KEY = /^title[ \t]*:[ \t]*/;
const CLOSE = /^(?:---|\.\.\.)\s*$/;
const FIRST_KEY = /^[A-Za-z_][\w-]*[ \t]*:/;

/**
 * Where a YAML front matter block (`---` on the first line, closed by `---` or `...` within
 * MAX_FRONT_MATTER_LINES) ends: the line after its closing one, or 0 when there is none.
 */
export function frontMatterEnd(lines: readonly string[]): number {
  // A thematic break first is not front matter: the block opens with a `key:`.
  if (lines[0]?.trimEnd() !== '---' || !FIRST_KEY.test(lines[1] ?? '')) return 0;
  for (let i = 1; i < lines.length && i < MAX_FRONT_MATTER_LINES; i++) if (CLOSE.test(lines[i])) return i + 1;
  return 0;
}

/**
 * The `title:` of a YAML front matter block, quotes dropped: where a blog post or a static site's
 * page names itself when it has no `# Title`.
 */
export function frontMatterTitle(lines: readonly string[]): Span | undefined {
  const end = frontMatterEnd(lines);
  for (let i = 1; i < end - 1; i++) {
    const line = lines[i];
    const m = TITLE_KEY.exec(line);
    if (!m) continue;
    const trimmed = line.trimEnd();
    let start = m[0].length;
    let stop = trimmed.length;
    const quote = line[start];
    if ((quote === '"' || quote === "'") && stop - start >= 2 && line[stop - 1] === quote) (start++, stop--);
    return span(i, line, start, stop);
  }
  return undefined;
}
