import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { isIsoDate, localDate } from '../core/calendar';
import { RENDER_REQUEST, type RenderParams, type RenderResult } from '../protocol';
import type { Session } from './session';

/** `postmortem/render`: the preview's body (or the exported page) from the cached analysis, so the client never parses. */
export function registerRenderRequest(session: Session): void {
  session.connection.onRequest(RENDER_REQUEST, async (params: RenderParams): Promise<RenderResult> => {
    const handle = await session.analysisOf(params);
    const { today = localDate(new Date()), showProblems, standalone, remoteImages } = params;
    if (!isIsoDate(today)) throw new ResponseError(ErrorCodes.InvalidParams, `Invalid date: ${JSON.stringify(today)}, not YYYY-MM-DD`);
    // Loaded on demand, as the CLI does: the stylesheet is text only in the bundle (esbuild.mjs).
    const css = standalone === true ? (await import('../../../media/preview.css')).default : undefined;
    return { version: handle.version, html: await handle.run('render', { today, showProblems, remoteImages: remoteImages === true, css }) };
  });
}
