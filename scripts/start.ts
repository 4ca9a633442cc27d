/**
 * `npm start`: builds and packages the extension, then opens examples/ in VS Code with it: the
 * desktop `code` where it is on PATH, else code-server on 127.0.0.1:8080 (installed on first use)
 * with the .vsix installed, until Ctrl+C stops it and everything it started.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { CODE_SERVER_VERSION, VSCODE_VERSION, launchCodeServer } from './code-server';

const ROOT = join(__dirname, '..');
const EXAMPLES = join(ROOT, 'examples');
const PORT = 8080;

function run(command: string, args: string[]): void {
  const { status } = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}

const onPath = (name: string) => (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, name)));

async function main(): Promise<void> {
  run('npm', ['run', 'package']);
  if (onPath('code')) {
    run('code', [`--extensionDevelopmentPath=${ROOT}`, EXAMPLES]);
    return;
  }
  const server = await launchCodeServer({ folder: EXAMPLES, vsix: join(ROOT, 'dist', 'postmortem-editor.vsix'), port: PORT });
  process.stdout.write(
    `\nPost-Mortem Editor in VS Code ${VSCODE_VERSION} (code-server ${CODE_SERVER_VERSION}), with examples/ open:\n\n` +
      `  ${server.url}?folder=${encodeURIComponent(EXAMPLES)}\n\nCtrl+C stops it.\n`,
  );
  const status = await server.exited;
  process.stderr.write(`code-server stopped (${status}):\n${server.output().slice(-3000)}\n`);
  await server.stop();
  process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exitCode = 1;
});
