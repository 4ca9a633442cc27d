import { fileURLToPath } from 'node:url';
import { type Connection, ErrorCodes, type InitializeParams, LSPErrorCodes, ResponseError, TextDocuments, type WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { localDate } from '../core/iso-date';
import type { TextEdit } from '../core/diagnostic';
import { Analyses } from './analyses';
import type { AnalysisHandle } from './analysis-handle';
import { gitUserName } from './fix-context';
import { SettingsStore } from './settings';

/** What the handlers share: the open documents, their settings and analyses, and what the client can do. */
export class Session {
  readonly documents = new TextDocuments(TextDocument);
  readonly analyses = new Analyses(() => ({ today: localDate(new Date()), author: this.author }), (message) => this.connection.console.log(message));
  settings!: SettingsStore;
  private author?: string;
  private documentChanges = false;

  constructor(readonly connection: Connection) {}

  async initialize(params: InitializeParams): Promise<void> {
    const workspace = params.capabilities.workspace;
    this.settings = new SettingsStore(this.connection, workspace?.configuration === true);
    this.documentChanges = workspace?.workspaceEdit?.documentChanges === true;
    const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    this.author = await gitUserName(root?.startsWith('file:') ? fileURLToPath(root) : process.cwd());
  }

  /** The workspace's `git config user.name`, when it has one. */
  get gitUser(): string | undefined {
    return this.author;
  }

  /** The open document a request names; an unknown document or a position outside it is an InvalidParams error. */
  document(textDocument: unknown, ...positions: unknown[]): TextDocument {
    const uri = (textDocument as { uri?: unknown } | undefined)?.uri;
    const doc = typeof uri === 'string' ? this.documents.get(uri) : undefined;
    if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `Unknown document: ${String(uri)}`);
    const bad = positions.findIndex((p) => !isPosition(p, doc.lineCount));
    if (bad >= 0) throw new ResponseError(ErrorCodes.InvalidParams, `Invalid position: ${JSON.stringify(positions[bad])}`);
    return doc;
  }

  /** The analysis of the document's current version that a request names, checked as `document` checks it. */
  async analysisOf(textDocument: unknown, ...positions: unknown[]): Promise<AnalysisHandle> {
    const doc = this.document(textDocument, ...positions);
    const settings = await this.settings.forDocument(doc.uri);
    if (this.documents.get(doc.uri) !== doc) throw new ResponseError(LSPErrorCodes.ContentModified, 'The document was closed');
    return this.analyses.get(doc, settings);
  }

  /** An edit of the analysed version: a client that knows versions refuses it once the text has moved on. */
  workspaceEdit(uri: string, version: number, edits: TextEdit[]): WorkspaceEdit {
    return this.documentChanges ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
  }
}

function isPosition(p: unknown, lineCount: number): boolean {
  const { line, character } = (p ?? {}) as { line?: unknown; character?: unknown };
  return Number.isInteger(line) && Number.isInteger(character) && (line as number) >= 0 && (line as number) < lineCount && (character as number) >= 0;
}
