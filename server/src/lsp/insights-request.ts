import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { buildInsights } from '../core/insights';
import { isIsoDate, localDate } from '../core/iso-date';
import { insightsWebviewHtml, renderInsightsBody, renderInsightsPage } from '../render/insights';
import { WORKSPACE_INSIGHTS_REQUEST, type WorkspaceInsightsResult } from '../../../shared/protocol';
import { optionalObject, optionalString, paramsObject } from './params';
import { shell } from './render-request';
import type { Session } from './session';
import type { WorkspaceIndex } from './workspace-index';

/** While the index is still being made, the page says so: a `changed` notification brings the rest. */
function withNotice(body: string, indexing: boolean): string {
  return indexing ? `<p class="note" role="status">Still indexing the workspace's post-mortems: the page updates as they are read.</p>\n${body}` : body;
}

/** A YYYY-MM-DD parameter, when given. */
function optionalDate(name: string, value: unknown): string | undefined {
  const date = optionalString(name, value);
  if (date !== undefined && !isIsoDate(date)) throw new ResponseError(ErrorCodes.InvalidParams, `Invalid ${name}: ${JSON.stringify(date)}, not a real date written YYYY-MM-DD`);
  return date;
}

/**
 * `postmortem/workspace/insights`: the Insights page over the workspace index's summaries, as the
 * webview's page, its body, or the exported page (shared/protocol.ts WorkspaceInsightsParams).
 */
export function registerInsightsRequest(session: Session, index: WorkspaceIndex): void {
  session.connection.onRequest(WORKSPACE_INSIGHTS_REQUEST, async (raw: unknown): Promise<WorkspaceInsightsResult> => {
    const params = paramsObject(raw);
    const since = optionalDate('since', params.since);
    const until = optionalDate('until', params.until);
    if (since !== undefined && until !== undefined && since > until) throw new ResponseError(ErrorCodes.InvalidParams, `Invalid period: since ${since} is after until ${until}`);
    const today = optionalDate('today', params.today) ?? localDate(new Date());
    const webview = shell(optionalObject('webview', params.webview));
    const standalone = optionalObject('standalone', params.standalone);
    const base = standalone === undefined ? undefined : optionalString('standalone.base', standalone.base);
    if (base !== undefined && !base.startsWith('file:')) throw new ResponseError(ErrorCodes.InvalidParams, `Invalid standalone.base: ${JSON.stringify(base)}, expected a file: URI`);

    const { entries, indexing } = await index.summaries();
    const insights = buildInsights(entries, today, { ...(since === undefined ? {} : { since }), ...(until === undefined ? {} : { until }) });
    const html = standalone
      ? renderInsightsPage(insights, { kind: 'files', ...(base === undefined ? {} : { base }) })
      : webview
        ? insightsWebviewHtml(webview, withNotice(renderInsightsBody(insights, { kind: 'webview' }), indexing))
        : withNotice(renderInsightsBody(insights, { kind: 'webview' }), indexing);
    return { html, postMortems: insights.report.postMortems, indexing };
  });
}
