/**
 * The one way text from the document reaches the HTML the preview builds itself (markdown-it
 * escapes what it renders): every title, cell, mermaid entry and placeholder goes through
 * `escapeHtml`, in element content and in double-quoted attributes alike.
 */
import { linkWords, strongWords } from './inline-marks';
import { PLACEHOLDER } from '../core/vocabulary';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const SPECIAL = /[&<>"']/;

export function escapeHtml(text: string): string {
  // Most text has nothing to escape: the test is cheaper than the replace, on every cell of a long timeline.
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]) : text;
}

function unmarked(text: string): string {
  return /[[*_]/.test(text) ? strongWords(linkWords(text)).trim() : text.trim();
}

/** A cell or field as readable text, for SVG labels and tooltips: Markdown marks dropped. */
export function readableText(text: string): string {
  return unmarked(text).replace(/`([^`]+)`/g, '$1');
}

/** A cell or field as HTML: escaped, code spans kept as code, unfilled `{{PLACEHOLDERS}}` marked. */
export function inlineHtml(text: string): string {
  return escapeHtml(unmarked(text))
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(PLACEHOLDER, (p) => `<span class="placeholder">${p}</span>`);
}

/** The attribute that makes an element reveal its source line when clicked in the webview (0-based). */
export function dataLine(line: number): string {
  return ` data-line="${line}"`;
}

/** Before a line label's `data-line`: render/patch.ts leaves the label's number out of its comparisons, and the page sets it from the line. */
export const LINE_LABEL_OPEN = '<span class="ln"';

/**
 * A 1-based line number as text, tied to its 0-based `data-line`: when lines are inserted above,
 * the patching preview sets it again from its line (media/preview.js relabel), rather than
 * receiving its element again.
 */
export function lineLabel(line: number): string {
  return `${LINE_LABEL_OPEN}${dataLine(line)}>${line + 1}</span>`;
}

/** A `title` tooltip of several lines. */
export function titleAttr(lines: string[]): string {
  return ` title="${lines.map(escapeHtml).join('&#10;')}"`;
}

/** "1 item", "3 items", "2 entries". */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** The `img-src` of a page's policy: images inline (`data:`), and from the web only when remote images are on. */
export function imgSrc(remoteImages: boolean | undefined, ...sources: string[]): string {
  return `img-src ${[...sources, ...(remoteImages === true ? ['https:'] : []), 'data:'].join(' ')}`;
}

/** A whole HTML page around the preview's body: `csp` is the page's content security policy, `head` its stylesheet. */
export function htmlPage({ title, csp, head, body, bodyClass, tail = '', rootAttrs = '' }: { title: string; csp: string; head: string; body: string; bodyClass: string; tail?: string; rootAttrs?: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(title)}</title>
${head}
</head>
<body class="${bodyClass}">
<main id="preview-root"${rootAttrs}>
${body}
</main>
${tail}</body>
</html>`;
}
