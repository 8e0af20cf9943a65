// Runs extension-host test suites (an `extensionTestsPath` module exporting run()) inside
// code-server's Node extension host, the way VS Code's own browser integration tests do: the
// `payload` URL parameter loads the extension from source (extensionDevelopmentPath) and the
// workbench reports the outcome through window.codeAutomationLog / window.codeAutomationExit.
// The server must run with `--vscode-option enable-smoke-test-driver`, or `payload` is ignored.
import { appendFileSync, writeFileSync } from 'node:fs';
import { format } from 'node:util';
import { launchBrowser } from './browser.mjs';

/** Counts from the suite's output: mocha's "N passing"/"N failing" or a plain "N passed, N failed". */
export function parseCounts(lines) {
  let passed,
    failed,
    skipped = 0;
  for (const line of lines) {
    const plain = line.match(/(\d+) passed, (\d+) failed/);
    if (plain) {
      passed = Number(plain[1]);
      failed = Number(plain[2]);
    }
    const pending = line.match(/^\s*(\d+) pending\b/);
    if (pending) skipped = Number(pending[1]);
    const passing = line.match(/^\s*(\d+) passing\b/);
    if (passing) passed = Number(passing[1]);
    const failing = line.match(/^\s*(\d+) failing\b/);
    if (failing) failed = Number(failing[1]);
  }
  return passed === undefined && failed === undefined ? undefined : { passed: passed ?? 0, failed: failed ?? 0, pending: skipped };
}

/** Counts of a suite run cut short, from mocha's spec lines: "✔ title" passed, "N) title" failed. */
export function partialCounts(lines) {
  let passed = 0,
    failed = 0,
    pending = 0;
  for (const line of lines) {
    if (/^\s+✔ /.test(line)) passed++;
    else if (/^\s+\d+\) \S/.test(line) && !/^\s+\d+\) .*:$/.test(line)) failed++;
    else if (/^\s+- \S/.test(line)) pending++;
  }
  return passed + failed + pending ? { passed, failed, pending } : undefined;
}

/**
 * @returns {Promise<{ code: number, passed: number, failed: number, lines: string[], note?: string }>}
 */
/**
 * Lines worth showing on the console: mocha's indented report and the suites' own summary, not
 * the workbench's log chatter or stack frames (all of it goes to the log file).
 */
function isSuiteOutput(line) {
  if (/^\s+at /.test(line)) return false;
  return /^\s{2,}\S/.test(line) || /\d+ passed, \d+ failed|^FAIL /.test(line);
}

// 10 minutes: about 1.5 when all pass, but each failing test waits up to 30 s for a value that never comes.
export async function runExtensionHostSuites({ serverUrl, extensionPath, testsPath, folder, shot, logFile, timeoutMs = 600_000, echo = console.log }) {
  const remote = (p) => `vscode-remote://remote${p}`;
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(testsPath)],
    ['skipWelcome', 'true'],
  ]);
  const { browser, context } = await launchBrowser();
  if (logFile) writeFileSync(logFile, '');
  const lines = [];
  try {
    const page = await context.newPage();
    const done = new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ code: -1, note: `no result within ${timeoutMs / 1000} s` }), timeoutMs);
      page.exposeFunction('codeAutomationLog', (_type, args) => {
        // Console calls arrive as their arguments, printf-style ("%s%s", …) as mocha writes them.
        const text = format(...(Array.isArray(args) ? args : [args]));
        if (logFile) appendFileSync(logFile, text + '\n');
        for (const line of text.split('\n')) {
          lines.push(line);
          if (isSuiteOutput(line)) echo(`  [exthost] ${line}`);
        }
      });
      page.exposeFunction('codeAutomationExit', (code) => {
        clearTimeout(timer);
        resolve({ code });
      });
    });
    await page.goto(`${serverUrl}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(payload)}`);
    const outcome = await done;
    if (shot) await page.screenshot({ path: shot }).catch(() => {});
    const counts = parseCounts(lines) ?? (outcome.note ? partialCounts(lines) : undefined);
    if (counts && outcome.note) {
      // Timed out: what finished still counts, and the timeout is one more failure.
      return { code: -1, passed: counts.passed, failed: counts.failed + 1, pending: counts.pending, lines, note: outcome.note };
    }
    if (!counts) {
      // A suite that printed no counts is not a pass, whatever its exit code.
      return {
        code: outcome.code || 1,
        passed: 0,
        failed: 1,
        lines,
        note: outcome.note ?? `the suites printed no pass/fail counts (exit code ${outcome.code})`,
      };
    }
    const failed = outcome.code !== 0 && counts.failed === 0 ? 1 : counts.failed;
    return { code: outcome.code, passed: counts.passed, failed, pending: counts.pending, lines, note: outcome.note };
  } finally {
    await browser.close();
  }
}
