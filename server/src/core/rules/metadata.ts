import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import schema from '../../../../schemas/postmortem-metadata.schema.json';
import type { Field } from '../model';
import { type MetadataProperty, allowedValues, isDateRange } from '../metadata-values';
import { RangesByLine } from '../ranges';
import { optionList } from '../team-template';
import type { Finding } from '../diagnostic';
import type { Rule } from '../rule';
import { INCIDENT_ID_KEYS, isPlaceholder, plainText, statusKind } from '../vocabulary';

type Property = MetadataProperty;

const PROPERTY_OF_KEY: [(key: string) => boolean, Property][] = [
  [(key) => INCIDENT_ID_KEYS.includes(key), 'incidentId'],
  [(key) => key === 'severity', 'severity'],
  [(key) => key === 'status', 'status'],
  [(key) => key === 'post mortem date', 'postMortemDate'],
  [(key) => key === 'date', 'date'],
];

const HOW: Record<Property, (allowed: string) => string> = {
  incidentId: () => 'write it as INC-YYYY-SEQ, like INC-2026-042',
  severity: (allowed) => `use one of ${allowed}`,
  status: (allowed) => `use one of ${allowed}`,
  postMortemDate: () => 'write it as YYYY-MM-DD',
  date: () => 'write it as YYYY-MM-DD',
};

/**
 * One validator for the fields whose form is fixed. The severity's allowed values come from the
 * configuration, so it is checked against the list itself: compiling a validator per list would
 * cost a compile per configuration and keep every list ever seen.
 */
const fixedProperties = Object.fromEntries(Object.entries(schema.properties).filter(([property]) => property !== 'severity'));
let validateFixed: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!validateFixed) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv, ['date']);
    validateFixed = ajv.compile({ ...schema, properties: fixedProperties });
  }
  return validateFixed;
}

/**
 * Metadata validated against schemas/postmortem-metadata.schema.json: Incident ID, severity,
 * status, dates, where the document uses our template's metadata (see allowedValues). A status
 * that is the incident's (`Resolved`) or the document's under another name (`Reviewed`) is fine.
 */
export const metadata: Rule = {
  id: 'metadata',
  description: 'A metadata value of the wrong form: Incident ID, severity, status or date.',
  details:
    "A metadata value of the wrong form, checked against `schemas/postmortem-metadata.schema.json` where the document uses our template's metadata (its sections or the `Field | Value` table): Incident ID `INC-YYYY-SEQ`, Severity `P0`–`P4` (or the configured `severities`, checked in every post-mortem; or, against a team's template, the list the template gives as its Severity value, the template's other forms being its own), Status Draft / In Review / Final / Approved, dates `YYYY-MM-DD`. A Status naming the incident's state (`Resolved`, `Mitigated`, `Ongoing`) or the document's in other words (`Reviewed`, `Published`) is not reported, nor is a date range.",
  severity: 'status',
  check({ model, config, template }) {
    const fields = new Map<Property, Field>();
    const choices = new RangesByLine(model.choices.map((c) => c.range));
    for (const field of model.metadata.fields) {
      const property = PROPERTY_OF_KEY.find(([matches]) => matches(field.key))?.[1];
      const text = field.value.text;
      // Placeholders and option lists are reported by their own rules.
      if (!property || !text || isPlaceholder(text) || choices.within(field.value.range) || (template && optionList(text))) continue;
      if (!fields.has(property) || field.source === 'table') fields.set(property, field);
    }
    const data: Record<string, string> = {};
    for (const [property, field] of fields) {
      const text = plainText(field.value.text);
      if (!allowedValues(property, model, config, template)) continue;
      // The incident's status, or ours in other words; a date range: none is a wrong form.
      if (property === 'status' && statusKind(text) !== undefined) continue;
      if ((property === 'date' || property === 'postMortemDate') && isDateRange(text)) continue;
      data[property] = text;
    }
    const findings: Finding[] = [];
    const report = (property: Property, allowed: string[]) => {
      const field = fields.get(property);
      if (field) findings.push({ range: field.value.range, message: `${field.label} "${data[property]}" is not valid: ${HOW[property](allowed.join(', '))}.` });
    };
    const severities = allowedValues('severity', model, config, template)?.values;
    if ('severity' in data && severities && !severities.includes(data.severity)) report('severity', severities);
    const validate = validator();
    if (!validate(data)) {
      for (const error of validate.errors ?? []) report(error.instancePath.slice(1) as Property, (error.params as { allowedValues?: string[] }).allowedValues ?? []);
    }
    return findings;
  },
};
