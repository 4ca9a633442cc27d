import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { CONFIG_FILE_NAME, defaultConfig } from '../core/config';
import { checkNewPostMortem, newDocumentFolder, newFromTeamTemplate, newPostMortem, newPostMortemDefaults } from '../core/commands/new-document';
import { vocabulary } from '../core/vocabulary';
import { SETTING_DEFAULTS } from '../core/setting-defaults';
import {
  CHECK_NEW_DOCUMENT_REQUEST,
  type CheckNewDocumentResult,
  NEW_DOCUMENT_FORM_REQUEST,
  NEW_DOCUMENT_REQUEST,
  type NewDocumentFields,
  type NewDocumentFormResult,
  type NewDocumentResult,
} from '../../../shared/protocol';
import { paramsObject, requiredString } from './params';
import type { Session } from './session';

const FIELDS = ['incidentId', 'severity', 'title', 'incidentDate'] as const satisfies readonly (keyof NewDocumentFields)[];

/**
 * New Post-Mortem from Template, which needs no open document: `postmortem/newDocumentForm` (where
 * it goes, the words and answers to offer), `postmortem/checkNewDocument` (each answer as it is
 * typed) and `postmortem/newDocument` (the text).
 */
export function registerNewDocument(session: Session): void {
  const { connection } = session;
  connection.onRequest(NEW_DOCUMENT_FORM_REQUEST, async (params: unknown): Promise<NewDocumentFormResult> => {
    const fields = paramsObject(params);
    const root = fields.workspaceFolder === undefined ? undefined : requiredString('workspaceFolder', fields.workspaceFolder);
    const folder = fields.folder === undefined ? SETTING_DEFAULTS.newDocumentFolder : requiredString('folder', fields.folder);
    let folderUri: string | undefined;
    if (root !== undefined) {
      let segments: string[];
      try {
        segments = newDocumentFolder(folder);
      } catch (e) {
        throw new ResponseError(ErrorCodes.InvalidParams, (e as Error).message);
      }
      folderUri = [root.endsWith('/') ? root.slice(0, -1) : root, ...segments.map(encodeURIComponent)].join('/');
    }
    // The settings of a file in that folder: the nearest `.postmortemrc.json` from there up applies.
    const { config } = folderUri === undefined ? { config: defaultConfig() } : await session.settings.forDocument(`${folderUri}/${CONFIG_FILE_NAME}`);
    return { folderUri, vocabulary: vocabulary(config), defaults: newPostMortemDefaults(new Date()) };
  });
  connection.onRequest(CHECK_NEW_DOCUMENT_REQUEST, (params: unknown): CheckNewDocumentResult => {
    const fields = paramsObject(params);
    const given: Partial<NewDocumentFields> = {};
    for (const name of FIELDS) if (fields[name] !== undefined) given[name] = requiredString(name, fields[name]);
    return { problems: checkNewPostMortem(given) };
  });
  connection.onRequest(NEW_DOCUMENT_REQUEST, async (params: unknown): Promise<NewDocumentResult> => {
    const fields = paramsObject(params);
    const folderUri = fields.folderUri === undefined ? undefined : requiredString('folderUri', fields.folderUri);
    const answers: NewDocumentFields = {
      incidentId: requiredString('incidentId', fields.incidentId).trim(),
      severity: requiredString('severity', fields.severity).trim(),
      title: requiredString('title', fields.title).trim(),
      incidentDate: requiredString('incidentDate', fields.incidentDate).trim(),
    };
    const problem = Object.values(checkNewPostMortem(answers))[0];
    if (problem) throw new ResponseError(ErrorCodes.InvalidParams, problem);
    // The team's template where the document goes (the nearest up from its folder), else ours.
    const uri = folderUri?.startsWith('file:') ? `${folderUri.replace(/\/$/, '')}/${encodeURIComponent(answers.incidentId)}.md` : undefined;
    const team = uri === undefined ? undefined : (await session.settings.forDocument(uri)).templateFor('');
    if (uri !== undefined) session.settings.drop(uri);
    return { text: team ? newFromTeamTemplate(team.text, answers) : newPostMortem(answers) };
  });
}
