import { dirname, join } from 'node:path';
import { CONFIG_FILE_NAME, type Config, defaultConfig, parseConfig } from '../core/config';
import { MB, readFileBounded } from './files';

export interface LoadedConfig {
  config: Config;
  /** The file the configuration came from, if any. */
  path?: string;
  /** "<path>: <reason>" for a file that could not be used; the defaults apply then. */
  problems: string[];
}

/** Far above what the schema's bounds allow, so a larger file is refused before it is parsed. */
const CONFIG_LIMIT = { bytes: MB, advice: 'a configuration within the schema is far smaller' };

/** A configuration file's text, or why it cannot be read (`missing` when there is no such file). */
export function readConfigText(path: string): { text: string } | { error: string; missing: boolean } {
  const read = readFileBounded(path, CONFIG_LIMIT);
  return 'error' in read ? read : { text: read.bytes.toString('utf8') };
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
    const read = readConfigText(path);
    const parent = dirname(dir);
    const loaded =
      'text' in read ? loadConfigText(path, read.text)
      : !read.missing ? unreadable(path, read.error)
      : parent === dir ? { config: defaultConfig(), problems: [] }
      : this.forDir(parent);
    this.byDir.set(dir, loaded);
    return loaded;
  }
}

export function loadConfigText(path: string, text: string): LoadedConfig {
  const { config, problems } = parseConfig(text);
  return { config, path, problems: problems.map((p) => `${path}: ${p}; using the default settings`) };
}

function unreadable(path: string, error: string): LoadedConfig {
  return { config: defaultConfig(), path, problems: [`${path}: cannot be read (${error}); using the default settings`] };
}
