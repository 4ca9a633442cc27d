import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { isIsoDate, localDate } from '../core/iso-date';
import { BudgetExceeded } from '../core/budget';
import { webviewHtml } from '../render/webview';
import { RENDER_REQUEST, type RenderParams, type RenderResult, type WebviewShell } from '../../../shared/protocol';
import { budgetMessage } from './budgets';
import { optionalBoolean, optionalObject, requiredString } from './params';
import type { Session } from './session';

/**
 * `postmortem/render`: the preview's body, the webview's whole page around it, or the exported
 * page, from the cached analysis, so the client never parses. A render past its budget is abandoned: the request fails with the reason,
 * logged once per document version.
 */
export function registerRenderRequest(session: Session): void {
  /** The version whose overrun each document last logged. */
  const logged = new Map<string, number>();
  session.documents.onDidClose(({ document }) => logged.delete(document.uri));
  session.connection.onRequest(RENDER_REQUEST, async (params: RenderParams): Promise<RenderResult> => {
    const handle = await session.analysisOf(params);
    if (handle.exceeded) throw new ResponseError(LSPErrorCodes.RequestFailed, budgetMessage('check', handle.exceeded.budgetMs));
    const today = params.today ?? localDate(new Date());
    const showProblems = optionalBoolean('showProblems', params.showProblems);
    const standalone = optionalBoolean('standalone', params.standalone);
    const remoteImages = optionalBoolean('remoteImages', params.remoteImages) === true;
    const webview = shell(optionalObject('webview', params.webview));
    if (typeof today !== 'string' || !isIsoDate(today)) throw new ResponseError(ErrorCodes.InvalidParams, `Invalid date: ${JSON.stringify(today)}, not YYYY-MM-DD`);
    // Loaded on demand, as the CLI does: the stylesheet is text only in the bundle (esbuild.mjs).
    const css = standalone === true ? (await import('../../../media/preview.css')).default : undefined;
    try {
      const html = await handle.run('render', { today, showProblems, remoteImages, css, budgetMs: handle.budgetMs });
      return { version: handle.version, html: webview ? webviewHtml({ ...webview, body: html, remoteImages }) : html };
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      const message = budgetMessage('preview', e.budgetMs);
      if (logged.get(params.uri) !== handle.version) session.connection.console.log(`${params.uri} (version ${handle.version}): ${message}`);
      logged.set(params.uri, handle.version);
      throw new ResponseError(LSPErrorCodes.RequestFailed, message);
    }
  });
}

/** The webview's page needs all of the host's four strings. */
function shell(webview: Record<string, unknown> | undefined): WebviewShell | undefined {
  if (!webview) return undefined;
  const { cspSource, nonce, styleUri, scriptUri } = webview;
  return {
    cspSource: requiredString('webview.cspSource', cspSource),
    nonce: requiredString('webview.nonce', nonce),
    styleUri: requiredString('webview.styleUri', styleUri),
    scriptUri: requiredString('webview.scriptUri', scriptUri),
  };
}
