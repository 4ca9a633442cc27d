import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_FILE_NAME, type Config, defaultConfig, parseConfig } from '../core/config';

export interface LoadedConfig {
  config: Config;
  /** The file the configuration came from, if any. */
  path?: string;
  /** "<path>: <reason>" for a file that could not be used; the defaults apply then. */
  problems: string[];
}

/** The nearest `.postmortemrc.json` from `dir` up to the root, read and validated; cached per folder. */
export class ConfigFinder {
  private readonly byDir = new Map<string, LoadedConfig>();

  forFile(file: string): LoadedConfig {
    return this.forDir(dirname(file));
  }

  clear(): void {
    this.byDir.clear();
  }

  private forDir(dir: string): LoadedConfig {
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    const path = join(dir, CONFIG_FILE_NAME);
    let text: string | undefined;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      // No file here: look further up.
    }
    const parent = dirname(dir);
    const loaded = text !== undefined ? loadConfigText(path, text) : parent === dir ? { config: defaultConfig(), problems: [] } : this.forDir(parent);
    this.byDir.set(dir, loaded);
    return loaded;
  }
}

function loadConfigText(path: string, text: string): LoadedConfig {
  const { config, problems } = parseConfig(text);
  return { config, path, problems: problems.map((p) => `${path}: ${p}; using the default settings`) };
}

export function loadConfigFile(path: string): LoadedConfig {
  try {
    return loadConfigText(path, readFileSync(path, 'utf8'));
  } catch (e) {
    return { config: defaultConfig(), path, problems: [`${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); using the default settings`] };
  }
}
