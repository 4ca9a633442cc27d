import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DEFAULT_FILE_GLOBS } from '../../server/src/core/identify';
import { SETTING_DEFAULTS } from '../../server/src/core/setting-defaults';
import { readSettings } from '../../server/src/lsp/settings';
import { ROOT } from '../paths';

const declared: Record<string, { default: unknown }> = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).contributes.configuration.properties;
const defaultOf = (key: string) => declared[`postmortem.${key}`].default;

test("the server's effective defaults are package.json's: no setting sent, or every one of the wrong type", () => {
  const expected = { files: defaultOf('files'), debounceMs: defaultOf('lint.debounceMs'), rules: defaultOf('lint.rules'), owners: defaultOf('owners'), workspaceDiagnostics: defaultOf('workspace.diagnostics') };
  assert.equal(expected.workspaceDiagnostics, true);
  assert.deepEqual(readSettings(undefined), expected);
  assert.deepEqual(readSettings({ files: 'x.md', lint: { debounceMs: -1, rules: [] }, owners: [7], workspace: { diagnostics: 'no' } }), expected);
  assert.equal(readSettings({ workspace: { diagnostics: false } }).workspaceDiagnostics, false);
});

test("the CLI's file globs and the client's new-document folder and preview settings are package.json's", () => {
  assert.deepEqual(DEFAULT_FILE_GLOBS, defaultOf('files'));
  assert.equal(SETTING_DEFAULTS.newDocumentFolder, defaultOf('newDocument.folder'));
  assert.equal(SETTING_DEFAULTS.showProblems, defaultOf('preview.showProblems'));
  assert.equal(SETTING_DEFAULTS.remoteImages, defaultOf('preview.remoteImages'));
});

test('the extension starts with a workspace that holds post-mortems by the default globs (the badge of overdue items shows at once)', () => {
  const activation: string[] = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).activationEvents;
  // Each workspaceContains glob, its one {a,b} group expanded: together, exactly the default file globs.
  const expanded = activation
    .filter((e) => e.startsWith('workspaceContains:') && e.endsWith('.md'))
    .flatMap((e) => {
      const glob = e.slice('workspaceContains:'.length);
      const group = /\{([^{}]*)\}/.exec(glob);
      return group ? group[1].split(',').map((alt) => glob.replace(group[0], alt)) : [glob];
    });
  assert.deepEqual(expanded.sort(), [...DEFAULT_FILE_GLOBS].sort());
  assert.ok(activation.includes('workspaceContains:**/.postmortemrc.json'));
});
