import type { Config } from './config';
import type { Metrics } from './metrics';
import type { PostMortem } from './model';
import type { Range, SourceText } from './text';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe to apply without looking, as part of "fix all". */
  safe?: boolean;
}

/** What a rule reports; the engine adds the rule id and the configured severity. */
export interface Finding {
  range: Range;
  message: string;
  fixes?: Fix[];
}

export interface Diagnostic extends Finding {
  code: string;
  severity: Severity;
}

/** What fixes may fill in that the document does not say: today's date, the writer's name. */
export interface FixContext {
  today?: string;
  author?: string;
}

export interface RuleContext {
  model: PostMortem;
  src: SourceText;
  metrics: Metrics;
  config: Config;
  fix: FixContext;
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
  check(ctx: RuleContext): Finding[];
}
