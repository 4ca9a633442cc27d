import { escapeHtml, htmlPage, imgSrc } from './html';

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
  /** The `postmortem.preview.remoteImages` setting: the policy allows images from the web only when it is on. */
  remoteImages?: boolean;
}

/** The content security policy of the webview page: its own nonce'd stylesheet and script, images, nothing else. */
function webviewCsp({ cspSource, nonce, remoteImages }: Pick<WebviewShell, 'cspSource' | 'nonce' | 'remoteImages'>): string {
  return `default-src 'none'; ${imgSrc(remoteImages, cspSource)}; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; form-action 'none'`;
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
