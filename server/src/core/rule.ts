import type { Config } from './config';
import type { Memo } from './memo';
import type { Finding, FixContext, Severity } from './diagnostic';
import type { MeasuredMetrics } from './metrics';
import type { PostMortem } from './model';
import type { SourceText } from './text';
import type { TeamTemplate } from './team-template';
import type { Traceability } from './traceability';

export interface RuleContext {
  model: PostMortem;
  src: SourceText;
  metrics: MeasuredMetrics;
  /** The link graph of causes and action items (see traceability.ts); computed from the model when not given. */
  trace?: Traceability;
  config: Config;
  fix: FixContext;
  /** The team's template, when the document has one (see AnalyzeOptions.template). */
  template?: TeamTemplate;
  /** Results kept from the previous analysis of the document, by the text they were read from (see memo.ts). */
  memo?: Memo;
}

export interface Rule {
  /** Stable: used verbatim as the diagnostic code, in configuration and in the docs' anchors. */
  id: string;
  description: string;
  /** What it catches and how to fix it, for the README's rule reference. */
  details: string;
  /**
   * `status`: a warning in a Draft, an error once In Review, Final or Approved.
   * `final`: a hint until the document is Final or Approved, then a warning.
   */
  severity: Severity | 'status' | 'final';
  /**
   * Set when the rule's findings stand in the way of leaving Draft: how one and many are named
   * ("placeholder not filled in"), and where they come in the list of blockers.
   */
  blocksDraft?: { rank: number; one: string; many: string };
  /** Why the rule's findings matter, in a few sentences: the hover on a finding says it. */
  why?: string;
  check(ctx: RuleContext): Finding[];
}
