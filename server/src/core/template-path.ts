/**
 * Which Markdown files are a team's post-mortem template, by their path alone: `template.md`, a
 * `*template*.md` file (`postmortem-template.md`, `TEMPLATE.md`), or any Markdown file in a folder
 * named for templates (`templates/`, `.github/ISSUE_TEMPLATE/`). Such a file is the reference the
 * post-mortems beside and below it are read against, never a post-mortem itself.
 */
export function isTemplatePath(path: string): boolean {
  const parts = path.replace(/\\/g, '/').split('/').filter(Boolean);
  const name = parts[parts.length - 1] ?? '';
  if (!/\.(?:md|markdown)$/i.test(name)) return false;
  return isTemplateName(name) || (parts.length > 1 && /template/i.test(parts[parts.length - 2]));
}

/**
 * `template.md`, `*template*.md`, `*-template.md`, in any case; not a dated post-mortem whose name
 * mentions a template (`2024-01-01-template-engine-outage.md`), as identification has it.
 */
export function isTemplateName(name: string): boolean {
  if (!/\.(?:md|markdown)$/i.test(name)) return false;
  const base = name.replace(/\.(?:md|markdown)$/i, '');
  return /^template/i.test(base) || (/^\D/.test(base) && /template/i.test(base));
}

/**
 * Of several templates in one folder, the one a document follows: the most of its headings among
 * the document's, then `template.md`, then the first by name. `headings` are lower-case titles.
 */
export function bestTemplate<T extends { name: string; headings: string[] }>(candidates: T[], documentHeadings: Set<string>): T | undefined {
  let best: T | undefined;
  let bestScore = -1;
  for (const c of [...candidates].sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const score = c.headings.filter((h) => documentHeadings.has(h)).length;
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

function rank(name: string): number {
  return name.toLowerCase() === 'template.md' ? 0 : 1;
}

/** A document's heading titles, lower case, from its ATX headings: one linear pass over the text. */
export function headingTitles(text: string): Set<string> {
  const titles = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^ {0,3}#{1,6}[ \t](.*)$/.exec(line);
    if (m) titles.add(normalTitle(m[1]));
  }
  return titles;
}

export function normalTitle(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Globs a client watches so that a changed template file re-reads the post-mortems around it. */
export const TEMPLATE_GLOBS = ['**/*{template,Template,TEMPLATE}*.{md,markdown}', '**/*{template,Template,TEMPLATE}*/*.{md,markdown}'];
