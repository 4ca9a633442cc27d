import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ErrorCodes, type ResponseError } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core/analyze';
import { defaultConfig } from '../../server/src/core/config';
import { LARGE_DOCUMENT_CHARS } from '../../server/src/lsp/analyses';
import type { RenderParams, RenderResult } from '../../shared/protocol';
import { bodyPieces, renderBody } from '../../server/src/render/body';
import { absoluteLines, applyPatch, markedBlocks, markedBody } from '../../server/src/render/patch';
import { renderPage } from '../../server/src/render/page';
import { lineOf, readExample, readRepoFile } from '../paths';
import { at, today, useServer } from './client';

const CHECKOUT = readExample('2026-03-14-checkout-latency-post-mortem.md');
const CSS = readRepoFile('media/preview.css');
const TODAY = '2026-04-01';
/** The resolution's time in the timeline: 15:12 there, edited to 15:22 (MTTR 1h 10m to 1h 20m). */
const RESOLVED = lineOf(CHECKOUT, '| 15:12 | Incident declared resolved');
const resolvedTime = { start: at(RESOLVED, 2).start, end: at(RESOLVED, 7).start };

const client = useServer();
let opened = 0;

async function open(text = CHECKOUT): Promise<string> {
  const uri = client.uri(`checkout-${++opened}-post-mortem.md`);
  await client.open(uri, text);
  return uri;
}

const render = (params: RenderParams) => client.request<RenderResult>('postmortem/render', params);

/** The server's analysis of `text`, made here: the same settings and fix context. */
const analysis = (text: string) => analyze(text, { config: defaultConfig(), fix: { today: today(), author: 'Test Author' } });

test('a document no longer being edited keeps its model, not its tokens: its preview is the same', async () => {
  const uri = await open();
  const before = await render({ uri, today: TODAY });
  // Another document analysed after it makes it the older one: the server lets its tokens go.
  await client.diagnostics(await open(CHECKOUT.replace('Checkout', 'Basket')), 1);
  await client.diagnostics(uri, 1);
  assert.equal((await render({ uri, today: TODAY })).html, before.html);
});

test('the body is the renderer’s for the analysed version, with the computed metrics', async () => {
  const uri = await open();
  const { version, html } = await render({ uri, today: TODAY });
  assert.equal(version, 1);
  assert.equal(html, renderBody(analysis(CHECKOUT), { today: TODAY }));
  assert.match(html, /data-metric="mttd" data-minutes="12"[^>]*><dt>MTTD<\/dt><dd>12m<\/dd>/);
  assert.match(html, /data-metric="mttr" data-minutes="70"[^>]*><dt>MTTR<\/dt><dd>1h 10m<\/dd>/);
  assert.match(html, /data-metric="duration" data-minutes="70"/);
  assert.doesNotMatch(html, /<html|<style|<script/);

  // Edited: the next render is of the new version, metrics and all.
  const edited = await client.change(uri, [{ range: resolvedTime, text: '15:22' }]);
  const next = await render({ uri, today: TODAY });
  assert.equal(next.version, edited);
  assert.match(next.html, /data-metric="mttr" data-minutes="80"[^>]*><dt>MTTR<\/dt><dd>1h 20m<\/dd>/);
});

test('showProblems: false leaves the problems out; today decides what is past due and defaults to the server’s', async () => {
  const uri = await open(CHECKOUT.replace('| **Severity** | P1 |', '| **Severity** | {{SEVERITY}} |'));
  const expected = analysis(client.text(uri));
  assert.equal((await render({ uri, today: TODAY, showProblems: false })).html, renderBody(expected, { today: TODAY, showProblems: false }));
  assert.notEqual(renderBody(expected, { today: TODAY }), renderBody(expected, { today: TODAY, showProblems: false }));
  assert.equal((await render({ uri, today: '2099-01-01' })).html, renderBody(expected, { today: '2099-01-01' }));
  assert.notEqual(renderBody(expected, { today: TODAY }), renderBody(expected, { today: '2099-01-01' }));
  assert.equal((await render({ uri })).html, renderBody(expected, { today: today() }));
});

test('standalone: the whole page with its stylesheet inline and no script, as `postmortem render` writes it', async () => {
  const uri = await open();
  const { version, html } = await render({ uri, today: TODAY, standalone: true });
  assert.equal(version, 1);
  assert.equal(html, renderPage(analysis(CHECKOUT), { css: CSS, today: TODAY }));
  assert.match(html, /^<!DOCTYPE html>/);
  assert.ok(html.includes(`<style>${CSS}</style>`));
  assert.match(html, /<dt>MTTR<\/dt><dd>1h 10m<\/dd>/);
  assert.doesNotMatch(html, /<script/);
});

test('a large document renders from its analysis in the worker', async () => {
  const rows = Array.from({ length: 4000 }, (_, i) => `| 2026-03-14 14:${String(i % 60).padStart(2, '0')} | checkout-api-${i % 13} | 200 | /v1/orders/${i} slow query |`);
  const text = `${CHECKOUT}\n## Appendix: request log\n\n| Time | Host | Status | Request |\n|------|------|--------|---------|\n${rows.join('\n')}\n`;
  assert.ok(text.length > LARGE_DOCUMENT_CHARS);
  const uri = await open(text);
  const edited = await client.change(uri, [{ range: resolvedTime, text: '15:22' }]);
  const [body, page] = await Promise.all([render({ uri, today: TODAY }), render({ uri, today: TODAY, standalone: true })]);
  assert.deepEqual([body.version, page.version], [edited, edited]);
  const expected = analysis(client.text(uri));
  assert.equal(body.html, renderBody(expected, { today: TODAY }));
  assert.equal(page.html, renderPage(expected, { css: CSS, today: TODAY }));
  assert.match(body.html, /<dt>MTTR<\/dt><dd>1h 20m<\/dd>/);
  assert.ok(body.html.includes('/v1/orders/3999 slow query'));
});

test('incremental: marked blocks and an id, then only the differences from the render the page shows', async () => {
  const uri = await open();
  const first = await render({ uri, today: TODAY, incremental: {} });
  const blocks = markedBlocks(bodyPieces(analysis(CHECKOUT), { today: TODAY }));
  assert.deepEqual([first.html, first.patch], [markedBody(blocks), undefined]);
  assert.ok(first.id);
  // Each line counted from the one before it (render/patch.ts): added up, renderBody's.
  assert.equal(markedBody(absoluteLines(blocks)).replaceAll(/<!--pm-(part|block)-->/g, ''), renderBody(analysis(CHECKOUT), { today: TODAY }));

  const edited = await client.change(uri, [{ range: resolvedTime, text: '15:22' }]);
  const next = await render({ uri, today: TODAY, incremental: { since: first.id } });
  assert.equal(next.version, edited);
  assert.equal(next.html, '');
  assert.equal(next.patch?.from, first.id);
  assert.notEqual(next.id, first.id);
  const after = markedBlocks(bodyPieces(analysis(client.text(uri)), { today: TODAY }));
  assert.deepEqual(applyPatch(blocks, next.patch!.runs), after);
  // The blocks the edit did not touch are kept, not sent again.
  assert.ok(next.patch!.runs.some((run) => 'old' in run && run.count > 5), JSON.stringify(next.patch));

  // A render the server no longer has (or never made): the whole body again.
  const unknown = await render({ uri, today: TODAY, incremental: { since: 'gone' } });
  assert.deepEqual([unknown.html, unknown.patch], [markedBody(after), undefined]);
  // The webview's page carries the render's id for its first patch.
  const page = await render({ uri, today: TODAY, incremental: {}, webview: { cspSource: 'vscode-resource:', nonce: 'bm9uY2U=', styleUri: 'style.css', scriptUri: 'script.js' } });
  assert.ok(page.html.includes(`<main id="preview-root" data-render="${page.id}">`));
  // Without incremental, nothing changes for other editors.
  assert.deepEqual(Object.keys(await render({ uri, today: TODAY })).sort(), ['html', 'version']);
});

test('an unknown document or a malformed date is an InvalidParams error', async () => {
  const uri = await open();
  const failure = (params: unknown) => client.request('postmortem/render', params).then(() => assert.fail('should fail'), (e: ResponseError<unknown>) => [e.code, e.message]);
  assert.deepEqual(await failure({ uri: 'file:///nowhere/x.md' }), [ErrorCodes.InvalidParams, 'Unknown document: file:///nowhere/x.md']);
  assert.deepEqual(await failure({}), [ErrorCodes.InvalidParams, 'Unknown document: undefined']);
  assert.deepEqual(await failure({ uri, today: '2026-02-30' }), [ErrorCodes.InvalidParams, 'Invalid date: "2026-02-30", not YYYY-MM-DD']);
  assert.equal((await render({ uri, today: TODAY })).version, 1);
});
