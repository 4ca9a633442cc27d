// The editor settings' defaults, as package.json's `contributes.configuration` declares them: the
// one place they are written. The core reads them as data (the bundles carry them); the server,
// the CLI, the client and scripts/generate.ts all take them from here or from package.json itself.
import { contributes } from '../../../package.json';

const declared = contributes.configuration.properties;

export const SETTING_DEFAULTS = {
  /** `postmortem.files`: the globs of the Markdown files that are post-mortems. */
  files: declared['postmortem.files'].default,
  /** `postmortem.lint.debounceMs`. */
  debounceMs: declared['postmortem.lint.debounceMs'].default,
  /** `postmortem.lint.rules`: no level set, each rule keeps its own. */
  rules: declared['postmortem.lint.rules'].default as Record<string, never>,
  /** `postmortem.owners`. */
  owners: declared['postmortem.owners'].default as string[],
  /** `postmortem.newDocument.folder`, relative to the first workspace folder. */
  newDocumentFolder: declared['postmortem.newDocument.folder'].default,
  /** `postmortem.preview.showProblems`. */
  showProblems: declared['postmortem.preview.showProblems'].default,
  /** `postmortem.preview.remoteImages`: off, so that opening a post-mortem fetches nothing. */
  remoteImages: declared['postmortem.preview.remoteImages'].default,
  /** `postmortem.workspace.diagnostics`: the problems of post-mortems that are not open, in the Problems panel. */
  workspaceDiagnostics: declared['postmortem.workspace.diagnostics'].default,
};
