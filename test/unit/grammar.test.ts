import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { type IGrammar, INITIAL, Registry, parseRawGrammar } from 'vscode-textmate';
import { ROOT } from '../paths';

const INJECTION = 'markdown.postmortem.injection';

/** VS Code's own Markdown grammar with ours injected, as the extension's `injectTo` sets it up. */
async function markdownGrammar(): Promise<IGrammar> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const files: Record<string, string> = {
    'text.html.markdown': require.resolve('tm-grammars/grammars/markdown.json'),
    [INJECTION]: join(ROOT, 'syntaxes', 'postmortem.injection.tmLanguage.json'),
  };
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (files[scope] ? parseRawGrammar(readFileSync(files[scope], 'utf8'), files[scope]) : null),
    getInjections: (scope) => (scope === 'text.html.markdown' ? [INJECTION] : undefined),
  });
  return (await registry.loadGrammar('text.html.markdown'))!;
}

/** Each token of the last line whose scopes include a post-mortem scope: "text → scope". */
async function highlights(lines: string[]): Promise<string[]> {
  const grammar = await markdownGrammar();
  let state = INITIAL;
  let found: string[] = [];
  for (const line of lines) {
    const { tokens, ruleStack } = grammar.tokenizeLine(line, state);
    state = ruleStack;
    found = tokens.flatMap((t) => {
      const scope = t.scopes.find((s) => s.endsWith('.postmortem') && !s.startsWith('punctuation'));
      return scope ? [`${line.slice(t.startIndex, t.endIndex)} → ${scope}`] : [];
    });
  }
  return found;
}

test('placeholders, incident IDs and severities stand out in prose and tables', async () => {
  assert.deepEqual(await highlights(['| **Incident ID** | INC-2026-042 | P1 | {{FACILITATOR}} |']), [
    'INC-2026-042 → constant.other.incident-id.postmortem',
    'P1 → constant.language.severity.postmortem',
    '{{ → variable.other.placeholder.postmortem',
    'FACILITATOR → variable.other.placeholder.postmortem',
    '}} → variable.other.placeholder.postmortem',
  ]);
});

test('timeline times and markers stand out', async () => {
  assert.deepEqual(await highlights(['| 14:14 | On-call acknowledges | ← Detection (MTTD = T3 - T1) |']), [
    '14:14 → constant.numeric.time.postmortem',
    '← → keyword.control.marker.postmortem',
    ' Detection (MTTD = T3 - T1) → keyword.control.marker.postmortem',
  ]);
  assert.deepEqual(await highlights(['- 2024-09-20 11:21: pipeline unpaused at 2:54 PM PST']), [
    '2024-09-20 11:21 → constant.numeric.date-time.postmortem',
    '2:54 PM PST → constant.numeric.time.postmortem',
  ]);
  assert.deepEqual(await highlights(['**MTTD (Mean Time to Detect):** 12 minutes']), ['MTTD → support.constant.metric.postmortem']);
});

test('code and comments are left as Markdown colours them', async () => {
  assert.deepEqual(await highlights(['Deploy `{{ .Values.tag }}` at 14:05']), ['14:05 → constant.numeric.time.postmortem']);
  assert.deepEqual(await highlights(['```yaml', 'image: "{{ .Values.image }}" # 14:05']), []);
  assert.deepEqual(await highlights(['<!-- GUIDANCE: {{SEVERITY}} P1 -->']), []);
  assert.deepEqual(await highlights(['Version 10:30am-ish and ratio 3:1']), ['10:30am → constant.numeric.time.postmortem']);
});
