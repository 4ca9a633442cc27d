// `npm run test:vscode`: the extension-host suite (mocha, in a real VS Code) through
// @vscode/test-electron. It downloads VS Code; where that is impossible (no internet), the suite is
// skipped with a line saying so: the end-to-end tests (test/e2e) then drive a real VS Code instead.
import { join } from 'node:path';
import { build } from 'esbuild';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { EXAMPLES, ROOT } from '../paths';

export const SUITE = join(ROOT, 'dist', 'integration', 'index.js');

/** Bundles the mocha suite for the extension host (which runs plain CommonJS, `vscode` provided). */
export async function buildSuite(): Promise<string> {
  await build({
    entryPoints: [join(__dirname, 'suite', 'index.ts')],
    outfile: SUITE,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    logLevel: 'error',
  });
  return SUITE;
}

async function main(): Promise<void> {
  const suite = await buildSuite();
  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version: '1.91.1', timeout: 20_000 });
  } catch (e) {
    console.log(`Skipping the extension-host tests: VS Code cannot be downloaded here (${(e as Error).message.split('\n')[0]}). The end-to-end tests (npm run test:e2e) run the extension in a real VS Code instead.`);
    return;
  }
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: suite,
    launchArgs: [EXAMPLES, '--disable-extensions', '--disable-workspace-trust'],
  });
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
