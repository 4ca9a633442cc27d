import { type Span, span } from './text';

/** How far a YAML front matter block is looked for: a title sits in its first lines. */
const MAX_FRONT_MATTER_LINES = 100;
const TITLE_KEY = /^title[ \t]*:[ \t]*/;

/**
 * The `title:` of a YAML front matter block (`---` on the first line, closed by `---` or `...`),
 * quotes dropped: where a blog post or a static site's page names itself when it has no `# Title`.
 * Reads at most the block's first lines, each once.
 */
export function frontMatterTitle(lines: readonly string[]): Span | undefined {
  if (lines[0]?.trimEnd() !== '---') return undefined;
  let title: Span | undefined;
  for (let i = 1; i < Math.min(lines.length, MAX_FRONT_MATTER_LINES); i++) {
    const line = lines[i];
    const trimmed = line.trimEnd();
    if (trimmed === '---' || trimmed === '...') return title;
    const m = TITLE_KEY.exec(line);
    if (m && !title) {
      let start = m[0].length;
      let end = trimmed.length;
      const quote = line[start];
      if ((quote === '"' || quote === "'") && end - start >= 2 && line[end - 1] === quote) (start++, end--);
      title = span(i, line, start, end);
    }
  }
  return undefined;
}
