import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { renderBody } from '../../server/src/render/body';
import { renderPage } from '../../server/src/render/page';
import { webviewHtml } from '../../server/src/render/webview';

const DOCUMENT = [
  '# Post-Mortem: DNS',
  '',
  '![Error rate](https://metrics.example/rate.png) ![](//tracker.example/p.gif) ![Plain](http://old.example/a.png)',
  '',
  '![Diagram](diagram.png) ![Inline](data:image/png;base64,iVBORw0KGgo=)',
  '',
  '[Runbook](//wiki.example/runbook) and [Status](https://status.example/)',
  '',
].join('\n');

const documentOf = (html: string) => html.slice(html.indexOf('<article class="document">'));

test('images from the web are links to their address by default, the alt text linking; others stay images', () => {
  const html = documentOf(renderBody(analyze(DOCUMENT)));
  assert.ok(html.includes('<a href="https://metrics.example/rate.png" class="remote-image" title="Image not loaded: https://metrics.example/rate.png">Error rate</a>'), html);
  assert.ok(html.includes('<a href="https://tracker.example/p.gif" class="remote-image" title="Image not loaded: https://tracker.example/p.gif">https://tracker.example/p.gif</a>'), html);
  assert.ok(html.includes('<a href="http://old.example/a.png" class="remote-image" title="Image not loaded: http://old.example/a.png">Plain</a>'), html);
  assert.deepEqual([...html.matchAll(/<img src="([^"]*)"/g)].map((m) => m[1]), ['diagram.png']);
});

test('with remoteImages the images from the web are images', () => {
  const html = documentOf(renderBody(analyze(DOCUMENT), { remoteImages: true }));
  assert.deepEqual([...html.matchAll(/<img src="([^"]*)"/g)].map((m) => m[1]), ['https://metrics.example/rate.png', 'https://tracker.example/p.gif', 'http://old.example/a.png', 'diagram.png']);
  assert.ok(!html.includes('remote-image'));
});

test('a scheme-relative link (//host) is a web link written out as https, never left to the page to complete', () => {
  for (const remoteImages of [false, true]) {
    const html = documentOf(renderBody(analyze(DOCUMENT), { remoteImages }));
    assert.deepEqual([...html.matchAll(/<a href="([^"]*)">/g)].map((m) => m[1]), ['https://wiki.example/runbook', 'https://status.example/']);
    assert.ok(!/(?:href|src)="\/\//.test(html), html);
  }
});

test('the page policies allow images from the web only with remoteImages', () => {
  const analysis = analyze(DOCUMENT);
  const imgSrc = (html: string) => /img-src [^;]*/.exec(html)?.[0];
  assert.equal(imgSrc(renderPage(analysis, { css: 'body {}' })), 'img-src data:');
  assert.equal(imgSrc(renderPage(analysis, { css: 'body {}', remoteImages: true })), 'img-src https: data:');
  const shell = { cspSource: 'vscode-resource:', nonce: 'bm9uY2U=', styleUri: 'preview.css', scriptUri: 'preview.js', body: '' };
  assert.equal(imgSrc(webviewHtml(shell)), 'img-src vscode-resource: data:');
  assert.equal(imgSrc(webviewHtml({ ...shell, remoteImages: true })), 'img-src vscode-resource: https: data:');
});
