#!/usr/bin/env node
// End-to-end tests of Token Spend in a real VS Code: code-server 4.139.1 (VS Code 1.139) on
// 127.0.0.1, driven by headless Debian Chromium through playwright-core, plus the extension-host
// integration suites run inside the same code-server. See test/e2e/README.md.
//
//   npm run test:e2e                       everything (installs into .e2e/ on first use)
//   E2E_ONLY=ui|exthost npm run test:e2e   one half only
//   E2E_OPTIONAL=1                         a run that cannot install code-server (registry
//                                          unreachable) exits 0 with SKIPPED; without it, 1
//   E2E_UPDATE_SCREENSHOTS=1               after a passing run, copy the README's screenshots to media/screenshots/
//
// The last line printed is always "e2e: N passed, N failed" (", N skipped" when a step was skipped).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer, ensureDebianPackages, ensureNode24, SkipError } from './lib/install.mjs';
import { packageStandInProvider, packageVsix } from './lib/package.mjs';
import { freeLoopbackPort, prepareProfile, startServer } from './lib/server.mjs';
import { runExtensionHostSuites } from './lib/exthost.mjs';
import { copyReadmeShots } from './lib/screenshots.mjs';
import { Results } from './lib/results.mjs';
import { runUiScenarios } from './ui/index.mjs';
import { writeLocaleShim } from './lib/locale.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const cacheDir = resolve(root, process.env.E2E_DIR || '.e2e');
const runHome = join(cacheDir, 'run');
const logDir = join(cacheDir, 'logs');
const shotsDir = join(cacheDir, 'shots');
const only = process.env.E2E_ONLY;

const results = new Results();
const timings = [];
const t0 = Date.now();
let phaseStart = Date.now();
function phase(name) {
  const now = Date.now();
  timings.push([name, (now - phaseStart) / 1000]);
  console.log(`TIMING ${name} ${((now - phaseStart) / 1000).toFixed(1)}s (total ${((now - t0) / 1000).toFixed(1)}s)`);
  phaseStart = now;
}

let server;
async function cleanup() {
  if (server) {
    await server.stop();
    server = undefined;
  }
  // Anything still running from the throwaway profile was started by this run: stop it by pid.
  for (const pid of processesUsing(runHome)) {
    console.log(`stopping leftover process ${pid}`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    console.log(`\n${sig}: stopping code-server and browsers`);
    await cleanup();
    process.exit(130);
  });
}

function processesUsing(path) {
  const pids = [];
  if (!existsSync('/proc')) return pids;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(path)) pids.push(Number(entry));
    } catch {
      /* exited meanwhile */
    }
  }
  return pids;
}

/** Pids of every process below `pid` (code-server and its hosts, browsers and their helpers). */
function descendants(pid) {
  const children = new Map();
  if (!existsSync('/proc')) return [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(
        readFileSync(`/proc/${entry}/stat`, 'utf8')
          .replace(/^.*\) /s, '')
          .split(' ')[1],
      );
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      /* exited meanwhile */
    }
  }
  const found = [];
  const queue = [pid];
  while (queue.length)
    for (const c of children.get(queue.shift()) ?? []) {
      found.push(c);
      queue.push(c);
    }
  return found;
}

function alive(pid) {
  try {
    // A zombie has exited; only its parent's wait is missing.
    return !/^[^)]*\) Z/s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** After cleanup: no process this run started (seen before cleanup, or still below it) may be running. */
function checkNothingLeft(before) {
  const left = [...new Set([...before, ...descendants(process.pid), ...processesUsing(runHome)])].filter(alive);
  const names = left.map((pid) => {
    try {
      return `${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]}`;
    } catch {
      return String(pid);
    }
  });
  results.check(
    'every process the run started has exited',
    left.length === 0,
    left.length ? `still running: ${names.join(', ')}` : `${before.length} processes seen before cleanup`,
  );
}

function finish(code) {
  console.log('\nphase timings: ' + timings.map(([n, s]) => `${n} ${s.toFixed(1)}s`).join(', ') + `; total ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  if (results.failures.length) console.log('failures:\n' + results.failures.map((f) => `  - ${f}`).join('\n'));
  if (existsSync(shotsDir) && readdirSync(shotsDir).length) console.log(`screenshots: ${shotsDir}`);
  const skipped = results.skipped ? `, ${results.skipped} skipped` : '';
  console.log(`e2e: ${results.passed} passed, ${results.failed} failed${skipped}`);
  process.exit(code);
}

/**
 * The extension as the .vsix installed it, plus the built suites and their fixtures, in a folder of
 * this run: the suites load the packaged extension (what users get), and a rebuild of dist/ or
 * out/ in the checkout while the suites run cannot pull files from under them. Node modules the
 * suites require (mocha) resolve from the checkout's node_modules, an ancestor of this folder.
 */
function snapshotExtensionUnderTest(profile, dir) {
  const installed = readdirSync(profile.extensionsDir).find((d) => d.startsWith('token-spend.token-spend-'));
  if (!installed) throw new Error(`the .vsix is not installed in ${profile.extensionsDir}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(profile.extensionsDir, installed), dir, { recursive: true });
  cpSync(join(root, 'out/test/integration'), join(dir, 'out/test/integration'), { recursive: true });
  cpSync(join(root, 'test/fixtures'), join(dir, 'test/fixtures'), { recursive: true });
  // The localization suite scans the extension's sources for vscode.l10n.t strings; without them it skips.
  cpSync(join(root, 'src'), join(dir, 'src'), { recursive: true });
  // A cache outside the checkout (E2E_DIR=/elsewhere) has no node_modules above it: link the checkout's.
  if (relative(root, dir).startsWith('..')) symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

function build() {
  // The same build as `npm test` (skipped when npm test has just made it), so the .vsix and the
  // test bundle match the sources being tested.
  const b = spawnSync(process.execPath, ['esbuild.mjs', '--tests', '--if-stale'], { cwd: root, encoding: 'utf8', stdio: 'inherit' });
  if (b.status !== 0) throw new Error('node esbuild.mjs --tests failed');
  // `npm test` packages token-spend.vsix just before this run: install that very file.
  const packaged = join(root, 'token-spend.vsix');
  const stamp = join(root, 'dist/.build-stamp');
  if (existsSync(packaged) && existsSync(stamp) && statSync(packaged).mtimeMs >= statSync(stamp).mtimeMs) return packaged;
  return packageVsix(root, join(cacheDir, 'token-spend.vsix'));
}

async function main() {
  for (const d of [cacheDir, logDir]) mkdirSync(d, { recursive: true });
  rmSync(shotsDir, { recursive: true, force: true });
  mkdirSync(shotsDir, { recursive: true });
  console.log(`e2e: Token Spend in code-server; cache ${cacheDir}`);

  let node24, codeServer;
  try {
    console.log(`Debian packages: ${ensureDebianPackages({ logDir })}`);
    phase('apt');
    node24 = ensureNode24({ cacheDir, logDir });
    console.log(`Node ${node24.version} (${node24.state})`);
    phase('node24');
    codeServer = ensureCodeServer({ cacheDir, logDir, node24 });
    console.log(`code-server (${codeServer.state})`);
    phase('code-server');
  } catch (e) {
    if (!(e instanceof SkipError)) throw e;
    console.log(`\nSKIPPED: the end-to-end tests did not run: ${e.message}.`);
    console.log('Nothing was tested in a real VS Code. Re-run `npm run test:e2e` once the registry is reachable.');
    results.skip('e2e (all)', e.message);
    finish(process.env.E2E_OPTIONAL === '1' ? 0 : 1);
  }

  const vsix = build();
  phase('build+package');

  const profile = prepareProfile({
    home: runHome,
    codeServer,
    node24,
    vsixFiles: [vsix, packageStandInProvider(root, join(cacheDir, 'lm-stand-in.vsix'))],
    settingsFile: join(here, 'fixtures/settings.json'),
  });
  writeLocaleShim(profile.userDataDir, join(here, 'fixtures/locale-zh-cn'));
  const workspace = join(runHome, 'workspace');
  cpSync(join(here, 'fixtures/workspace'), workspace, { recursive: true });
  phase('install-vsix');

  const port = await freeLoopbackPort();
  server = await startServer({ profile, codeServer, node24, port, logFile: join(logDir, 'code-server.log') });
  console.log(`code-server on ${server.url} (pid ${server.pid})`);
  phase('server-start');

  if (only !== 'exthost') {
    console.log('\nUI tests (workbench in headless Chromium)');
    await runUiScenarios({ serverUrl: server.url, workspace, shotsDir, results, userDataDir: profile.userDataDir });
    phase('ui-tests');
  }

  if (only !== 'ui') {
    console.log('\nExtension-host integration suites (out/test/integration/index.js) in code-server');
    const built = join(root, 'out/test/integration/index.js');
    if (!existsSync(built)) {
      results.check('extension-host suites present', false, `${built} was not built (test/integration/index.ts missing?)`);
    } else {
      const ext = snapshotExtensionUnderTest(profile, join(runHome, 'extension-under-test'));
      const r = await runExtensionHostSuites({
        serverUrl: server.url,
        extensionPath: ext,
        testsPath: join(ext, 'out/test/integration/index.js'),
        folder: join(ext, 'test/fixtures/integration'),
        shot: join(shotsDir, 'exthost.png'),
        logFile: join(logDir, 'exthost.log'),
      });
      console.log(`exthost: ${r.passed} passed, ${r.failed} failed${r.pending ? `, ${r.pending} skipped` : ''}${r.note ? ` (${r.note})` : ''}`);
      results.add(r);
      if (r.note) results.failures.push(`extension-host suites: ${r.note}`);
      else if (r.failed) results.failures.push(`extension-host suites: ${r.failed} failed (see [exthost] lines above)`);
    }
    phase('exthost-tests');
  }

  const started = descendants(process.pid);
  await cleanup();
  checkNothingLeft(started);
  phase('cleanup');
  if (process.env.E2E_UPDATE_SCREENSHOTS === '1') {
    const dest = join(root, 'media/screenshots');
    if (results.failed) console.log('screenshots for the README not updated: the run had failures');
    else {
      const missing = copyReadmeShots(shotsDir, dest);
      console.log(missing.length ? `screenshots for the README not updated: missing ${missing.join(', ')}` : `screenshots for the README copied to ${dest}`);
    }
  }
  finish(results.failed ? 1 : 0);
}

main().catch(async (e) => {
  console.log(`\nERROR: ${e && e.stack ? e.stack : e}`);
  results.check('e2e harness', false, e && e.message ? e.message.split('\n')[0] : String(e));
  await cleanup().catch(() => {});
  finish(1);
});
