// A throwaway code-server bound to 127.0.0.1, in its own process group so that it and every
// process it starts (extension hosts, file watchers, pty hosts) are stopped together.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { withoutNpmRunVariables } from './install.mjs';

/** An unused TCP port on the loopback interface. */
export function freeLoopbackPort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Keeps code-server's side files (logs, heartbeat, sockets, tsserver temp dirs) inside `home`. */
function isolatedEnv(home, node24) {
  return {
    ...withoutNpmRunVariables(process.env),
    PATH: `${node24.binDir}:${process.env.PATH}`,
    XDG_DATA_HOME: join(home, 'xdg/data'),
    XDG_CONFIG_HOME: join(home, 'xdg/config'),
    XDG_CACHE_HOME: join(home, 'xdg/cache'),
    TMPDIR: join(home, 'tmp'),
    // An empty gallery: the workbench makes no marketplace (open-vsx) requests.
    EXTENSIONS_GALLERY: '{"serviceUrl":""}',
  };
}

/**
 * Prepares a fresh user-data and extensions folder, installs the given .vsix files into it
 * through code-server's own CLI, and returns what `startServer` needs.
 */
export function prepareProfile({ home, codeServer, node24, vsixFiles, settingsFile }) {
  rmSync(home, { recursive: true, force: true });
  const userDataDir = join(home, 'user-data');
  const extensionsDir = join(home, 'extensions');
  for (const d of [join(userDataDir, 'User'), extensionsDir, join(home, 'tmp'), join(home, 'xdg')]) mkdirSync(d, { recursive: true });
  cpSync(settingsFile, join(userDataDir, 'User/settings.json'));
  // An empty config file: without --config code-server writes ~/.config/code-server/config.yaml with a password.
  const config = join(home, 'config.yaml');
  writeFileSync(config, '');
  const env = isolatedEnv(home, node24);
  for (const vsix of vsixFiles) {
    const r = spawnSync(
      join(node24.binDir, 'node'),
      [codeServer.entry, '--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix],
      { env, encoding: 'utf8', timeout: 120_000 },
    );
    if (r.status !== 0 || !/successfully installed/.test(r.stdout)) {
      throw new Error(`installing ${vsix} into code-server failed:\n${r.stdout}${r.stderr}`);
    }
  }
  return { home, userDataDir, extensionsDir, config, env };
}

/** Starts code-server on 127.0.0.1 and waits for /healthz. */
export async function startServer({ profile, codeServer, node24, port, logFile }) {
  const out = openSync(logFile, 'w');
  const child = spawn(
    join(node24.binDir, 'node'),
    [
      codeServer.entry,
      '--config',
      profile.config,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--user-data-dir',
      profile.userDataDir,
      '--extensions-dir',
      profile.extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      // The test workspace is ours and throwaway; trust prompts would only hide the UI under test.
      '--disable-workspace-trust',
      // Lets the workbench honour the `payload` URL parameter (extensionDevelopmentPath/extensionTestsPath)
      // and report test results through window.codeAutomationLog/Exit, as VS Code's own browser integration tests do.
      '--vscode-option',
      'enable-smoke-test-driver',
    ],
    { env: profile.env, stdio: ['ignore', out, out], detached: true },
  );
  closeSync(out);
  const server = {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    exited: false,
    stop: () => stopGroup(child.pid, () => server.exited),
  };
  child.on('exit', () => {
    server.exited = true;
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exited) throw new Error(`code-server exited during start-up (see ${logFile})`);
    try {
      const res = await fetch(`${server.url}/healthz`);
      if (res.ok) return server;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await server.stop();
  throw new Error(`code-server did not answer on ${server.url}/healthz within 60 s (see ${logFile})`);
}

/** SIGTERM to the whole process group, SIGKILL to whatever is left after 3 s. */
export async function stopGroup(pid, hasExited = () => false) {
  const signalGroup = (sig) => {
    try {
      process.kill(-pid, sig);
      return true;
    } catch {
      return false;
    }
  };
  if (!signalGroup('SIGTERM')) return;
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    if (hasExited() && !signalGroup(0)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  signalGroup('SIGKILL');
}
