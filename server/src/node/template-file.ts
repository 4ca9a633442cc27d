import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type TeamTemplate, deriveTemplate } from '../core/team-template';
import { bestTemplate, headingTitles, isTemplatePath, normalTitle } from '../core/template-path';
import type { LoadedConfig } from './config-file';
import { MB, readText } from './files';

/** How the finder sees the file system: injectable, so that a virtual tree (the accuracy script's) is searched the same way. */
export interface TemplateFs {
  /** The names of the regular files in a folder; an empty list when it cannot be listed. */
  list(dir: string): string[];
  /** A file's text, or why it cannot be read. */
  read(path: string): { text: string } | { error: string };
}

/** A template is a page or two: far above that, the file is refused before it is read. */
const TEMPLATE_LIMIT = { bytes: MB, advice: 'a post-mortem template is far smaller' };

export const nodeTemplateFs: TemplateFs = {
  list(dir) {
    try {
      return readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name);
    } catch {
      return [];
    }
  },
  read: (path) => readText(path, TEMPLATE_LIMIT),
};

export interface FoundTemplate {
  /** The template's reference, when there is one. */
  template?: TeamTemplate;
  /** The template file it came from. */
  path?: string;
  /** "<path>: <reason>" for a configured template that could not be used (it is ignored then). */
  problems: string[];
}

interface Candidate {
  name: string;
  path: string;
  headings: string[];
  template: TeamTemplate;
}

/**
 * A document's team template: `.postmortemrc.json` `template` (relative to that file), else the
 * nearest template file up the folders from the document's (see isTemplatePath; of several in
 * one folder, the one whose headings the document shares most), else none. Each folder's
 * templates are listed and each template derived once.
 */
export class TemplateFinder {
  private readonly byDir = new Map<string, string[]>();
  private readonly byPath = new Map<string, { template: TeamTemplate } | { error: string }>();

  constructor(private readonly fs: TemplateFs = nodeTemplateFs) {}

  clear(): void {
    this.byDir.clear();
    this.byPath.clear();
  }

  /** The template for the document at `file`, with `text` (to choose among several templates in one folder). */
  forFile(file: string, text = '', config?: LoadedConfig): FoundTemplate {
    const problems: string[] = [];
    const configured = config?.config.template;
    if (configured !== undefined && config?.path) {
      const path = resolve(dirname(config.path), configured);
      const loaded = this.load(path);
      if ('template' in loaded) return { template: loaded.template, path, problems };
      problems.push(`${config.path}: the template ${path} cannot be read (${loaded.error}); using the nearest template file instead`);
    }
    const self = resolve(file);
    for (let dir = dirname(self); ; dir = dirname(dir)) {
      const candidates = this.templatesIn(dir)
        .filter((path) => path !== self)
        .flatMap((path): Candidate[] => {
          const loaded = this.load(path);
          return 'template' in loaded ? [{ name: path.slice(dir.length + 1), path, headings: loaded.template.sections.map((s) => normalTitle(s.title)), template: loaded.template }] : [];
        });
      const best = candidates.length > 1 ? bestTemplate(candidates, headingTitles(text)) : candidates[0];
      if (best) return { template: best.template, path: best.path, problems };
      if (dirname(dir) === dir) return { problems };
    }
  }

  /** Whether `file` is the template of the post-mortems around it (so it is not linted as one). */
  isTemplate(file: string, config?: LoadedConfig): boolean {
    const configured = config?.config.template;
    if (configured !== undefined && config?.path && resolve(dirname(config.path), configured) === resolve(file)) return true;
    return isTemplatePath(file);
  }

  private templatesIn(dir: string): string[] {
    let found = this.byDir.get(dir);
    if (!found) {
      found = this.fs
        .list(dir)
        .map((name) => join(dir, name))
        .filter((path) => isTemplatePath(path))
        .sort();
      this.byDir.set(dir, found);
    }
    return found;
  }

  private load(path: string): { template: TeamTemplate } | { error: string } {
    let loaded = this.byPath.get(path);
    if (!loaded) {
      const read = this.fs.read(path);
      loaded = 'text' in read ? { template: deriveTemplate(read.text, path) } : read;
      this.byPath.set(path, loaded);
    }
    return loaded;
  }
}
