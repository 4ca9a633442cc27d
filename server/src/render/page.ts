import { createHash } from 'node:crypto';
import type { Analysis } from '../core/analyze';
import { type RenderOptions, renderBody } from './body';
import { htmlPage, imgSrc, readableText } from './html';
import { titleSection } from './metrics-header';

/** The base64 SHA-256 of an inline stylesheet, for a policy's `style-src 'sha256-…'`: the one place the renderer hashes. */
export function styleHash(css: string): string {
  return createHash('sha256').update(css).digest('base64');
}

/**
 * A self-contained, printable HTML page (`postmortem render`): the preview's body with its
 * stylesheet inline and no script. The policy allows that one stylesheet by its hash, so the
 * same input gives the same bytes and nothing else can style, load or run; images from the web
 * load only with `remoteImages`.
 */
export function renderPage(analysis: Analysis, options: RenderOptions & { css: string }): string {
  const hash = styleHash(options.css);
  return htmlPage({
    title: readableText(titleSection(analysis.model)?.heading ?? 'Post-mortem'),
    csp: `default-src 'none'; ${imgSrc(options.remoteImages)}; style-src 'sha256-${hash}'; form-action 'none'; base-uri 'none'`,
    head: `<style>${options.css}</style>`,
    body: renderBody(analysis, options),
    bodyClass: 'postmortem-preview standalone',
  });
}
