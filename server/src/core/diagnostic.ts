import type { Range } from './text';

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
  /** This finding's own severity where it differs from the rule's (a configured level still wins). */
  severity?: Severity;
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
