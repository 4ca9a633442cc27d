// YAML front matter: read for the title and the status, hidden from the preview's document as
// VS Code's own Markdown preview hides it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { frontMatterEnd, frontMatterTitle } from '../../server/src/core/front-matter';
import { renderBody } from '../../server/src/render/body';

const DOC = `---
title: "2026-03-04 - Hub login loop"
exports:
  - format: md
    frontmatter:
      review_owner: Maya Okafor
---

## Summary

Logins looped for an hour.
`;

test('front matter: where it ends, its title, and a thematic break first that is none', () => {
  const lines = DOC.split('\n');
  assert.equal(frontMatterEnd(lines), 7);
  assert.deepEqual([frontMatterTitle(lines)?.text, frontMatterTitle(lines)?.range.start], ['2026-03-04 - Hub login loop', { line: 1, character: 8 }]);
  assert.equal(frontMatterEnd(['---', '', 'Text', '---']), 0);
  assert.equal(frontMatterEnd(['---', 'title: never closed']), 0);
});

test('the preview renders the document without its front matter, and a thematic break first as one', () => {
  const article = (text: string) => renderBody(analyze(text)).split('<article class="document">')[1];
  const html = article(DOC);
  assert.ok(!html.includes('review_owner') && !html.includes('exports'), html);
  assert.equal(html, '\n<h2 data-line="8">Summary</h2>\n<p data-line="10">Logins looped for an hour.</p>\n</article>');
  assert.match(article('---\n\nA paragraph after a break.\n'), /^\n<hr[^>]*>\n<p data-line="2">A paragraph after a break.<\/p>/);
});
