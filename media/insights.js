// @ts-check
/*
 * The Insights page's script in the VS Code webview, loaded with the page's nonce. Plain
 * JavaScript, no build step. It never navigates: a link to a post-mortem is posted to the
 * extension, which opens the file at its line; a link to a place in the page (a chart's point to
 * the list of its post-mortems) scrolls there and opens it; any other link does nothing.
 */
(function () {
  'use strict';

  /** @typedef {import('../shared/protocol').InsightsToExtension} InsightsToExtension */
  /** @typedef {import('../shared/protocol').ExtensionToInsights} ExtensionToInsights */

  /** @type {{ postMessage(message: InsightsToExtension): void }} */
  // @ts-ignore: VS Code defines acquireVsCodeApi in every webview.
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('preview-root'));

  window.addEventListener('message', (event) => {
    /** @type {ExtensionToInsights} */
    const message = event.data;
    // The body is the server's, every text from the documents escaped; the policy runs no script in it.
    if (message?.type === 'update' && typeof message.body === 'string') root.innerHTML = message.body;
  });

  /** Scrolls to the element a `#fragment` names, opening it when it is a list of post-mortems. @param {string} fragment */
  function goTo(fragment) {
    let id = fragment;
    try {
      id = decodeURIComponent(fragment);
    } catch {
      // A malformed escape names nothing.
    }
    const target = document.getElementById(id);
    if (!target) return;
    if (target instanceof HTMLDetailsElement) target.open = true;
    target.scrollIntoView({ block: 'center' });
    const summary = target.querySelector('summary');
    (summary ?? target).focus?.({ preventScroll: true });
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const link = target?.closest('a[href]');
    if (!link) return;
    // VS Code's own click handler, on the window below, would open http(s), mailto and vscode links itself.
    event.preventDefault();
    event.stopPropagation();
    const href = link.getAttribute('href') ?? '';
    const line = Number(link.getAttribute('data-line'));
    if (href.startsWith('#')) goTo(href.slice(1));
    else if (link.classList.contains('pm-open') && Number.isInteger(line) && line >= 0) vscode.postMessage({ type: 'open', uri: href, line });
  });

  // A middle click would open the link in a new window: never navigate.
  document.addEventListener('auxclick', (event) => {
    if (event.target instanceof Element && event.target.closest('a[href]')) event.preventDefault();
  });
})();
