/**
 * Entry point of the extension-host suites (`extensionTestsPath` = out/test/integration/index.js).
 * Runs every *.test.js next to this file with mocha and prints "integration: N passed, M failed".
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // Failure details are also printed after the run in plain lines (some hosts relay console
  // output without applying printf-style formats, which garbles the reporter's epilogue).
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    const failures: string[] = [];
    try {
      const runner = mocha.run(() => {
        for (const f of failures) console.log(f);
        console.log(`integration: ${passed} passed, ${failed} failed`);
        if (failed > 0) reject(new Error(`${failed} integration test(s) failed`));
        else if (passed === 0) reject(new Error('no integration test ran'));
        else resolve();
      });
      runner.on('pass', () => passed++);
      runner.on('fail', (test, err: unknown) => {
        failed++;
        failures.push(`FAIL ${test.fullTitle()}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
