import { INCIDENT_ID } from '../vocabulary';
import { TEMPLATE_TEXT } from '../template';

export interface NewPostMortem {
  /** INC-YYYY-SEQ */
  incidentId: string;
  /** P0 to P4 */
  severity: string;
  title: string;
  /** YYYY-MM-DD */
  incidentDate: string;
}

/**
 * A new post-mortem from the bundled template with what the facilitator gave filled in: the title,
 * the incident ID (and its year and sequence wherever the template uses them), the severity and
 * the incident date (a metadata row); the status is Draft. Everything else stays a placeholder.
 */
export function newPostMortem({ incidentId, severity, title, incidentDate }: NewPostMortem): string {
  const id = INCIDENT_ID.exec(incidentId);
  if (!id) throw new Error(`"${incidentId}" is not an incident ID of the form INC-YYYY-SEQ`);
  return TEMPLATE_TEXT.replace(/^# Post-Mortem$/m, `# Post-Mortem: ${title.trim()}`)
    .replace(/\{\{YYYY\}\}/g, id[1])
    .replace(/\{\{SEQ\}\}/g, id[2])
    .replace(/INC-\{\{ID\}\}/g, incidentId)
    .replace(/^(\| \*\*Severity\*\* \| )P\{\{SEVERITY\}\}( \|)$/m, `$1${severity}$2\n| **Incident Date** | ${incidentDate} |`)
    .replace(/^(> \*\*Status:\*\* ).*$/m, '$1Draft')
    .replace(/^(\| \*\*Status\*\* \| ).*( \|)$/m, '$1Draft$2');
}

/**
 * The `postmortem.newDocument.folder` setting as path segments under the workspace folder. A
 * repository's own settings can set it, so it must stay inside: no absolute path, no `..`.
 */
export function newDocumentFolder(folder: string): string[] {
  const segments = folder.split(/[\\/]/).filter((s) => s !== '' && s !== '.');
  if (/^[\\/]|^[a-z]:/i.test(folder) || segments.includes('..')) {
    throw new Error(`The postmortem.newDocument.folder setting "${folder}" points outside the workspace; set it to a folder inside it, such as postmortems.`);
  }
  return segments;
}
