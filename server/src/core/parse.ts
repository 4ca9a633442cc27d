import type { Deadline } from './budget';
import { type BlockParse, parseBlocks } from './markdown';
import type { PostMortem } from './model';
import { Memo } from './memo';
import { SourceText, span, withoutBom } from './text';
import { type TextViews, buildViews } from './views';
import { type DocumentContext, outlineOf } from './extract/context';
import { extractSections } from './extract/sections';
import { extractTables } from './extract/tables';
import { extractFields } from './extract/fields';
import { extractMetadata, extractRootCauseCategory, extractStatedMetrics } from './extract/known-fields';
import { type EventWords, extractTimelines } from './extract/timelines';
import { extractIncidents } from './extract/incidents';
import { extractStatedFigures } from './extract/figures';
import { extractActionItems, extractApprovals, extractFactors, extractWhys } from './extract/records';
import { frontMatterTitle } from './front-matter';
import { extractChoices, extractExamples, extractPlaceholders } from './extract/marks';
import { extractSlots } from './extract/slots';
import { extractNarrative } from './extract/narrative';
import { extractListedFactors, rootCauseParagraph } from './extract/causes';

export interface Parsed {
  model: PostMortem;
  src: SourceText;
  /** markdown-it's block tokens, kept so the preview renders from the same parse. */
  blocks: BlockParse;
  /** The blanked views the extraction read: the next version's parse keeps them where its edit did not reach. */
  views: TextViews;
}

/** What a parse of the document's previous version lends the next one. */
export interface PreviousParse {
  src: SourceText;
  blocks: BlockParse;
  views?: TextViews;
  model?: PostMortem;
}

export interface ParseOptions {
  /** Event words with the team's own added (`eventWords(config.events)`); the core's by default. */
  events?: EventWords;
  /** The team's own done words for action items (`doneWords(config.doneStatuses)`), added to the core's. */
  done?: ReadonlySet<string>;
  /** Read as a team's template: keep the slots only a template has too (see extractSlots). */
  template?: boolean;
  /** The parse of the document's previous version: only the blocks an edit touches are parsed again, and viewed again. */
  previous?: PreviousParse;
  /** Results kept from the previous version's analysis, by the text they were read from; filled in for the next. */
  memo?: Memo;
}

/** Markdown text → the typed post-mortem model, every part with its exact source range; the deadline is checked at each block and step. */
export function parse(text: string, deadline?: Deadline, options: ParseOptions = {}): Parsed {
  /** Each extraction reads the whole document: the deadline is checked before each. */
  const step = <T>(extract: () => T): T => {
    deadline?.check();
    return extract();
  };
  const bare = withoutBom(text);
  const previous = options.previous;
  // Read before the parse, which may take the previous one's tokens over (see parseBlocks).
  const before = previous?.blocks;
  const beforeSrc = before?.state.src;
  const blocks = parseBlocks(bare, deadline, before);
  const tokens = blocks.tokens;
  // The previous version's lines and views are kept where the lines are the same, which the parse's
  // line splice tells only when neither version's line breaks were rewritten by markdown-it's normalize (\r).
  const sameLines = blocks.splice && previous?.views && blocks.state.src === bare && beforeSrc === previous.src.text;
  const src = new SourceText(bare, sameLines ? { src: previous.src, splice: blocks.splice! } : undefined);
  const views = step(() => buildViews(src, tokens, deadline, sameLines ? { views: previous.views!, splice: blocks.splice! } : undefined));
  const outline = outlineOf(tokens);
  const { sections, sectionOfLine } = step(() => extractSections(src, outline));
  const ctx: DocumentContext = { src, tokens, outline, views, sections, sectionOfLine, deadline, memo: options.memo ?? new Memo(undefined, false) };
  if (sameLines && previous.model) ctx.previous = { model: previous.model, splice: blocks.splice! };
  const tables = step(() => extractTables(ctx));
  const fields = step(() => extractFields(ctx, tables));
  const h1 = sections.find((s) => s.level === 1);
  const field = (key: RegExp) => fields.find((f) => key.test(f.key));
  const timelines = step(() => extractTimelines(ctx, tables, options.events));
  const statedMetrics = extractStatedMetrics(fields);
  const model: PostMortem = {
    title: h1 && span(h1.line, src.lines[h1.line], h1.range.start.character, h1.range.end.character),
    sections,
    tables,
    fields,
    metadata: extractMetadata(fields, sections),
    timelines,
    incidents: extractIncidents(ctx, timelines),
    statedMetrics,
    ...step(() => extractStatedFigures(ctx, timelines, statedMetrics)),
    whys: extractWhys(tables),
    rootCause: field(/^root cause$/),
    factors: step(() => [...extractFactors(tables), ...extractListedFactors(ctx)].sort((a, b) => a.line - b.line)),
    wentWrong: step(() => extractListedFactors(ctx, 'wentWrong')),
    actionItems: step(() => extractActionItems(ctx, tables, options.done)),
    followUpOwner: field(/^follow up owner$/),
    confidence: field(/^confidence\b/),
    approvals: extractApprovals(tables),
    placeholders: step(() => extractPlaceholders(ctx)),
    choices: step(() => extractChoices(ctx, tables, fields)),
    comments: views.comments,
    examples: step(() => extractExamples(ctx)),
    narrative: options.template ? [] : step(() => extractNarrative(ctx, tables)),
    slots: step(() => extractSlots(ctx, tables, options.template ?? false)),
    lineCount: src.lineCount,
  };
  const rootCauseCategory = extractRootCauseCategory(fields, sections);
  if (rootCauseCategory) model.rootCauseCategory = rootCauseCategory;
  if (!model.rootCause) {
    const paragraph = step(() => rootCauseParagraph(ctx));
    if (paragraph) model.rootCauseText = paragraph;
  }
  const named = frontMatterTitle(src.lines);
  if (named) model.frontMatterTitle = named;
  return { model, src, blocks, views };
}
