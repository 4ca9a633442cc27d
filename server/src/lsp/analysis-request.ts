import { ANALYSIS_REQUEST, type AnalysisParams, type AnalysisResult } from '../protocol';
import type { Session } from './session';

/** `postmortem/analysis`: everything the preview shows, from the same analysis, so the client never parses. */
export function registerAnalysisRequest(session: Session): void {
  session.connection.onRequest(ANALYSIS_REQUEST, async (params: AnalysisParams): Promise<AnalysisResult> => {
    const handle = await session.analysisOf(params);
    return { uri: params.uri, version: handle.version, isPostMortem: handle.isPostMortem, ...(await handle.run('summary')) };
  });
}
