// npm start: builds Token Spend and opens it in a real VS Code on the demo workspace (demo/).
// The desktop `code` when it is on the PATH (as an extension under development); otherwise a
// local code-server on 127.0.0.1, installed from the npm registry on first use (the same cached
// install the end-to-end tests use) with the freshly packaged .vsix, until Ctrl+C.
//
//   npm start                      desktop VS Code if found, else code-server
//   npm start -- --server          always code-server
//   npm start -- --locale zh-cn    VS Code's display language (code-server; the extension follows it)
//   npm start -- --port 8080       code-server's port (default: 8080 if free, else any free port)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer, ensureDebianPackages, ensureNode24, SkipError } from '../test/e2e/lib/install.mjs';
import { setDisplayLanguage, writeLocaleShim } from '../test/e2e/lib/locale.mjs';
import { packageVsix } from '../test/e2e/lib/package.mjs';
import { freeLoopbackPort, prepareProfile, startServer } from '../test/e2e/lib/server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const demo = join(root, 'demo');
const cacheDir = join(root, '.e2e');
const home = join(cacheDir, 'start');
/** code-server's native modules need these to compile; chromium is only for the tests. */
const BUILD_PACKAGES = ['libkrb5-dev', 'build-essential', 'python3', 'pkg-config'];

function option(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function fail(message) {
  console.error(`\nnpm start: ${message}`);
  process.exit(1);
}

function buildAndPackage() {
  console.log('Building (node esbuild.mjs) …');
  const b = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) fail('the build failed (see above).');
  mkdirSync(cacheDir, { recursive: true });
  console.log('Packaging the .vsix (vsce) …');
  return packageVsix(root, join(cacheDir, 'token-spend.vsix'));
}

function desktopCode() {
  const r = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function main() {
  const forceServer = process.argv.includes('--server');
  const locale = option('--locale');
  const code = forceServer ? undefined : desktopCode();
  if (code) {
    buildAndPackage();
    console.log(`Opening ${demo} in VS Code (${code}) with Token Spend under development …`);
    const child = spawn(code, [`--extensionDevelopmentPath=${root}`, ...(locale ? ['--locale', locale] : []), demo], { stdio: 'inherit', detached: true });
    child.unref();
    return;
  }

  let node24, codeServer;
  const logDir = join(cacheDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  try {
    node24 = ensureNode24({ cacheDir, logDir });
    try {
      codeServer = ensureCodeServer({ cacheDir, logDir, node24 });
    } catch (first) {
      // A first install may fail only for want of the compilers and headers; add them, try again.
      if (first instanceof SkipError) throw first;
      console.log(`Debian packages for code-server's native modules: ${ensureDebianPackages({ logDir, packages: BUILD_PACKAGES })}`);
      codeServer = ensureCodeServer({ cacheDir, logDir, node24 });
    }
  } catch (e) {
    if (e instanceof SkipError) fail(`no desktop \`code\` on the PATH, and code-server cannot be installed: ${e.message}.`);
    throw e;
  }
  console.log(`Node ${node24.version} (${node24.state}), code-server (${codeServer.state})`);

  const vsix = buildAndPackage();
  const settings = join(cacheDir, 'start-settings.json');
  writeFileSync(
    settings,
    JSON.stringify(
      {
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'workbench.startupEditor': 'none',
        'chat.disableAIFeatures': true,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
      },
      null,
      2,
    ) + '\n',
  );
  const profile = prepareProfile({ home, codeServer, node24, vsixFiles: [vsix], settingsFile: settings });
  if (locale) {
    writeLocaleShim(profile.userDataDir, join(root, 'test/e2e/fixtures/locale-zh-cn'));
    setDisplayLanguage(profile.userDataDir, locale);
  }

  const wanted = Number(option('--port') ?? 8080);
  const port = (await portIsFree(wanted)) ? wanted : await freeLoopbackPort();
  const server = await startServer({ profile, codeServer, node24, port, logFile: join(logDir, 'start-code-server.log') });
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log(`\nToken Spend is running in VS Code (code-server) at:\n\n  ${server.url}/?folder=${encodeURIComponent(demo)}\n`);
  console.log('Open the address in a browser on this machine. Ctrl+C stops the server.');
  console.log('(This profile is fresh on every start; settings saved in the demo workspace stay in demo/.vscode/.)');
}

main().catch((e) => fail(e?.stack ?? String(e)));
