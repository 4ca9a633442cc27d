import type schema from '../../../schemas/postmortem-metadata.schema.json';
import type { Config } from './config';
import type { PostMortem } from './model';
import type { TeamTemplate } from './team-template';
import { followsTemplate } from './template';
import { parseDate } from './time';

/** The metadata fields whose form is fixed: the properties of schemas/postmortem-metadata.schema.json. */
export type MetadataProperty = keyof typeof schema.properties;

/**
 * Whether the document's metadata is written in our template's form: it follows the template's
 * sections, or gives its fields in the `Field | Value` table. Only then are its values held to our
 * template's forms; a team's own post-mortem is not told to use P0–P4 or INC-YYYY-SEQ.
 */
function usesOurMetadata(model: PostMortem, config: Config): boolean {
  return followsTemplate(model, config.requiredSections) || model.metadata.fields.some((f) => f.source === 'table');
}

/**
 * The one place that decides what a metadata field may hold: the values it is checked against,
 * or `undefined` when it is not checked. Severity: the configured `severities` when the team set
 * them; else, with a team template, the list the template gives as its Severity value; else ours
 * (P0–P4) in a document that uses our template's metadata. The other properties: our schema's
 * forms, in such a document only, and never against a team template, which sets its own forms.
 */
export function allowedValues(property: MetadataProperty, model: PostMortem, config: Config, template?: TeamTemplate): { values?: string[] } | undefined {
  if (property === 'severity' && config.severitiesGiven) return { values: config.severities };
  if (template) {
    const options = property === 'severity' ? template.fieldOptions.find((f) => f.key === 'severity')?.options : undefined;
    return options ? { values: options } : undefined;
  }
  if (property === 'severity') return usesOurMetadata(model, config) ? { values: config.severities } : undefined;
  return usesOurMetadata(model, config) ? {} : undefined;
}

/** `2026-01-14 – 2026-01-19`, `2026-01-14 to 2026-01-19`, `January 14-19, 2026`: a date range, each end a date. */
export function isDateRange(text: string): boolean {
  const short = /^([A-Za-z]+\.?) (\d{1,2}) ?[-–] ?(\d{1,2}),? (\d{4})$/.exec(text);
  if (short) return parseDate(`${short[1]} ${short[2]}, ${short[4]}`) !== undefined && parseDate(`${short[1]} ${short[3]}, ${short[4]}`) !== undefined;
  for (const separator of [' – ', ' — ', ' - ', ' to ', '–']) {
    const at = text.indexOf(separator);
    if (at > 0) return parseDate(text.slice(0, at)) !== undefined && parseDate(text.slice(at + separator.length)) !== undefined;
  }
  return false;
}

