import type { Deadline } from './budget';
import { type Config, defaultConfig } from './config';
import { computeMetrics, type MeasuredMetrics } from './metrics';
import type { PostMortem } from './model';
import { parse } from './parse';
import { type EventWords, eventWords } from './extract/timelines';
import { RULES } from './rules';
import { compareRanges } from './ranges';
import type { Diagnostic, FixContext, Severity } from './diagnostic';
import type { SourceText } from './text';
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
  metrics: MeasuredMetrics;
  /** Which causes each action item addresses: computed once, read by the rule, hover, code actions and the preview. */
  trace: Traceability;
  diagnostics: Diagnostic[];
  /** The team's template the document was read against, if any. */
  template?: TeamTemplate;
  /** The configuration it was analysed with: what the views built on it (ticket links) follow too. */
  config: Config;
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
  /** The analysis of the document's previous version: its parse is reused where the edit did not reach (the result is the same). */
  previous?: Analysis;
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
  const { model, src, blocks } = parse(text, deadline, { ...(config.events ? { events: teamEvents(config.events) } : {}), ...(done ? { done } : {}), previous: options.previous?.blocks });
  deadline?.check();
  const metrics = computeMetrics(model);
  if (options.template) Object.assign(metrics, templateCompleteness(model, src, options.template));
  const trace = traceability(model, src);
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
    for (const finding of rule.check({ model, src, metrics, trace, config, fix: options.fix ?? {}, template: options.template })) {
      const severity = (level && LEVEL[level]) ?? finding.severity ?? (rule.severity === 'status' || rule.severity === 'final' ? byStatus[rule.severity] : rule.severity);
      diagnostics.push({ ...finding, code: rule.id, severity });
    }
  }
  diagnostics.sort((a, b) => compareRanges(a.range, b.range));
  return { model, src, blocks, metrics, trace, diagnostics, config, ...(options.template ? { template: options.template } : {}) };
}

/**
 * The analysis without its tokens, which are about 40 % of what it holds: what the server keeps of a
 * document that is not being edited. Its `blocks` are parsed again from its text each time they
 * are asked for (the preview's render, the next version's parse); everything else is the same object.
 */
export function withoutTokens(analysis: Analysis): Analysis {
  const { text } = analysis.src;
  return Object.defineProperty({ ...analysis }, 'blocks', { get: () => parseBlocks(text), enumerable: true });
}
