// The preflight on made-up machines: a temporary PATH with fake tools and a fake package manager
// (shell scripts that record their argv), an injected uid and include folders. Nothing real is
// installed or looked at, and nothing leaves the temporary folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { cacheDir } from '../../scripts/code-server';
import { type System, type Target, chromiumPath, installCommand, preflight } from '../../scripts/preflight';

const sandboxes: string[] = [];
afterEach(() => {
  for (const dir of sandboxes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Machine {
  bin: string;
  include: string;
  calls: string;
  sys: System;
  lines: string[];
  /** An executable script on the PATH. */
  tool(name: string, body?: string): void;
  /** The recorded calls of the fake package manager and sudo, one `name argv…` a line. */
  recorded(): string[];
  run(target: Target): number;
}

/** A machine with the build tools, without Chromium, Neovim, the Kerberos headers or code-server. */
function machine(options: { uid?: number; env?: NodeJS.ProcessEnv; buildTools?: boolean } = {}): Machine {
  const root = mkdtempSync(join(tmpdir(), 'pm-preflight-'));
  sandboxes.push(root);
  const bin = join(root, 'bin');
  const include = join(root, 'include');
  const calls = join(root, 'calls');
  mkdirSync(bin);
  mkdirSync(include);
  writeFileSync(calls, '');
  const lines: string[] = [];
  const tool = (name: string, body = 'exit 0') => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  if (options.buildTools !== false) for (const name of ['python3', 'make', 'g++', 'pkg-config']) tool(name);
  const env: NodeJS.ProcessEnv = { PATH: bin, HOME: root, XDG_CACHE_HOME: join(root, 'cache'), ...options.env };
  const sys: System = {
    env,
    uid: options.uid ?? 1000,
    includeDirs: [include],
    log: (line) => lines.push(line),
    exec: (command, args, execEnv) => spawnSync(command, args, { env: execEnv, stdio: 'ignore' }).status,
  };
  return {
    bin, include, calls, sys, lines, tool,
    recorded: () => readFileSync(calls, 'utf8').split('\n').filter(Boolean),
    run: (target) => preflight(target, sys),
  };
}

/**
 * apt-get that records its argv and DEBIAN_FRONTEND; its install puts the tools in place. The fakes
 * use only shell builtins and absolute paths: the PATH is the fake bin folder alone.
 */
function fakeApt(m: Machine): void {
  m.tool('apt-get', [
    `echo "apt-get $* DEBIAN_FRONTEND=$DEBIAN_FRONTEND" >> ${m.calls}`,
    'if [ "$1" = install ]; then',
    `  printf '#!/bin/sh\\nexit 0\\n' > ${m.bin}/chromium; /bin/chmod +x ${m.bin}/chromium`,
    `  printf '#!/bin/sh\\necho "NVIM v0.7.2"\\n' > ${m.bin}/nvim; /bin/chmod +x ${m.bin}/nvim`,
    `  /bin/mkdir -p ${m.include}/gssapi; : > ${m.include}/gssapi/gssapi.h`,
    'fi',
  ].join('\n'));
}

/** sudo that records its argv; `sudo -n` succeeds (runs the command) or, with a password asked, fails. */
function fakeSudo(m: Machine, password: boolean): void {
  m.tool('sudo', password
    ? `echo "sudo $*" >> ${m.calls}\necho 'sudo: a password is required' >&2\nexit 1`
    : `echo "sudo $*" >> ${m.calls}\n[ "$*" = '-n true' ] && exit 0\n[ "$1" = -n ] && shift\n[ "$1" = env ] && shift\nexec /usr/bin/env "$@"`);
}

const TEST_LINES = [
  'npm test needs 3 tools this machine lacks:',
  '  - Neovim ≥ 0.7 (no nvim on the PATH): the LSP test starts the server from a real client; about 6 MB to download, 27 MB installed.',
  '  - Chromium (no chromium on the PATH): the browser tests drive it headless; the end-to-end tests drive VS Code in it; about 115 MB to download, 400 MB installed.',
  "  - the Kerberos headers (no gssapi/gssapi.h): code-server's first install (for the end-to-end tests) compiles native modules, kerberos among them; about 2 MB.",
];

describe('preflight with apt-get', () => {
  test('as root, it says what is missing, installs it with one update and one install, and checks again', () => {
    const m = machine({ uid: 0 });
    fakeApt(m);
    assert.equal(m.run('test'), 0);
    assert.deepEqual(m.lines, [
      ...TEST_LINES,
      'Installing neovim chromium libkrb5-dev with apt-get: apt-get update && apt-get install -y --no-install-recommends neovim chromium libkrb5-dev',
      'Installed neovim chromium libkrb5-dev.',
    ]);
    assert.deepEqual(m.recorded(), [
      'apt-get update DEBIAN_FRONTEND=noninteractive',
      'apt-get install -y --no-install-recommends neovim chromium libkrb5-dev DEBIAN_FRONTEND=noninteractive',
    ]);
  });

  test('as a user with sudo -n, it installs through sudo', () => {
    const m = machine();
    fakeApt(m);
    fakeSudo(m, false);
    assert.equal(m.run('test'), 0);
    assert.equal(m.lines.at(-2), 'Installing neovim chromium libkrb5-dev with apt-get (sudo -n): sudo apt-get update && sudo apt-get install -y --no-install-recommends neovim chromium libkrb5-dev');
    assert.deepEqual(m.recorded(), [
      'sudo -n true',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update',
      'apt-get update DEBIAN_FRONTEND=noninteractive',
      'sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends neovim chromium libkrb5-dev',
      'apt-get install -y --no-install-recommends neovim chromium libkrb5-dev DEBIAN_FRONTEND=noninteractive',
    ]);
  });

  for (const [what, withSudo, reason] of [['without sudo', false, 'not root, and no sudo'], ['when sudo asks for a password', true, 'not root, and sudo asks for a password']] as const) {
    test(`as a user ${what}, it exits 2 with the command to run`, () => {
      const m = machine();
      fakeApt(m);
      if (withSudo) fakeSudo(m, true);
      assert.equal(m.run('test'), 2);
      assert.deepEqual(m.lines, [
        ...TEST_LINES,
        `npm test cannot install them (${reason}): run this, then npm test again:`,
        '  sudo apt-get update && sudo apt-get install -y --no-install-recommends neovim chromium libkrb5-dev',
        'To run without them instead, set POSTMORTEM_SKIP=neovim,browser,e2e (those tests are then skipped, and npm test says so).',
      ]);
      assert.deepEqual(m.recorded(), withSudo ? ['sudo -n true'] : []);
    });
  }

  test('an install that leaves a tool missing is a failure that says which', () => {
    const m = machine({ uid: 0 });
    m.tool('apt-get', `echo "apt-get $*" >> ${m.calls}`);
    assert.equal(m.run('browser'), 1);
    assert.equal(m.lines.at(-1), 'Chromium is still missing after apt-get installed chromium (no chromium on the PATH): install it by hand and run npm run test:browser again.');
  });

  test('a failed apt-get stops it', () => {
    const m = machine({ uid: 0 });
    m.tool('apt-get', `echo "apt-get $*" >> ${m.calls}\nexit 100`);
    assert.equal(m.run('lsp'), 1);
    assert.deepEqual(m.recorded(), ['apt-get update']);
    assert.equal(m.lines.at(-1), 'apt-get update failed: fix what it says above, then run npm run test:lsp again.');
  });
});

describe('preflight with another package manager', () => {
  const cases: [string, string][] = [
    ['dnf', 'dnf install -y neovim chromium python3 make gcc-c++ pkgconf-pkg-config krb5-devel'],
    ['apk', 'apk add neovim chromium python3 make g++ pkgconf krb5-dev'],
    ['pacman', 'pacman -S --needed --noconfirm neovim chromium python make gcc pkgconf krb5'],
    ['brew', 'xcode-select --install && brew install neovim python pkgconf krb5 && brew install --cask chromium'],
  ];
  for (const [manager, command] of cases) {
    test(`${manager}: prints the command for it and installs nothing`, () => {
      const m = machine({ uid: 0, buildTools: false });
      m.tool(manager, `echo "${manager} $*" >> ${m.calls}`);
      assert.equal(m.run('test'), 2);
      assert.equal(m.lines.at(-3), `npm test cannot install them (it installs by itself only with apt-get, and this system has ${manager}): run this, then npm test again:`);
      assert.equal(m.lines.at(-2), `  ${command}`);
      assert.deepEqual(m.recorded(), []);
    });
  }

  test('as a user, the command has sudo (but not for brew)', () => {
    assert.equal(installCommand('dnf', ['chromium'], false), 'sudo dnf install -y chromium');
    assert.equal(installCommand('apk', ['neovim'], false), 'sudo apk add neovim');
    assert.equal(installCommand('brew', ['chromium'], false), 'brew install --cask chromium');
    assert.equal(installCommand('apt', ['pkgConfig', 'krb5'], false), 'sudo apt-get update && sudo apt-get install -y --no-install-recommends pkg-config libkrb5-dev');
  });

  test('with no package manager, it names the tools and exits 2', () => {
    const m = machine();
    assert.equal(m.run('lsp'), 2);
    assert.deepEqual(m.lines, [
      'npm run test:lsp needs a tool this machine lacks:',
      '  - Neovim ≥ 0.7 (no nvim on the PATH): the LSP test starts the server from a real client; about 6 MB to download, 27 MB installed.',
      'No package manager found (apt-get, dnf, apk, pacman or brew): install Neovim ≥ 0.7 and run npm run test:lsp again. To run without it instead, set POSTMORTEM_SKIP=neovim (those tests are then skipped, and npm test says so).',
    ]);
  });
});

describe('what each command needs', () => {
  function ready(m: Machine): void {
    m.tool('chromium');
    m.tool('nvim', 'echo "NVIM v0.9.5"');
    mkdirSync(join(m.include, 'gssapi'));
    writeFileSync(join(m.include, 'gssapi', 'gssapi.h'), '');
  }

  test('with everything there, every command passes silently without calling anything', () => {
    const m = machine();
    ready(m);
    fakeApt(m);
    fakeSudo(m, false);
    for (const target of ['start', 'test', 'lsp', 'browser', 'e2e'] as const) assert.equal(m.run(target), 0, target);
    assert.deepEqual(m.lines, []);
    assert.deepEqual(m.recorded(), []);
  });

  test('an old Neovim counts as missing', () => {
    const m = machine();
    m.tool('nvim', 'echo "NVIM v0.6.1"; echo "Build type: Release"');
    assert.equal(m.run('lsp'), 2);
    assert.equal(m.lines[1], '  - Neovim ≥ 0.7 (nvim is 0.6.1, older than 0.7): the LSP test starts the server from a real client; about 6 MB to download, 27 MB installed.');
  });

  test('npm start needs nothing with a desktop code, nor with code-server in the cache; else the build tools', () => {
    const m = machine({ buildTools: false });
    assert.equal(m.run('start'), 2);
    assert.deepEqual(m.lines.slice(0, 2), [
      'npm start needs 5 tools this machine lacks:',
      "  - Python 3 (no python3 on the PATH): code-server's first install (no desktop `code` on the PATH) compiles native modules, kerberos among them; about 6 MB.",
    ]);
    assert.deepEqual(m.lines.slice(2, 6).map((l) => l.split(' (')[0]), ['  - make', '  - g++', '  - pkg-config', '  - the Kerberos headers']);
    assert.equal(m.lines.at(-1)?.includes('POSTMORTEM_SKIP'), false, 'npm start has no opt-out');

    const withCode = machine({ buildTools: false });
    withCode.tool('code');
    assert.equal(withCode.run('start'), 0);

    const cached = machine({ buildTools: false });
    const entry = join(cacheDir(cached.sys.env), 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
    mkdirSync(join(entry, '..'), { recursive: true });
    writeFileSync(entry, '');
    assert.equal(cached.run('start'), 0);
    assert.equal(cached.run('e2e'), 2, 'Chromium is still needed');
    assert.deepEqual(cached.lines.slice(1), [
      '  - Chromium (no chromium on the PATH): the end-to-end tests drive VS Code in it; about 115 MB to download, 400 MB installed.',
      'No package manager found (apt-get, dnf, apk, pacman or brew): install Chromium and run npm run test:e2e again. To run without it instead, set POSTMORTEM_SKIP=e2e (those tests are then skipped, and npm test says so).',
    ]);
  });

  test('POSTMORTEM_SKIP leaves out the suites it names, and rejects what is not one', () => {
    const all = machine({ env: { POSTMORTEM_SKIP: 'browser, e2e,neovim' } });
    assert.equal(all.run('test'), 0);
    assert.deepEqual(all.lines, []);

    const browserOnly = machine({ env: { POSTMORTEM_SKIP: 'browser' } });
    assert.equal(browserOnly.run('test'), 2);
    assert.deepEqual(browserOnly.lines.slice(1, 3).map((l) => l.split(':')[0]), ['  - Neovim ≥ 0.7 (no nvim on the PATH)', '  - Chromium (no chromium on the PATH)']);
    assert.match(browserOnly.lines[2], /: the end-to-end tests drive VS Code in it;/);

    const alone = machine({ env: { POSTMORTEM_SKIP: 'browser' } });
    assert.equal(alone.run('browser'), 2);
    assert.deepEqual(alone.lines, ['POSTMORTEM_SKIP names browser, and npm run test:browser runs nothing else: unset it to run these tests, or run npm test.']);

    const typo = machine({ env: { POSTMORTEM_SKIP: 'browsers' } });
    assert.equal(typo.run('test'), 2);
    assert.deepEqual(typo.lines, ['POSTMORTEM_SKIP names browsers, which is not a suite: use any of browser, e2e, neovim.']);
  });

  test('the Chromium the tests drive: POSTMORTEM_CHROMIUM, else chromium or chromium-browser on the PATH', () => {
    const m = machine();
    assert.equal(chromiumPath(m.sys.env), process.platform === 'darwin' ? chromiumPath({ PATH: '' }) : undefined);
    m.tool('chromium-browser');
    assert.equal(chromiumPath(m.sys.env), join(m.bin, 'chromium-browser'));
    m.tool('chromium');
    assert.equal(chromiumPath(m.sys.env), join(m.bin, 'chromium'));
    assert.equal(chromiumPath({ ...m.sys.env, POSTMORTEM_CHROMIUM: '/opt/chrome/chrome' }), '/opt/chrome/chrome');

    const elsewhere = machine({ env: { POSTMORTEM_CHROMIUM: join(tmpdir(), 'no-such-chromium') } });
    assert.equal(elsewhere.run('browser'), 2);
    assert.deepEqual(elsewhere.lines, [`POSTMORTEM_CHROMIUM is ${join(tmpdir(), 'no-such-chromium')}, which does not exist: point it at a Chromium, or unset it to use the one on the PATH.`]);
    assert.equal(existsSync(join(tmpdir(), 'no-such-chromium')), false);
  });
});
