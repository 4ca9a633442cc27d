import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import { STATUSES } from '../core/vocabulary';
import type { TextEdit } from '../core/diagnostic';
import { SERVER_COMMANDS } from '../../../shared/protocol';
import type { AnalysisHandle } from './analysis-handle';
import { optionalArray, paramsObject } from './params';
import type { Session } from './session';

type Run = (handle: AnalysisHandle, args: unknown[]) => Promise<TextEdit[]>;

/** Each command: its label in the editor's undo history, and how it gets its edits from the analysis. A Map: a command named `constructor` is unknown. */
const COMMANDS = new Map<unknown, { label: string; run: Run }>([
  [SERVER_COMMANDS.fixAll, { label: 'Fix all safe post-mortem problems', run: (h) => h.run('fixAll') }],
  [SERVER_COMMANDS.sortTimeline, { label: 'Sort timeline', run: (h) => h.run('sortTimeline') }],
  [SERVER_COMMANDS.updateMetrics, { label: 'Update stated metrics', run: (h) => h.run('updateMetrics') }],
  [SERVER_COMMANDS.removeGuidance, { label: 'Remove guidance comments', run: (h) => h.run('removeGuidance') }],
  [SERVER_COMMANDS.insertSection, { label: 'Insert section', run: (h, [name]) => h.run('insertSection', text(name, 'section name')) }],
  [SERVER_COMMANDS.setStatus, { label: 'Set status', run: (h, [status]) => h.run('setStatus', oneOf(status, STATUSES)) }],
  [SERVER_COMMANDS.fillPlaceholder, { label: 'Fill placeholder', run: (h, [name, value]) => h.run('fillPlaceholder', text(name, 'placeholder name'), text(value, 'value')) }],
]);

/**
 * `workspace/executeCommand`: the document commands, each applied as one `workspace/applyEdit`
 * of the analysed version (so one undo step, and refused by the client if the text moved on).
 */
export function registerCommands(session: Session): void {
  const { connection } = session;
  connection.onExecuteCommand(async (params) => {
    const { command, arguments: args } = paramsObject(params);
    const entry = COMMANDS.get(command);
    if (!entry) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown command: ${String(command)}`);
    const [uri, ...rest] = optionalArray('arguments', args) ?? [];
    const handle = await session.analysisOf({ uri });
    const edits = handle.isPostMortem ? await entry.run(handle, rest) : [];
    if (!edits.length) return { applied: false };
    const { applied } = await connection.workspace.applyEdit({ label: entry.label, edit: session.workspaceEdit(uri as string, handle.version, edits) });
    return { applied };
  });
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string' || !value) throw new ResponseError(ErrorCodes.InvalidParams, `Expected a ${what}`);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) throw new ResponseError(ErrorCodes.InvalidParams, `Expected one of ${allowed.join(', ')}`);
  return value as T;
}
