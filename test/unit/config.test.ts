import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultConfig, mergeConfig, parseConfig } from '../../server/src/core/config';
import { ConfigFinder } from '../../server/src/node/config-file';

test('a valid configuration keeps the defaults for what it does not set', () => {
  const { config, problems } = parseConfig('{ "rules": { "action-due": "off" }, "owners": ["Mei Tanaka"] }');
  assert.deepEqual(problems, []);
  assert.deepEqual(config, { ...defaultConfig(), rules: { 'action-due': 'off' }, owners: ['Mei Tanaka'] });
});

test('broken JSON is reported with its line and column, and the defaults are used', () => {
  const { config, problems } = parseConfig('{\n  "rules": {\n    "placeholder": "off",\n  }\n}');
  assert.deepEqual(config, defaultConfig());
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^not valid JSON: .* at line 4, column 3$/);
});

test('values the schema does not allow are reported one by one', () => {
  const { config, problems } = parseConfig('{ "rules": { "no-such-rule": "off", "range": "loud" }, "owners": "Mei", "colour": 1 }');
  assert.deepEqual(config, defaultConfig());
  assert.deepEqual(problems.sort(), [
    '"owners" must be array',
    '"rules" must NOT have additional properties: "no-such-rule" is not a known setting',
    '"rules.range" must be equal to one of the allowed values: use one of off, hint, info, warning, error',
    'the top level must NOT have additional properties: "colour" is not a known setting',
  ]);
});

test('settings from the editor, then the file on top', () => {
  const merged = mergeConfig({ ...defaultConfig(), rules: { placeholder: 'error', range: 'off' }, owners: ['A'] }, { rules: { placeholder: 'hint' }, owners: ['B'] });
  assert.deepEqual([merged.rules, merged.owners], [{ placeholder: 'hint', range: 'off' }, ['B', 'A']]);
});

test('the nearest .postmortemrc.json up the tree applies', () => {
  const root = mkdtempSync(join(tmpdir(), 'pm-finder-'));
  mkdirSync(join(root, 'team', 'postmortems'), { recursive: true });
  writeFileSync(join(root, '.postmortemrc.json'), '{ "owners": ["Root"] }');
  writeFileSync(join(root, 'team', '.postmortemrc.json'), '{ "owners": ["Team"] }');
  const finder = new ConfigFinder();
  assert.deepEqual(finder.forFile(join(root, 'team', 'postmortems', 'a.md')).config.owners, ['Team']);
  assert.deepEqual(finder.forFile(join(root, 'b.md')).config.owners, ['Root']);
  assert.equal(finder.forFile(join(root, 'team', 'x.md')).path, join(root, 'team', '.postmortemrc.json'));
});

test('events: the team\'s words per event kind are read, an unknown kind or an empty word is refused, the nearer file wins', () => {
  const { config, problems } = parseConfig('{ "events": { "detection": ["pager went off"], "resolved": ["all green"] } }');
  assert.deepEqual(problems, []);
  assert.deepEqual(config.events, { detection: ['pager went off'], resolved: ['all green'] });
  const bad = parseConfig('{ "events": { "ending": ["done"], "start": [""] } }');
  assert.deepEqual(bad.config, defaultConfig());
  assert.deepEqual(bad.problems.sort(), ['"events" must NOT have additional properties: "ending" is not a known setting', '"events.start.0" must NOT have fewer than 1 characters']);
  const merged = mergeConfig({ ...defaultConfig(), events: { start: ['kick-off'] } }, { events: { detection: ['beeped'] } });
  assert.deepEqual(merged.events, { detection: ['beeped'] });
  assert.equal(mergeConfig(defaultConfig(), {}).events, undefined);
});
