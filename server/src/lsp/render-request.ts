import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { isIsoDate, localDate } from '../core/iso-date';
import { BudgetExceeded } from '../core/budget';
import { webviewHtml } from '../render/webview';
import { diffBlocks, markedBody } from '../render/patch';
import { RENDER_REQUEST, type PatchRun, type RenderParams, type RenderResult, type WebviewShell } from '../../../shared/protocol';
import { budgetMessage } from './budgets';
import { optionalBoolean, optionalObject, optionalString, requiredString } from './params';
import type { Session } from './session';

/** Renders kept per document for patches: the page's, and the one on its way to it. */
const KEPT_RENDERS = 2;


/** About what a patch weighs on the wire: its HTML and 40 characters a run. */
function patchLength(runs: PatchRun[]): number {
  return runs.reduce((n, run) => n + 40 + ('add' in run ? run.add.reduce((m, b) => m + b.length, 0) : 'in' in run ? patchLength(run.runs) : 0), 0);
}

/**
 * `postmortem/render`: the preview's body, the webview's whole page around it, or the exported
 * page, from the cached analysis, so the client never parses. A render past its budget is abandoned: the request fails with the reason,
 * logged once per document version.
 */
export function registerRenderRequest(session: Session): void {
  /** The version whose overrun each document last logged. */
  const logged = new Map<string, number>();
  /** Each document's last renders for a patching page, their blocks by render id: what a patch is computed from. */
  const shown = new Map<string, Map<string, string[]>>();
  let renders = 0;
  const remember = (uri: string, id: string, blocks: string[]) => {
    const ids = shown.get(uri) ?? new Map<string, string[]>();
    ids.set(id, blocks);
    // The page shows the last render, or the one before while the last is on its way.
    for (const old of ids.keys()) if (ids.size > KEPT_RENDERS) ids.delete(old);
    shown.set(uri, ids);
  };
  session.documents.onDidClose(({ document }) => {
    logged.delete(document.uri);
    shown.delete(document.uri);
  });
  session.connection.onRequest(RENDER_REQUEST, async (params: RenderParams): Promise<RenderResult> => {
    const handle = await session.analysisOf(params);
    if (handle.exceeded) throw new ResponseError(LSPErrorCodes.RequestFailed, budgetMessage('check', handle.exceeded.budgetMs));
    const today = params.today ?? localDate(new Date());
    const showProblems = optionalBoolean('showProblems', params.showProblems);
    const standalone = optionalBoolean('standalone', params.standalone);
    const remoteImages = optionalBoolean('remoteImages', params.remoteImages) === true;
    const webview = shell(optionalObject('webview', params.webview));
    const incremental = optionalObject('incremental', params.incremental);
    const since = incremental === undefined ? undefined : optionalString('incremental.since', incremental.since);
    if (typeof today !== 'string' || !isIsoDate(today)) throw new ResponseError(ErrorCodes.InvalidParams, `Invalid date: ${JSON.stringify(today)}, not YYYY-MM-DD`);
    // Loaded on demand, as the CLI does: the stylesheet is text only in the bundle (esbuild.mjs).
    const css = standalone === true ? (await import('../../../media/preview.css')).default : undefined;
    try {
      if (incremental && standalone !== true) {
        const blocks = await handle.run('renderBlocks', { today, showProblems, remoteImages, budgetMs: handle.budgetMs });
        const before = since === undefined ? undefined : shown.get(params.uri)?.get(since);
        const id = `${handle.version}.${++renders}`;
        remember(params.uri, id, blocks);
        const runs = before && diffBlocks(before, blocks);
        const body = markedBody(blocks);
        // Little kept (a paste over everything, every row renumbered): the whole body, which the page parses faster.
        if (runs && since !== undefined && patchLength(runs) < body.length / 2) return { version: handle.version, html: '', id, patch: { from: since, runs } };
        return { version: handle.version, id, html: webview ? webviewHtml({ ...webview, body, remoteImages, renderId: id }) : body };
      }
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
export function shell(webview: Record<string, unknown> | undefined): WebviewShell | undefined {
  if (!webview) return undefined;
  const { cspSource, nonce, styleUri, scriptUri } = webview;
  return {
    cspSource: requiredString('webview.cspSource', cspSource),
    nonce: requiredString('webview.nonce', nonce),
    styleUri: requiredString('webview.styleUri', styleUri),
    scriptUri: requiredString('webview.scriptUri', scriptUri),
  };
}
