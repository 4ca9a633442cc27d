// A language client for the tests: starts dist/server.js (--stdio, or --node-ipc as VS Code does) and speaks JSON-RPC to it with
// vscode-languageserver-protocol, answering the server's requests (configuration, registrations,
// applyEdit) the way an editor does and keeping its own copy of each open document. Its lifecycle
// for a test file is `useServer()`, for one test `withServer()`: each LSP test starts a server so.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { after, before } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  type ApplyWorkspaceEditParams,
  type ClientCapabilities,
  type ConfigurationParams,
  IPCMessageReader,
  IPCMessageWriter,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type RegistrationParams,
  type ShowMessageParams,
  StreamMessageReader,
  StreamMessageWriter,
  type TextEdit,
  type WorkspaceEdit,
  createProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { localDate } from '../../server/src/core/iso-date';
import { ROOT, fixturePath, readFixture } from '../paths';

/** Today as the server fills it in (the writer's time zone). */
export const today = (): string => localDate(new Date());

export const SERVER = join(ROOT, 'dist', 'server.js');
/** LSP's DiagnosticSeverity for the core's severities, written out independently of the server's own table. */
export const SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 } as const;
/** test/fixtures/lsp: what the server's workspace folder starts as (a copy of it). */
export const WORKSPACE = fixturePath('lsp');

export const CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
  },
  textDocument: { publishDiagnostics: { versionSupport: true } },
};

export interface ClientOptions {
  /** The `postmortem` settings section the client answers workspace/configuration with. */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  /** `ipc` as VS Code starts the server (`--node-ipc`), else `--stdio` as other editors do. */
  transport?: 'stdio' | 'ipc';
  /** More environment for the server, such as POSTMORTEM_TEST_BUDGET_MS. */
  env?: Record<string, string>;
  /** The folder of test/fixtures (or an absolute path) the workspace is a copy of: `lsp` unless given. */
  workspace?: string;
  /** The `initializationOptions` the client sends (VS Code's: `{ workspaceIndex: true }`). */
  initializationOptions?: unknown;
  /**
   * `latest`: keep only each document's last publishDiagnostics, as an editor does, rather than
   * every one (the benchmark: a history of hundreds of large messages slows the client's own
   * garbage collection, which a latency measured through it would count).
   */
  published?: 'all' | 'latest';
}

type Waiter = { uri: string; matches: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void };

export class TestClient {
  /** Every publishDiagnostics, in order of arrival (each document's last only, with `published: 'latest'`). */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  /** Every window/logMessage: what the server writes to its output channel. */
  readonly logs: LogMessageParams[] = [];
  readonly registrations: Registration[] = [];
  readonly configurationRequests: ConfigurationParams[] = [];
  /** How many `postmortem/workspace/changed` notifications came. */
  workspaceChanges = 0;
  /** When the server's process was started (performance.now()), after the workspace was copied. */
  spawnedAt = 0;
  /** How many `workspace/diagnostic/refresh` requests came. */
  diagnosticRefreshes = 0;
  /** The values of every `$/progress` notification, in order. */
  readonly progress: unknown[] = [];
  readonly docs = new Map<string, TextDocument>();
  /** What the server answered to `initialize`: its capabilities. */
  initializeResult?: InitializeResult;
  settings: Record<string, unknown>;
  private waiters: Waiter[] = [];
  private stderr = '';
  private running?: { connection: ProtocolConnection; process: ChildProcess; root: string };

  /** A client not started yet: `start()` starts its server (`useServer` does it before a file's tests). */
  constructor(private readonly options: ClientOptions = {}) {
    this.settings = options.settings ?? {};
  }

  private get started() {
    if (!this.running) throw new Error('The test server is not started: start() it, or get it from useServer() or withServer()');
    return this.running;
  }

  get connection(): ProtocolConnection {
    return this.started.connection;
  }

  /** The server's workspace folder: a copy of test/fixtures/lsp of its own. */
  get root(): string {
    return this.started.root;
  }

  /**
   * Starts the server in a copy of the fixtures (so tests may write config files), with a git
   * configuration of its own so that the author placeholder fills in as "Test Author".
   */
  static start(options: ClientOptions = {}): Promise<TestClient> {
    return new TestClient(options).start();
  }

  async start(): Promise<this> {
    if (this.running) throw new Error('The test server is started already');
    const { options } = this;
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'postmortem-lsp-')));
    cpSync(options.workspace === undefined ? WORKSPACE : isAbsolute(options.workspace) ? options.workspace : fixturePath(options.workspace), root, { recursive: true });
    const gitconfig = join(root, '.gitconfig-test');
    writeFileSync(gitconfig, '[user]\n\tname = Test Author\n');
    const ipc = options.transport === 'ipc';
    this.spawnedAt = performance.now();
    const common = { cwd: root, env: { ...process.env, GIT_CONFIG_GLOBAL: gitconfig, GIT_CONFIG_NOSYSTEM: '1', ...options.env } };
    const child = ipc
      ? fork(SERVER, ['--node-ipc'], { ...common, execArgv: [], stdio: ['pipe', 'pipe', 'pipe', 'ipc'] })
      : spawn(process.execPath, [SERVER, '--stdio'], { ...common, stdio: 'pipe' });
    const connection = ipc
      ? createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child))
      : createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.running = { connection, process: child, root };
    this.listen(connection, child);
    this.initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'fixtures' }],
      capabilities: options.capabilities ?? CAPABILITIES,
      ...(options.initializationOptions === undefined ? {} : { initializationOptions: options.initializationOptions }),
    });
    await connection.sendNotification('initialized', {});
    return this;
  }

  private listen(connection: ProtocolConnection, process: ChildProcess): void {
    process.stderr!.on('data', (chunk) => (this.stderr += chunk));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      if (this.options.published === 'latest') {
        const last = this.published.findIndex((p) => p.uri === params.uri);
        if (last >= 0) this.published.splice(last, 1);
      }
      this.published.push(params);
      const waiting = this.waiters.filter((w) => w.uri === params.uri && w.matches(params));
      this.waiters = this.waiters.filter((w) => !waiting.includes(w));
      for (const w of waiting) w.resolve(params);
    });
    connection.onNotification('window/showMessage', (params: ShowMessageParams) => void this.messages.push(params));
    connection.onNotification('window/logMessage', (params: LogMessageParams) => void this.logs.push(params));
    connection.onRequest('workspace/configuration', (params: ConfigurationParams) => {
      this.configurationRequests.push(params);
      return params.items.map((item) => (item.section === 'postmortem' ? this.settings : null));
    });
    connection.onRequest('client/registerCapability', (params: RegistrationParams) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    connection.onNotification('postmortem/workspace/changed', () => void this.workspaceChanges++);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => {
      this.diagnosticRefreshes++;
      return null;
    });
    connection.onNotification('$/progress', (params: { value: unknown }) => void this.progress.push(params.value));
    connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
      this.applyEdit(params.edit);
      return { applied: true };
    });
    connection.listen();
  }

  uri(path: string): string {
    return pathToFileURL(join(this.root, path)).href;
  }

  text(uri: string): string {
    return this.docs.get(uri)!.getText();
  }

  /** The next diagnostics published for `uri` after this call that match. Call before the action that causes them. */
  nextDiagnostics(uri: string, matches: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ uri, matches, resolve }));
  }

  /** The diagnostics of a document version: already published, or the next to be. */
  diagnostics(uri: string, version = this.docs.get(uri)!.version): Promise<PublishDiagnosticsParams> {
    const found = this.published.findLast((p) => p.uri === uri);
    return found?.version === version ? Promise.resolve(found) : this.nextDiagnostics(uri, (p) => p.version === version);
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    this.docs.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Opens test/fixtures/lsp/FIXTURE as the workspace's file AS (its own copy, by default); returns its URI. */
  async openFixture(fixture: string, as = fixture): Promise<string> {
    const uri = this.uri(as);
    await this.open(uri, readFixture('lsp', fixture));
    return uri;
  }

  /** Opens `text` as the file PATH of the workspace and waits for its first diagnostics; returns its URI. */
  async openLinted(path: string, text: string): Promise<string> {
    const uri = this.uri(path);
    await this.open(uri, text);
    await this.diagnostics(uri, 1);
    return uri;
  }

  /** Applies incremental changes, each to the text the previous one left (as LSP orders them), and sends them. */
  async change(uri: string, changes: { range: TextEdit['range']; text: string }[]): Promise<number> {
    const doc = this.docs.get(uri)!;
    const version = doc.version + 1;
    // Sent first: our copy of the text is a flat string, remade whole by each change (an editor's is not), so the
    // server's answer should not wait for it.
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    this.docs.set(uri, TextDocument.update(doc, changes, version));
    return version;
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** What an editor does with a WorkspaceEdit: refuse it for a version it no longer has, else apply it as one change. */
  async applyEdit(edit: WorkspaceEdit): Promise<number[]> {
    const byUri = edit.documentChanges
      ? edit.documentChanges.map((c) => {
          if (!('textDocument' in c)) throw new Error('unexpected resource operation');
          if (c.textDocument.version !== null && c.textDocument.version !== this.docs.get(c.textDocument.uri)?.version) throw new Error(`edit for version ${c.textDocument.version} of ${c.textDocument.uri}`);
          return [c.textDocument.uri, c.edits as TextEdit[]] as const;
        })
      : Object.entries(edit.changes ?? {});
    const versions: number[] = [];
    for (const [uri, edits] of byUri) {
      // Applied last to first, each range still means the text it was computed on.
      const ordered = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
      versions.push(await this.change(uri, ordered.map((e) => ({ range: e.range, text: e.newText }))));
    }
    return versions;
  }

  request<R>(method: string, params?: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** shutdown and exit, as an editor ends the session; then the workspace copy goes. Nothing to do if it never started. */
  async stop(): Promise<void> {
    if (!this.running) return;
    const { connection, process, root } = this.running;
    this.running = undefined;
    try {
      if (process.exitCode === null && process.signalCode === null) {
        const exited = new Promise((resolve) => process.once('exit', resolve));
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
        await exited;
      }
    } finally {
      connection.dispose();
      rmSync(root, { recursive: true, force: true });
    }
  }

  /** The server's process id, for the benchmark's memory reading. */
  get pid(): number {
    return this.started.process.pid!;
  }

  /** What the server wrote to stderr, for failure messages. */
  get errors(): string {
    return this.stderr;
  }
}

/**
 * The server of a test file: started before its first test, stopped (shutdown, exit) after its
 * last, whatever happened. The client can be used in the tests as it is returned.
 */
export function useServer(options: ClientOptions = {}): TestClient {
  const client = new TestClient(options);
  before(() => client.start());
  after(() => client.stop());
  return client;
}

/** Runs `body` against a server of its own, stopped afterwards whatever happens. */
export async function withServer(options: ClientOptions, body: (client: TestClient) => Promise<void>): Promise<void> {
  const client = await TestClient.start(options);
  try {
    await body(client);
  } finally {
    await client.stop();
  }
}

/** A position-only range, where a cursor stands. */
export function at(line: number, character: number) {
  return { start: { line, character }, end: { line, character } };
}
