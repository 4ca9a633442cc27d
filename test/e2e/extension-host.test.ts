// The extension-host suite (test/integration, mocha) run by VS Code's own test runner inside
// code-server. code-server takes no --extensionDevelopmentPath / --extensionTestsPath, but its
// workbench reads them from the URL's `payload` (as VS Code's extension debugging does), which a
// built VS Code honours only with the server flag enable-smoke-test-driver; the runner then reports
// the suite's exit code through `window.codeAutomationExit`.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { format } from 'node:util';
import { launchCodeServer } from '../../scripts/code-server';
import { launch } from '../browser/browser';
import { ROOT } from '../paths';
import { buildSuite } from '../integration/run';
import { copyExamples, freePort } from './workbench';

test('extension-host suite inside code-server', async () => {
  const suite = await buildSuite();
  const workspace = copyExamples();
  const port = await freePort();
  const server = await launchCodeServer({ folder: workspace.folder, port, args: ['--vscode-option', 'enable-smoke-test-driver'] });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const exit = new Promise<number>((resolve) => void page.exposeFunction('codeAutomationExit', resolve));
    // The extension host's console reaches the page's as ('%c INFO', 'color: …', format, ...args).
    const lines: string[] = [];
    page.on('console', async (message) => {
      const args = await Promise.all(message.args().map((a) => a.jsonValue().catch(() => '')));
      if (typeof args[0] === 'string' && args[0].startsWith('%c')) lines.push(format(...args.slice(2)).replace(/\x1b\[[0-9;]*m/g, ''));
    });
    const remote = (path: string) => `vscode-remote://127.0.0.1:${port}${path}`;
    const payload = JSON.stringify([['extensionDevelopmentPath', remote(ROOT)], ['extensionTestsPath', remote(suite)]]);
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace.folder)}&payload=${encodeURIComponent(payload)}`);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('The suite did not finish within 5 minutes')), 300_000)));
    const code = await Promise.race([exit, deadline]).finally(() => clearTimeout(timer));
    const report = lines.filter((l) => /^\s*(✔|\d+\) |\d+ (passing|failing|pending))/.test(l)).join('\n');
    process.stdout.write(`${report.replace(/^/gm, '# ')}\n`);
    assert.equal(code, 0, lines.join('\n'));
  } finally {
    await browser.close();
    await server.stop();
    workspace.remove();
  }
});
