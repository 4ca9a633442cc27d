import { escapeHtml, htmlPage } from './html';

export interface WebviewShell {
  /** `webview.cspSource`: where the webview may load the stylesheet and images from. */
  cspSource: string;
  /** Fresh for every page, from crypto.randomBytes: only the page's own stylesheet and script carry it. */
  nonce: string;
  /** `webview.asWebviewUri(media/preview.css)` and `…/preview.js`, as strings. */
  styleUri: string;
  scriptUri: string;
  /** `renderBody(…)`; later bodies arrive as `update` messages (see protocol.ts). */
  body: string;
}

/** The content security policy of the webview page: its own nonce'd stylesheet and script, images, nothing else. */
function webviewCsp({ cspSource, nonce }: Pick<WebviewShell, 'cspSource' | 'nonce'>): string {
  return `default-src 'none'; img-src ${cspSource} https: data:; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; form-action 'none'`;
}

/** The webview's whole page; the extension sets it as `webview.html` once and then posts updates. */
export function webviewHtml(shell: WebviewShell): string {
  const nonce = escapeHtml(shell.nonce);
  return htmlPage({
    title: 'Post-mortem preview',
    csp: webviewCsp(shell),
    head: `<link rel="stylesheet" href="${escapeHtml(shell.styleUri)}" nonce="${nonce}">`,
    body: shell.body,
    bodyClass: 'postmortem-preview',
    tail: `<script nonce="${nonce}" src="${escapeHtml(shell.scriptUri)}"></script>\n`,
  });
}
