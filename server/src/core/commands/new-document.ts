import { isIsoDate, localDate } from '../iso-date';
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

/** What is wrong with each of the answers given, in a sentence that says what to write; nothing for a right one. */
export function checkNewPostMortem(answers: Partial<NewPostMortem>): Partial<Record<keyof NewPostMortem, string>> {
  const problems: Partial<Record<keyof NewPostMortem, string>> = {};
  const { incidentId, severity, title, incidentDate } = answers;
  if (incidentId !== undefined && !INCIDENT_ID.test(incidentId.trim())) problems.incidentId = 'Write the incident ID as INC-YYYY-SEQ, like INC-2026-042';
  if (severity !== undefined && !severity.trim()) problems.severity = 'Pick a severity';
  if (title !== undefined && !title.trim()) problems.title = 'Give the post-mortem a title';
  if (incidentDate !== undefined && !isIsoDate(incidentDate.trim())) problems.incidentDate = 'Write the date as YYYY-MM-DD, a day that exists';
  return problems;
}

/** What New Post-Mortem from Template starts from on `now`: this year's incident ID prefix and the day. */
export function newPostMortemDefaults(now: Date): Pick<NewPostMortem, 'incidentId' | 'incidentDate'> {
  return { incidentId: `INC-${now.getFullYear()}-`, incidentDate: localDate(now) };
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
 * A new post-mortem from the team's own template: its text as the team wrote it, with the title
 * given as its H1 (the first one, else a new first line). Its slots stay for the writer to fill
 * in, and `unfilled` points at each one left.
 */
export function newFromTeamTemplate(text: string, { title }: Pick<NewPostMortem, 'title'>): string {
  const lines = text.split('\n');
  const h1 = lines.findIndex((line) => /^ {0,3}#(?:[ \t]|$)/.test(line));
  if (h1 < 0) return `# ${title.trim()}\n\n${text}`;
  lines[h1] = `# ${title.trim()}${lines[h1].endsWith('\r') ? '\r' : ''}`;
  return lines.join('\n');
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
