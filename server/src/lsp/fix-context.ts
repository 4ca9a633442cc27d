import { execFile } from 'node:child_process';
import { localDate } from '../core/iso-date';

/** Today as YYYY-MM-DD in the writer's time zone: what a date placeholder or cell is filled with. */
export function today(now = new Date()): string {
  return localDate(now);
}

/** `git config user.name` in the workspace, for the author placeholder; undefined without git or a name. */
export function gitUserName(cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['config', 'user.name'], { cwd, timeout: 2000 }, (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined));
  });
}
