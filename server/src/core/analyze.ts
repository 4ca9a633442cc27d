import type { Deadline } from './budget';
import { type Config, defaultConfig } from './config';
import { computeMetrics, type MeasuredMetrics } from './metrics';
import type { PostMortem } from './model';
import { parse } from './parse';
import { Memo } from './memo';
import { type EventWords, eventWords } from './extract/timelines';
import { RULES } from './rules';
import { compareRanges } from './ranges';
import type { Diagnostic, Finding, FixContext, Severity } from './diagnostic';
import type { SourceText } from './text';
import type { TextViews } from './views';
import { doneWords, isFinished } from './vocabulary';
import { type BlockParse, parseBlocks } from './markdown';
import type { TeamTemplate } from './team-template';
import { templateCompleteness } from './unfilled-slots';
import { type Traceability, traceability } from './traceability';

export interface Analysis {
  model: PostMortem;
  src: SourceText;
  /** The parse the model came from; `renderBlocks` turns it into HTML without parsing again. */
  blocks: BlockParse;
  /** The views the extraction read (views.ts), kept for the next version's analysis. */
  views?: TextViews;
  metrics: MeasuredMetrics;
  /** Which causes each action item addresses: computed once, read by the rule, hover, code actions and the preview. */
  trace: Traceability;
  diagnostics: Diagnostic[];
  /** The team's template the document was read against, if any. */
  template?: TeamTemplate;
  /** The configuration it was analysed with: what the views built on it (ticket links) follow too. */
  config: Config;
  /** What the next version's analysis may reuse: results by the text they were read from (memo.ts). */
  memo?: Memo;
}

export interface AnalyzeOptions {
  config?: Config;
  fix?: FixContext;
  /** Checked at each block, extraction step and rule: an overrun throws BudgetExceeded. */
  deadline?: Deadline;
  /** The team's template, derived once per template file (deriveTemplate): its slots left in are reported. */
  template?: TeamTemplate;
  /** False to read and measure only, without the rules (no diagnostics): what the workspace report needs. */
  check?: boolean;
  /**
   * The analysis of the document's previous version: its parse is reused where the edit did not
   * reach, and its rows, cells and blocks are read again only where their text changed (the result is the same).
   */
  previous?: Analysis;
  /**
   * Keep what the next version's analysis reuses (results by the text they were read from, the
   * views): for a document being edited. Implied by `previous`; a one-off analysis keeps nothing.
   */
  remember?: boolean;
}

const LEVEL: Record<string, Severity | undefined> = { hint: 'hint', info: 'information', warning: 'warning', error: 'error' };

/** The last team's event words compiled, kept while the configuration's list is the same object. */
let compiled: { events: NonNullable<Config['events']>; words: EventWords } | undefined;

function teamEvents(events: NonNullable<Config['events']>): EventWords {
  if (compiled?.events !== events) compiled = { events, words: eventWords(events) };
  return compiled.words;
}

/** The last team's done words, kept while the configuration's list is the same object. */
let compiledDone: { words: readonly string[]; set: ReadonlySet<string> | undefined } | undefined;

function teamDone(words: readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (!words) return undefined;
  if (compiledDone?.words !== words) compiledDone = { words, set: doneWords(words) };
  return compiledDone.set;
}

/** The one analysis: parse, measure, check. Every face (server, CLI, preview) calls this. */
export function analyze(text: string, options: AnalyzeOptions = {}): Analysis {
  const config = options.config ?? defaultConfig();
  const { deadline } = options;
  const done = teamDone(config.doneStatuses);
  const remember = options.remember === true || options.previous !== undefined;
  const memo = new Memo(options.previous?.memo, remember);
  const previous = options.previous;
  const { model, src, blocks, views } = parse(text, deadline, {
    ...(config.events ? { events: teamEvents(config.events) } : {}),
    ...(done ? { done } : {}),
    previous: previous && { src: previous.src, blocks: previous.blocks, views: previous.views, model: previous.model },
    memo,
  });
  deadline?.check();
  const metrics = computeMetrics(model);
  if (options.template) Object.assign(metrics, templateCompleteness(model, src, options.template));
  const trace = traceability(model, src, memo, previous?.trace);
  const status = model.metadata.statusValue;
  const byStatus: Record<'status' | 'final', Severity> = {
    status: status === 'Draft' ? 'warning' : 'error',
    final: isFinished(status) ? 'warning' : 'hint',
  };
  const diagnostics: Diagnostic[] = [];
  for (const rule of options.check === false ? [] : RULES) {
    const level = config.rules[rule.id];
    if (level === 'off') continue;
    deadline?.check();
    for (const finding of rule.check({ model, src, metrics, trace, config, fix: options.fix ?? {}, template: options.template, memo })) {
      const severity = (level && LEVEL[level]) ?? finding.severity ?? (rule.severity === 'status' || rule.severity === 'final' ? byStatus[rule.severity] : rule.severity);
      diagnostics.push(diagnostic(finding, rule.id, severity));
    }
  }
  diagnostics.sort((a, b) => compareRanges(a.range, b.range));
  memo.settle();
  return { model, src, blocks, ...(remember ? { views, memo } : {}), metrics, trace, diagnostics, config, ...(options.template ? { template: options.template } : {}) };
}

/**
 * A finding as a diagnostic: its fields, then the rule's id and the severity, in the order a spread
 * would give them. Written out, as a spread of findings of several shapes is V8's slow generic copy
 * (5 % of a keystroke's time for 323 findings).
 */
function diagnostic({ range, message, fixes, severity: own }: Finding, code: string, severity: Severity): Diagnostic {
  if (own === undefined) return fixes ? { range, message, fixes, code, severity } : { range, message, code, severity };
  return fixes ? { range, message, fixes, severity, code } : { range, message, severity, code };
}

/**
 * The analysis without its tokens, which are about 40 % of what it holds, nor what it kept for
 * its next version (views, memo): what the server keeps of a document that is not being edited.
 * Its `blocks` are parsed again from its text each time they are asked for (the preview's render);
 * the model, metrics and diagnostics are the same objects. Its next version is analysed afresh.
 */
export function withoutTokens(analysis: Analysis): Analysis {
  const { text } = analysis.src;
  const kept: Analysis = { ...analysis };
  delete kept.views;
  delete kept.memo;
  return Object.defineProperty(kept, 'blocks', { get: () => parseBlocks(text), enumerable: true });
}
