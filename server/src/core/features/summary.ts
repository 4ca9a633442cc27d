import type { Analysis } from '../analyze';
import { formatMinutes } from '../duration';
import { type Metrics, minutesFromStart, measuredTimeline } from '../metrics';
import type { Status } from '../model';
import { isMissingOwner } from '../owners';
import type { Diagnostic } from '../diagnostic';
import type { Range } from '../text';
import { sectionMatches, template } from '../template';
import { statusBlockers } from '../blockers';

export interface TimelineEntrySummary {
  line: number;
  time: string;
  event: string;
  marker?: string;
  markerKind?: string;
  /** Minutes from the incident start; null when unreadable or before a start exists. */
  minutesFromStart: number | null;
  readable: boolean;
}

export interface ActionItemSummary {
  line: number;
  number: string;
  group: string;
  action: string;
  owner: string;
  due: string;
  priority: string;
  /** An open item without an owner. */
  missingOwner: boolean;
  /** Done: `[x]`, struck through, a Done status. */
  done: boolean;
}

/** What the preview shows (the `postmortem/analysis` result but for the document's identity). */
export interface AnalysisSummary {
  title?: string;
  status: Status;
  incidentId?: string;
  severity?: string;
  metrics: Metrics;
  /** The metrics as the editor shows them (the status bar): "1h 10m", null when the timeline does not give one; counts with their nouns. */
  metricsText: { mttd: string | null; mttr: string | null; duration: string | null; withoutOwner: string; placeholdersLeft: string };
  /** The timeline the metrics come from. */
  timeline: TimelineEntrySummary[];
  actionItems: ActionItemSummary[];
  /** Without their fixes: those travel with code actions. */
  diagnostics: Omit<Diagnostic, 'fixes'>[];
  /** Unfilled placeholders in document order, for placeholder navigation and filling. */
  placeholders: { name: string; range: Range }[];
  /** The template's sections in template order, and whether the document has each. */
  sections: { name: string; present: boolean }[];
  /** What still stands in the way of leaving Draft ("3 placeholders not filled in"). */
  blockers: string[];
}

/** The model's headline fields, metrics, timeline, action items and diagnostics, so the preview never parses. */
export function summarize(analysis: Analysis): AnalysisSummary {
  const { model, metrics, diagnostics } = analysis;
  const timeline = measuredTimeline(model);
  const { metadata } = model;
  return {
    title: model.sections.find((s) => s.level === 1)?.title,
    status: metadata.statusValue,
    incidentId: metadata.incidentId?.value.text,
    severity: metadata.severity?.value.text,
    metrics,
    metricsText: metricsText(metrics),
    timeline: timeline
      ? timeline.entries.map((entry) => ({
          line: entry.startLine,
          time: entry.time.text,
          event: entry.event.text,
          marker: entry.marker?.label,
          markerKind: entry.marker?.kind,
          minutesFromStart: minutesFromStart(timeline, entry),
          readable: entry.at !== undefined,
        }))
      : [],
    actionItems: model.actionItems.map((item) => ({
      line: item.line,
      number: item.number,
      group: item.group,
      action: item.action?.text ?? '',
      owner: item.owner?.text ?? '',
      due: item.due?.text ?? '',
      priority: item.priority?.text ?? '',
      missingOwner: !item.done && isMissingOwner(item.owner?.text),
      done: item.done,
    })),
    diagnostics: withoutFixes(diagnostics),
    placeholders: model.placeholders.map(({ name, range }) => ({ name, range })),
    sections: analysis.template ? teamSections(analysis) : template().sections.map((t) => ({ name: t.name, present: model.sections.some((s) => sectionMatches(s, t.name)) })),
    blockers: statusBlockers(analysis),
  };
}

/** The team template's sections below its title, and whether the document has each (by title). */
function teamSections({ model, template: team }: Analysis): AnalysisSummary['sections'] {
  const titles = new Set(model.sections.map((s) => s.title.toLowerCase()));
  const top = Math.min(...team!.sections.map((s) => s.level));
  const below = team!.sections.filter((s) => s.level > top || team!.sections.filter((o) => o.level === top).length > 1);
  return below.map((s) => ({ name: s.title, present: titles.has(s.title.toLowerCase()) }));
}

/**
 * Diagnostics as published: what is wrong and where, not how to fix it. One without fixes is
 * itself; one with them is written out (a rest pattern is V8's slow generic copy, and the server
 * asks for these at every keystroke).
 */
export function withoutFixes(diagnostics: Diagnostic[]): Omit<Diagnostic, 'fixes'>[] {
  const published = new Array<Omit<Diagnostic, 'fixes'>>(diagnostics.length);
  for (let i = 0; i < diagnostics.length; i++) {
    const d = diagnostics[i];
    published[i] = d.fixes === undefined ? d : { range: d.range, message: d.message, code: d.code, severity: d.severity };
  }
  return published;
}

export function metricsText({ mttdMinutes, mttrMinutes, durationMinutes, actionItems, placeholdersLeft }: Metrics): AnalysisSummary['metricsText'] {
  const duration = (minutes: number | null) => (minutes === null ? null : formatMinutes(minutes));
  const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  return {
    mttd: duration(mttdMinutes),
    mttr: duration(mttrMinutes),
    duration: duration(durationMinutes),
    withoutOwner: count(actionItems.withoutOwner, 'action item'),
    placeholdersLeft: count(placeholdersLeft, 'placeholder'),
  };
}
