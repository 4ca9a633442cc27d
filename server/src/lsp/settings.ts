import { fileURLToPath } from 'node:url';
import { type Connection, MessageType, ShowMessageNotification } from 'vscode-languageserver';
import { type Config, type RuleLevel, defaultConfig, mergeConfig } from '../core/config';
import { compileGlobs } from '../core/glob';
import { SETTING_DEFAULTS } from '../core/setting-defaults';
import { ConfigFinder } from '../node/config-file';
import { TemplateFinder } from '../node/template-file';
import type { TeamTemplate } from '../core/team-template';

/** What one document is linted with: editor settings under the nearest `.postmortemrc.json`. */
export interface DocumentSettings {
  files: string[];
  debounceMs: number;
  config: Config;
  /** The document is its team's template (see TemplateFinder.isTemplate): the reference, not a post-mortem. */
  isTemplate: boolean;
  /** The team's template for the document's text (of several in one folder, the one it follows), derived once per file. */
  templateFor: (text: string) => TeamTemplate | undefined;
}

const noTemplate = () => undefined;

const LEVELS: RuleLevel[] = ['off', 'hint', 'info', 'warning', 'error'];

/** Settings per document, pulled with workspace/configuration and cached until settings or a config file change. */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<DocumentSettings>>();
  /** The editor settings pulled for a scope shared by many files (a workspace folder). */
  private readonly pulled = new Map<string, Promise<unknown>>();
  private readonly finder = new ConfigFinder();
  private readonly templates = new TemplateFinder();
  private readonly reported = new Set<string>();
  /** The `postmortem` section pushed with didChangeConfiguration, for clients that cannot be asked. */
  private pushed: unknown;

  constructor(private readonly connection: Connection, private readonly canPull: boolean) {}

  /**
   * `scopeUri`, given, is whose editor settings apply (the workspace index asks with the file's
   * workspace folder): pulled once for all the files under it, not once per file.
   */
  forDocument(uri: string, scopeUri?: string): Promise<DocumentSettings> {
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.load(uri, scopeUri);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** Settings or a `.postmortemrc.json` changed: everything is read again. */
  reset(pushed?: unknown): void {
    if (pushed !== undefined) this.pushed = pushed;
    this.cache.clear();
    this.pulled.clear();
    this.finder.clear();
    this.templates.clear();
  }

  drop(uri: string): void {
    this.cache.delete(uri);
  }

  private async load(uri: string, scopeUri?: string): Promise<DocumentSettings> {
    const raw = this.canPull ? await (scopeUri === undefined ? this.pull(uri) : this.pulledFor(scopeUri)) : this.pushed;
    const editor = readSettings(raw);
    const config = { ...defaultConfig(), rules: editor.rules, owners: editor.owners };
    // A repository's own settings can set the globs: one that cannot be matched safely is refused.
    const globs = compileGlobs(editor.files);
    if ('problem' in globs) this.report(globs.problem);
    const files = 'problem' in globs ? SETTING_DEFAULTS.files : editor.files;
    if (!uri.startsWith('file:')) return { files, debounceMs: editor.debounceMs, config, isTemplate: false, templateFor: noTemplate };
    const path = fileURLToPath(uri);
    const file = this.finder.forFile(path);
    for (const problem of file.problems) this.report(problem);
    const templateFor = (text: string) => {
      const found = this.templates.forFile(path, text, file);
      for (const problem of found.problems) this.report(problem);
      return found.template;
    };
    return { files, debounceMs: editor.debounceMs, config: mergeConfig(config, file.config), isTemplate: this.templates.isTemplate(path, file), templateFor };
  }

  /** `postmortem.workspace.diagnostics` for the files under a workspace folder (URI), pulled once for them all. */
  async workspaceDiagnostics(scopeUri: string | undefined): Promise<boolean> {
    const raw = this.canPull ? await this.pulledFor(scopeUri ?? '') : this.pushed;
    return readSettings(raw).workspaceDiagnostics;
  }

  /** A client that fails to answer leaves the defaults. */
  private pull(scopeUri: string): Promise<unknown> {
    // '': no scope (the window's settings).
    return this.connection.workspace.getConfiguration({ scopeUri: scopeUri || undefined, section: 'postmortem' }).catch(() => undefined);
  }

  private pulledFor(scopeUri: string): Promise<unknown> {
    let raw = this.pulled.get(scopeUri);
    if (!raw) this.pulled.set(scopeUri, (raw = this.pull(scopeUri)));
    return raw;
  }

  /** Each distinct problem of a config file once: it names the file and the reason. */
  private report(problem: string): void {
    if (this.reported.has(problem)) return;
    this.reported.add(problem);
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Post-Mortem Editor: ${problem}` });
  }
}

/** The `postmortem` section as the editor gives it, anything missing or of the wrong type taking its default (package.json's). */
export function readSettings(raw: unknown): { files: string[]; debounceMs: number; rules: Config['rules']; owners: string[]; workspaceDiagnostics: boolean } {
  const settings = record(raw);
  const lint = record(settings.lint);
  const strings = (v: unknown) => (Array.isArray(v) && v.every((s) => typeof s === 'string') ? v : undefined);
  const debounce = lint.debounceMs;
  return {
    files: strings(settings.files) ?? SETTING_DEFAULTS.files,
    debounceMs: typeof debounce === 'number' && debounce >= 0 ? debounce : SETTING_DEFAULTS.debounceMs,
    rules: Object.fromEntries(Object.entries(record(lint.rules ?? SETTING_DEFAULTS.rules)).filter(([, level]) => LEVELS.includes(level as RuleLevel))) as Config['rules'],
    owners: strings(settings.owners) ?? SETTING_DEFAULTS.owners,
    workspaceDiagnostics: typeof record(settings.workspace).diagnostics === 'boolean' ? (record(settings.workspace).diagnostics as boolean) : SETTING_DEFAULTS.workspaceDiagnostics,
  };
}

function record(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
