import { execFile } from 'node:child_process';

/** `git config user.name` in the workspace, for the author placeholder; undefined without git or a name. */
export function gitUserName(cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['config', 'user.name'], { cwd, timeout: 2000 }, (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined));
  });
}
