/**
 * Runs the extension-host suites in a desktop VS Code downloaded by @vscode/test-electron
 * (`npm run test:integration:electron`). Needs network access to update.code.visualstudio.com;
 * on machines without it, the e2e harness (test/e2e) runs the same suites in code-server.
 */
import { resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = resolve(__dirname, '../../..');
  try {
    await runTests({
      // Desktop VS Code loads several development paths: the stand-in language-model provider beside Token Spend.
      extensionDevelopmentPath: [root, resolve(root, 'test/fixtures/lm-provider')],
      extensionTestsPath: resolve(root, 'out/test/integration/index.js'),
      launchArgs: [resolve(root, 'test/fixtures/integration'), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } catch (err) {
    console.error(`integration tests failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

void main();
