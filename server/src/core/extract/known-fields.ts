import { parseDuration } from '../duration';
import type { Field, Metadata, MetricKind, Section, StatedMetric, Status } from '../model';
import { INCIDENT_ID_KEYS, ROOT_CAUSE_CATEGORY_KEY, SERVICE_KEY, isPlaceholder, statusKind } from '../vocabulary';

/**
 * Metadata: the header blockquote (`> **Status:** Draft`) before the first section, and the
 * `Field | Value` table or label lines of the metadata section. Section 1's table wins over the
 * header when both give a field.
 */
export function extractMetadata(fields: Field[], sections: Section[]): Metadata {
  const isMetadata = (f: Field) => f.section === undefined || sections[f.section].level === 1 || sections[f.section].kind === 'metadata';
  const metadataFields = fields.filter(isMetadata);
  const pick = (matchesKey: (key: string) => boolean) => {
    const matches = metadataFields.filter((f) => matchesKey(f.key));
    return matches.find((f) => f.source === 'table') ?? matches[0];
  };
  const status = pick((k) => k === 'status');
  const services = pick((k) => SERVICE_KEY.test(k));
  return {
    fields: metadataFields,
    incidentId: pick((k) => INCIDENT_ID_KEYS.includes(k)),
    severity: pick((k) => k === 'severity'),
    status,
    ...(services ? { services } : {}),
    statusValue: statusOf(status?.value.text),
  };
}

/** The root cause's category: a `Root cause category` (`Cause type`) field anywhere, else a `Category` field of the Root Cause section. */
export function extractRootCauseCategory(fields: Field[], sections: Section[]): Field | undefined {
  return fields.find((f) => ROOT_CAUSE_CATEGORY_KEY.test(f.key)) ?? fields.find((f) => f.key === 'category' && f.section !== undefined && sections[f.section].kind === 'rootCause');
}

/**
 * The document's status as written (`Reviewed` read as Final, see DOCUMENT_STATUS_WORDS), or
 * Draft when it is missing, unresolved (`Draft / In Review / Final`), unknown, or the incident's
 * status (`Resolved`) rather than the document's.
 */
function statusOf(text: string | undefined): Status {
  const kind = statusKind(text ?? '');
  return typeof kind === 'object' ? kind.document : 'Draft';
}

const METRIC_LABELS: [MetricKind, RegExp][] = [
  ['mttd', /^mttd\b|^(mean )?time to detect(ion)?\b/],
  ['mttr', /^mttr\b|^(mean )?time to (resolve|resolution|recover|recovery|restore)\b/],
  ['duration', /^(total )?duration$/],
];

/** `**MTTD (Mean Time to Detect):** 12 minutes`, `Time to recovery: 13 minutes`, the impact table's Total duration. */
export function extractStatedMetrics(fields: Field[]): StatedMetric[] {
  const metrics: StatedMetric[] = [];
  for (const field of fields) {
    const kind = METRIC_LABELS.find(([, re]) => re.test(field.key))?.[0];
    if (!kind) continue;
    const text = field.value.text;
    metrics.push({ kind, field, stated: isPlaceholder(text) ? undefined : parseDuration(text) });
  }
  return metrics;
}
