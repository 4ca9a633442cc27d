/**
 * The system tools each command needs beyond `npm ci`, checked before it starts and installed with
 * apt-get when this process may (root, or `sudo -n`). Elsewhere it prints the exact command for the
 * package manager on the PATH (apt, dnf, apk, pacman, brew) and exits 2. Fast when everything is
 * there: a few PATH look-ups and `nvim --version`, no network.
 *
 *   node --import tsx scripts/preflight.ts start|test|lsp|browser|e2e
 *
 * POSTMORTEM_SKIP=browser,e2e,neovim runs `npm test` without those suites (and without their tools);
 * POSTMORTEM_CHROMIUM=/path/to/chromium names the Chromium the tests drive.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { isCodeServerInstalled } from './code-server';

/** What a command needs its tools for. */
export type Target = 'start' | 'test' | 'lsp' | 'browser' | 'e2e';
export const TARGETS: readonly Target[] = ['start', 'test', 'lsp', 'browser', 'e2e'];

/** The suites POSTMORTEM_SKIP may name, and what each is. */
export const SKIPPABLE = {
  browser: 'the preview in headless Chromium (npm run test:browser)',
  e2e: 'the end-to-end tests in code-server and Chromium (npm run test:e2e)',
  neovim: 'the language server in headless Neovim (test/lsp/neovim.test.ts)',
} as const;
export type Suite = keyof typeof SKIPPABLE;
export const SKIP_VARIABLE = 'POSTMORTEM_SKIP';

export type Manager = 'apt' | 'dnf' | 'apk' | 'pacman' | 'brew';
/** Looked for on the PATH in this order: the first found is the system's. */
const MANAGERS: [Manager, string][] = [['apt', 'apt-get'], ['dnf', 'dnf'], ['apk', 'apk'], ['pacman', 'pacman'], ['brew', 'brew']];

/** Where the machine is looked at: injected by the tests, the real one otherwise. */
export interface System {
  env: NodeJS.ProcessEnv;
  uid: number;
  /** Where the Kerberos GSS-API headers may be (`gssapi/gssapi.h`). */
  includeDirs: string[];
  log(line: string): void;
  /** Runs a command with `env`; its output goes to the terminal unless `quiet`. */
  exec(command: string, args: string[], env: NodeJS.ProcessEnv, quiet?: boolean): number | null;
}

export function realSystem(): System {
  return {
    env: process.env,
    uid: process.getuid?.() ?? -1,
    includeDirs: ['/usr/include', '/usr/local/include', '/opt/homebrew/opt/krb5/include', '/usr/local/opt/krb5/include'],
    log: (line) => process.stderr.write(`${line}\n`),
    exec: (command, args, env, quiet) => spawnSync(command, args, { env, stdio: quiet ? 'ignore' : 'inherit' }).status,
  };
}

/** The first executable NAME on env.PATH, or undefined. */
export function which(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      if (statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

const MAC_CHROMIUM = '/Applications/Chromium.app/Contents/MacOS/Chromium';

/**
 * The Chromium the browser and end-to-end tests drive: POSTMORTEM_CHROMIUM when set, else
 * `chromium` (Debian, Alpine, Arch, Homebrew's wrapper) or `chromium-browser` (Fedora) on the PATH,
 * else Homebrew's app. Undefined when there is none.
 */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.POSTMORTEM_CHROMIUM) return env.POSTMORTEM_CHROMIUM;
  return which('chromium', env) ?? which('chromium-browser', env) ?? (process.platform === 'darwin' && existsSync(MAC_CHROMIUM) ? MAC_CHROMIUM : undefined);
}

/** The suites named in POSTMORTEM_SKIP; an unknown name is an error. */
export function skipped(env: NodeJS.ProcessEnv = process.env): Set<Suite> {
  const names = (env[SKIP_VARIABLE] ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((n) => !(n in SKIPPABLE));
  if (unknown.length) {
    throw new PreflightError(`${SKIP_VARIABLE} names ${unknown.join(', ')}, which is not a suite: use any of ${Object.keys(SKIPPABLE).join(', ')}.`);
  }
  return new Set(names as Suite[]);
}

export class PreflightError extends Error {}

export const NEOVIM_MINIMUM = [0, 7] as const;

/** Neovim's version from `nvim --version` ("NVIM v0.7.2"), or undefined. */
export function neovimVersion(sys: System): string | undefined {
  const nvim = which('nvim', sys.env);
  if (!nvim) return undefined;
  const out = spawnSync(nvim, ['--version'], { env: sys.env, encoding: 'utf8', timeout: 10_000 });
  return /NVIM v(\d+\.\d+(?:\.\d+)?)/.exec(out.stdout ?? '')?.[1];
}

function atLeast(version: string, minimum: readonly number[]): boolean {
  const parts = version.split('.').map(Number);
  for (let i = 0; i < minimum.length; i++) {
    if ((parts[i] ?? 0) !== minimum[i]) return (parts[i] ?? 0) > minimum[i];
  }
  return true;
}

interface Tool {
  name: string;
  /** What is wrong, or undefined when it is there. */
  problem(sys: System): string | undefined;
  /** Debian 12's download for a machine without it (measured), for the line that says what is missing. */
  size: string;
  /** Its package for each manager; brew's Chromium is a cask. */
  packages: Record<Manager, string[]>;
}

const onPathTool = (command: string, name: string, size: string, packages: Record<Manager, string[]>): Tool => ({
  name,
  size,
  packages,
  problem: (sys) => (which(command, sys.env) ? undefined : `no ${command} on the PATH`),
});

export const TOOLS = {
  chromium: {
    name: 'Chromium',
    size: 'about 115 MB to download, 400 MB installed',
    packages: { apt: ['chromium'], dnf: ['chromium'], apk: ['chromium'], pacman: ['chromium'], brew: ['--cask chromium'] },
    problem: (sys) => {
      const set = sys.env.POSTMORTEM_CHROMIUM;
      if (set && !existsSync(set)) throw new PreflightError(`POSTMORTEM_CHROMIUM is ${set}, which does not exist: point it at a Chromium, or unset it to use the one on the PATH.`);
      if (set) return undefined;
      return chromiumPath(sys.env) ? undefined : 'no chromium on the PATH';
    },
  },
  neovim: {
    name: 'Neovim ≥ 0.7',
    size: 'about 6 MB to download, 27 MB installed',
    packages: { apt: ['neovim'], dnf: ['neovim'], apk: ['neovim'], pacman: ['neovim'], brew: ['neovim'] },
    problem: (sys) => {
      if (!which('nvim', sys.env)) return 'no nvim on the PATH';
      const version = neovimVersion(sys);
      if (!version) return '`nvim --version` does not say its version';
      return atLeast(version, NEOVIM_MINIMUM) ? undefined : `nvim is ${version}, older than ${NEOVIM_MINIMUM.join('.')}`;
    },
  },
  python3: onPathTool('python3', 'Python 3', 'about 6 MB', { apt: ['python3'], dnf: ['python3'], apk: ['python3'], pacman: ['python'], brew: ['python'] }),
  make: onPathTool('make', 'make', 'under 1 MB', { apt: ['make'], dnf: ['make'], apk: ['make'], pacman: ['make'], brew: [] }),
  gxx: onPathTool('g++', 'g++', 'about 50 MB', { apt: ['g++'], dnf: ['gcc-c++'], apk: ['g++'], pacman: ['gcc'], brew: [] }),
  pkgConfig: onPathTool('pkg-config', 'pkg-config', 'under 1 MB', { apt: ['pkg-config'], dnf: ['pkgconf-pkg-config'], apk: ['pkgconf'], pacman: ['pkgconf'], brew: ['pkgconf'] }),
  krb5: {
    name: 'the Kerberos headers',
    size: 'about 2 MB',
    packages: { apt: ['libkrb5-dev'], dnf: ['krb5-devel'], apk: ['krb5-dev'], pacman: ['krb5'], brew: ['krb5'] },
    problem: (sys) => (sys.includeDirs.some((dir) => existsSync(join(dir, 'gssapi', 'gssapi.h'))) ? undefined : 'no gssapi/gssapi.h'),
  },
} satisfies Record<string, Tool>;
export type ToolId = keyof typeof TOOLS;

const BUILD_TOOLS: ToolId[] = ['python3', 'make', 'gxx', 'pkgConfig', 'krb5'];

/** Each tool TARGET needs on this system, with why. */
export function needs(target: Target, sys: System): Map<ToolId, string[]> {
  const skip = skipped(sys.env);
  const out = new Map<ToolId, string[]>();
  const need = (id: ToolId, why: string) => {
    const whys = out.get(id) ?? [];
    if (!whys.includes(why)) whys.push(why);
    out.set(id, whys);
  };
  const codeServer = (why: string) => {
    if (isCodeServerInstalled(sys.env)) return;
    for (const id of BUILD_TOOLS) need(id, why);
  };
  const wants = (t: Target) => target === t || (target === 'test' && t !== 'start');
  if (target === 'start' && !which('code', sys.env)) codeServer("code-server's first install (no desktop `code` on the PATH) compiles native modules, kerberos among them");
  if (wants('lsp') && !skip.has('neovim')) need('neovim', 'the LSP test starts the server from a real client');
  if (wants('browser') && !skip.has('browser')) need('chromium', 'the browser tests drive it headless');
  if (wants('e2e') && !skip.has('e2e')) {
    need('chromium', 'the end-to-end tests drive VS Code in it');
    codeServer("code-server's first install (for the end-to-end tests) compiles native modules, kerberos among them");
  }
  return out;
}

export interface Missing {
  id: ToolId;
  problem: string;
  why: string[];
}

export function missing(target: Target, sys: System): Missing[] {
  const found: Missing[] = [];
  for (const [id, why] of needs(target, sys)) {
    const problem = TOOLS[id].problem(sys);
    if (problem) found.push({ id, problem, why });
  }
  return found;
}

export function detectManager(env: NodeJS.ProcessEnv): Manager | undefined {
  return MANAGERS.find(([, command]) => which(command, env))?.[0];
}

/** The packages for the missing tools, in order, each once. */
export function packagesFor(manager: Manager, ids: ToolId[]): string[] {
  return [...new Set(ids.flatMap((id) => TOOLS[id].packages[manager]))];
}

/** The command a person runs on this system (with sudo unless root). */
export function installCommand(manager: Manager, ids: ToolId[], root: boolean): string {
  const sudo = root ? '' : 'sudo ';
  const pkgs = packagesFor(manager, ids);
  switch (manager) {
    case 'apt':
      return `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${pkgs.join(' ')}`;
    case 'dnf':
      return `${sudo}dnf install -y ${pkgs.join(' ')}`;
    case 'apk':
      return `${sudo}apk add ${pkgs.join(' ')}`;
    case 'pacman':
      return `${sudo}pacman -S --needed --noconfirm ${pkgs.join(' ')}`;
    case 'brew': {
      const casks = pkgs.filter((p) => p.startsWith('--cask ')).map((p) => p.slice('--cask '.length));
      const formulas = pkgs.filter((p) => !p.startsWith('--cask '));
      const parts = [];
      // Homebrew has no g++ to install: the Command Line Tools bring the compiler (and a make).
      if (ids.includes('gxx') || ids.includes('make')) parts.push('xcode-select --install');
      if (formulas.length) parts.push(`brew install ${formulas.join(' ')}`);
      if (casks.length) parts.push(`brew install --cask ${casks.join(' ')}`);
      return parts.join(' && ');
    }
  }
}

const LABEL: Record<Target, string> = { start: 'npm start', test: 'npm test', lsp: 'npm run test:lsp', browser: 'npm run test:browser', e2e: 'npm run test:e2e' };

/**
 * Checks TARGET's tools and installs the missing ones with apt-get where it may. Returns the exit
 * code: 0 ready, 2 missing tools it cannot install (the command printed), 1 an install that failed.
 */
export function preflight(target: Target, sys: System = realSystem()): number {
  let lacking: Missing[];
  try {
    const alone = (target === 'browser' || target === 'e2e') && skipped(sys.env).has(target);
    if (alone) throw new PreflightError(`${SKIP_VARIABLE} names ${target}, and ${LABEL[target]} runs nothing else: unset it to run these tests, or run npm test.`);
    lacking = missing(target, sys);
  } catch (error) {
    if (!(error instanceof PreflightError)) throw error;
    sys.log(error.message);
    return 2;
  }
  if (lacking.length === 0) return 0;

  const label = LABEL[target];
  sys.log(`${label} needs ${lacking.length === 1 ? 'a tool' : `${lacking.length} tools`} this machine lacks:`);
  for (const m of lacking) sys.log(`  - ${TOOLS[m.id].name} (${m.problem}): ${m.why.join('; ')}; ${TOOLS[m.id].size}.`);

  const ids = lacking.map((m) => m.id);
  const manager = detectManager(sys.env);
  const root = sys.uid === 0;
  const them = lacking.length === 1 ? 'it' : 'them';
  const optOut = optOutHint(target, lacking, them);
  if (!manager) {
    sys.log(`No package manager found (apt-get, dnf, apk, pacman or brew): install ${ids.map((id) => TOOLS[id].name).join(', ')} and run ${label} again.${optOut}`);
    return 2;
  }
  const command = installCommand(manager, ids, root);
  const hasSudo = !root && which('sudo', sys.env) !== undefined;
  const sudo = hasSudo && sys.exec('sudo', ['-n', 'true'], sys.env, true) === 0;
  if (manager !== 'apt' || (!root && !sudo)) {
    const reason =
      manager !== 'apt' ? `it installs by itself only with apt-get, and this system has ${manager}` : hasSudo ? 'not root, and sudo asks for a password' : 'not root, and no sudo';
    sys.log(`${label} cannot install ${them} (${reason}): run this, then ${label} again:`);
    sys.log(`  ${command}`);
    if (optOut) sys.log(optOut.trim());
    return 2;
  }

  const packages = packagesFor('apt', ids);
  sys.log(`Installing ${packages.join(' ')} with apt-get${root ? '' : ' (sudo -n)'}: ${command}`);
  const env = { ...sys.env, DEBIAN_FRONTEND: 'noninteractive' };
  const prefix = root ? [] : ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive'];
  const apt = (args: string[]) => (root ? sys.exec('apt-get', args, env) : sys.exec('sudo', [...prefix, 'apt-get', ...args], env));
  if (apt(['update']) !== 0) {
    sys.log(`apt-get update failed: fix what it says above, then run ${label} again.`);
    return 1;
  }
  if (apt(['install', '-y', '--no-install-recommends', ...packages]) !== 0) {
    sys.log(`apt-get install failed: fix what it says above, then run ${label} again.`);
    return 1;
  }
  const still = missing(target, sys);
  if (still.length) {
    for (const m of still) sys.log(`${TOOLS[m.id].name} is still missing after apt-get installed ${packagesFor('apt', [m.id]).join(' ')} (${m.problem}): install it by hand and run ${label} again.`);
    return 1;
  }
  sys.log(`Installed ${packages.join(' ')}.`);
  return 0;
}

/** How to run without the missing tools, when every one of them is only for skippable suites. */
function optOutHint(target: Target, lacking: Missing[], them: string): string {
  if (target === 'start') return '';
  const suites = new Set<Suite>();
  for (const m of lacking) {
    if (m.id === 'neovim') suites.add('neovim');
    else if (m.id === 'chromium') {
      if (target !== 'e2e') suites.add('browser');
      if (target !== 'browser') suites.add('e2e');
    } else suites.add('e2e');
  }
  return ` To run without ${them} instead, set ${SKIP_VARIABLE}=${[...suites].join(',')} (those tests are then skipped, and npm test says so).`;
}

if (process.argv[1] === __filename) {
  const target = process.argv[2] as Target;
  if (!TARGETS.includes(target)) {
    process.stderr.write(`usage: node --import tsx scripts/preflight.ts ${TARGETS.join('|')}\n`);
    process.exit(2);
  }
  process.exitCode = preflight(target);
}
