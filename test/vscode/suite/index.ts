// Entry point VS Code (Electron) loads through --extensionTestsPath: runs the mocha suites bundled
// with it inside the extension host, where the real `vscode` API is available.
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 30_000 });
  // Define describe/it on the global object, then load the specs (bundled, so imported here).
  mocha.suite.emit('pre-require', globalThis, 'extension.test.ts', mocha);
  await import('./extension.test');
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
