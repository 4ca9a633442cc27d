import Mocha from 'mocha';
import { registerTests } from './extension.test';

/** The extension host's entry point (`--extensionTestsPath`): runs the suite and rejects on failure. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: true });
  mocha.suite.emit('pre-require', globalThis, 'extension', mocha);
  registerTests();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension-host tests failed`)) : resolve()));
  });
}
