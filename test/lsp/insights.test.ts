import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import { WORKSPACE_INSIGHTS_REQUEST, type WorkspaceInsightsParams, type WorkspaceInsightsResult } from '../../shared/protocol';
import { readFixture } from '../paths';
import { CAPABILITIES, type TestClient, useServer } from './client';

// The server's workspace is a copy of test/fixtures/insights/postmortems: three post-mortems.
const client = useServer({ workspace: 'insights/postmortems', initializationOptions: { workspaceIndex: true }, capabilities: { ...CAPABILITIES, window: { workDoneProgress: true } } });

const TODAY = '2026-06-15';
const SHELL = { cspSource: 'vscode-webview://x', nonce: 'bm9uY2U=', styleUri: 'vscode-webview://x/preview.css', scriptUri: 'vscode-webview://x/insights.js' };

/** Asks for the insights until the index is idle. */
async function insights(c: TestClient, params: WorkspaceInsightsParams): Promise<WorkspaceInsightsResult> {
  for (let i = 0; ; i++) {
    const result = await c.request<WorkspaceInsightsResult>(WORKSPACE_INSIGHTS_REQUEST, params);
    if (!result.indexing) return result;
    if (i > 200) assert.fail('the index did not settle');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test('postmortem/workspace/insights: the page body over the index, each quarter linking to its incidents by URI and line', async () => {
  const { html, postMortems } = await insights(client, { today: TODAY });
  assert.equal(postMortems, 3);
  assert.ok(!html.startsWith('<!DOCTYPE'));
  const [login, api] = [client.uri('2026-01-10-login.md'), client.uri('2026-02-20-api.md')];
  assert.ok(html.includes(`<details id="quarter-2026-Q1"><summary>2026-Q1: 2 incidents, MTTD median 13m, MTTR median 48m</summary><ul><li><a class="pm-open" href="${login}" data-line="0">Login errors: post-mortem</a></li><li><a class="pm-open" href="${api}" data-line="0">API latency: post-mortem</a></li></ul></details>`));
  assert.ok(html.includes('<tr><th scope="row">API</th><td>2</td></tr>'));
  // A period: the post-mortems with an incident in it.
  assert.equal((await insights(client, { today: TODAY, since: '2026-02-01', until: '2026-02-28' })).postMortems, 1);
});

test('postmortem/workspace/insights: the webview page under the host’s nonce, and the exported page with links relative to its folder', async () => {
  const page = (await insights(client, { today: TODAY, webview: SHELL })).html;
  assert.ok(page.includes(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; img-src vscode-webview://x data:; style-src vscode-webview://x &#39;nonce-bm9uY2U=&#39;; script-src &#39;nonce-bm9uY2U=&#39;; form-action &#39;none&#39;">`));
  assert.ok(page.includes('<script nonce="bm9uY2U=" src="vscode-webview://x/insights.js"></script>'));
  const exported = (await insights(client, { today: TODAY, standalone: { base: client.uri('reports') } })).html;
  assert.doesNotMatch(exported, /<script/);
  assert.ok(exported.includes('<a href="../2026-05-02-dns.md">DNS outage: post-mortem</a> <span class="muted">line 1</span>'));
});

test('postmortem/workspace/insights: an open document counts as it stands in its editor', async () => {
  const uri = client.uri('2026-05-02-dns.md');
  await client.open(uri, readFixture('insights', 'postmortems', '2026-05-02-dns.md').replace('| **Systems** | DNS |', '| **Systems** | Edge DNS, API |'));
  const { html } = await insights(client, { today: TODAY });
  assert.ok(html.includes('<tr><th scope="row">API</th><td>3</td></tr>'));
  assert.ok(html.includes('<tr><th scope="row">Edge DNS</th><td>1</td></tr>'));
  await client.close(uri);
});

test('postmortem/workspace/insights: wrong params are the client’s error', async () => {
  const failure = (params: unknown) => client.request(WORKSPACE_INSIGHTS_REQUEST, params).then(() => undefined, (e: unknown) => (e instanceof ResponseError ? [e.code, e.message] : e));
  assert.deepEqual(await failure({ since: '2026-02-30' }), [ErrorCodes.InvalidParams, 'Invalid since: "2026-02-30", not a real date written YYYY-MM-DD']);
  assert.deepEqual(await failure({ since: '2026-03-01', until: '2026-02-01' }), [ErrorCodes.InvalidParams, 'Invalid period: since 2026-03-01 is after until 2026-02-01']);
  assert.deepEqual(await failure({ standalone: { base: 'https://example.com/' } }), [ErrorCodes.InvalidParams, 'Invalid standalone.base: "https://example.com/", expected a file: URI']);
});
