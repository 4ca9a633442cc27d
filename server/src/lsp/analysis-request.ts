import type { AnalysisSummary as CoreSummary } from '../core/features/summary';
import { vocabulary } from '../core/vocabulary';
import { ANALYSIS_REQUEST, type AnalysisParams, type AnalysisResult, type AnalysisSummary } from '../../../shared/protocol';
import type { Session } from './session';

/** `postmortem/analysis`: everything the preview shows, from the same analysis, so the client never parses; and the words the document may use. */
export function registerAnalysisRequest(session: Session): void {
  session.connection.onRequest(ANALYSIS_REQUEST, async (params: AnalysisParams): Promise<AnalysisResult> => {
    const handle = await session.analysisOf(params);
    const { config } = await session.settings.forDocument(params.uri);
    // The wire summary (shared/protocol.ts) is the core's written out: assignable both ways, or this does not compile.
    const summary: AnalysisSummary = await handle.run('summary');
    return { uri: params.uri, version: handle.version, isPostMortem: handle.isPostMortem, vocabulary: vocabulary(config), ...(summary satisfies CoreSummary) };
  });
}
