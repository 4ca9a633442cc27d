// `npm run bench`: runs every test/bench/*.bench.ts in its own process, one after another.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

let failed = false;
for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts')).sort()) {
  console.log(`\n# ${file}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, file)], { stdio: 'inherit' });
  failed ||= run.status !== 0;
}
process.exitCode = failed ? 1 : 0;
