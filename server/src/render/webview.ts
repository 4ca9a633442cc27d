import type { WebviewShell } from '../../../shared/protocol';
import { escapeHtml, htmlPage, imgSrc } from './html';

/** The host's strings (shared/protocol.ts), the body, and whether images from the web may load. */
export interface WebviewPage extends WebviewShell {
  /** `renderBody(…)`; later bodies arrive as `update` messages. */
  body: string;
  /** The `postmortem.preview.remoteImages` setting: the policy allows images from the web only when it is on. */
  remoteImages?: boolean;
  /** The render's id (`RenderResult.id`), when the body's blocks are marked for patches: the page's first `from`. */
  renderId?: string;
}

/** The content security policy of the webview page: its own nonce'd stylesheet and script, images, nothing else. */
function webviewCsp({ cspSource, nonce, remoteImages }: Pick<WebviewPage, 'cspSource' | 'nonce' | 'remoteImages'>): string {
  return `default-src 'none'; ${imgSrc(remoteImages, cspSource)}; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; form-action 'none'`;
}

/** The webview's whole page; the extension sets it as `webview.html` once and then posts updates. */
export function webviewHtml(shell: WebviewPage): string {
  const nonce = escapeHtml(shell.nonce);
  return htmlPage({
    title: 'Post-mortem preview',
    csp: webviewCsp(shell),
    head: `<link rel="stylesheet" href="${escapeHtml(shell.styleUri)}" nonce="${nonce}">`,
    body: shell.body,
    bodyClass: 'postmortem-preview',
    rootAttrs: shell.renderId === undefined ? '' : ` data-render="${escapeHtml(shell.renderId)}"`,
    tail: `<script nonce="${nonce}" src="${escapeHtml(shell.scriptUri)}"></script>\n`,
  });
}
