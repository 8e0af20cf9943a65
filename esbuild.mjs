// Builds every target of Token Spend.
//   node esbuild.mjs            production build into dist/ (extension, CLI, worker, webview, vocabularies)
//   node esbuild.mjs --tests    also bundles test/**/*.test.ts into out/ for node's test runner
//   node esbuild.mjs --watch    rebuilds the extension targets on change
//   node esbuild.mjs --if-stale builds only when a source is newer than the last build with the
//                               same flags (`vscode:prepublish`, the e2e run: npm test builds once)
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCompactVocabularies } from './scripts/compact-vocab.mjs';
import { compactVocabularies } from './scripts/vocab-plugin.mjs';

const root = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const watch = args.has('--watch');
const withTests = args.has('--tests');
const ifStale = args.has('--if-stale');
const dist = join(root, 'dist');
/** Written after a complete build: which flags it had. Its mtime is the build's time. */
const stampFile = join(dist, '.build-stamp');
const BUILD_INPUTS = ['src', 'pricing/pricing.json', 'package.json', 'package-lock.json', 'esbuild.mjs', 'media', 'l10n'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** True when the last complete build had these flags (or more) and nothing it reads changed since. */
function upToDate() {
  if (!existsSync(stampFile)) return false;
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return false;
  }
  if (withTests && !stamp.tests) return false;
  const inputs = withTests ? [...BUILD_INPUTS, 'test'] : BUILD_INPUTS;
  const built = statSync(stampFile).mtimeMs;
  return inputs.every((p) => newestMtime(join(root, p)) <= built);
}

/**
 * Heavy modules (tokenizer vocabularies, megabytes of JS each) are never inlined into the
 * extension or CLI bundle: parsing them would slow activation. Each becomes its own file under
 * dist/vocab/ and is `require`d only when a count first needs it.
 */
export const HEAVY_MODULES = {
  // Compact vocabularies written by scripts/compact-vocab.mjs (not bundled by esbuild).
  'token-spend-vocab/o200k_base': 'o200k_base',
  'token-spend-vocab/cl100k_base': 'cl100k_base',
  'token-spend-vocab/tekken': 'tekken',
  'token-spend-vocab/qwen3': 'qwen3',
  'token-spend-vocab/deepseek_v3': 'deepseek_v3',
};
const COMPACT_PREFIX = 'token-spend-vocab/';

/** Test bundles (out/test) require the compact vocabularies from dist/vocab, which --tests also builds. */
const compactForTests = compactVocabularies(dist);

/** Rewrites imports of heavy modules to `./vocab/<name>.js`, relative to the bundle being built. */
function splitHeavyModules(outdirOfBundle) {
  return {
    name: 'split-heavy-modules',
    setup(build) {
      const filter = new RegExp(
        '^(' +
          Object.keys(HEAVY_MODULES)
            .map((k) => k.replace(/[/.\-@]/g, '\\$&'))
            .join('|') +
          ')$',
      );
      build.onResolve({ filter }, (a) => {
        const target = join(dist, 'vocab', HEAVY_MODULES[a.path] + '.js');
        let rel = relative(outdirOfBundle, target).split('\\').join('/');
        if (!rel.startsWith('.')) rel = './' + rel;
        return { path: rel, external: true };
      });
    },
  };
}

const common = { bundle: true, sourcemap: true, logLevel: 'warning', legalComments: 'none', minify: !watch };

const nodeTargets = [
  { entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // The extension's engine, required by dist/extension.js just after activation (keeps activation small).
  { entryPoints: ['src/vscode/engine.ts'], outfile: 'dist/engine.js', external: ['vscode'] },
  { entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['src/node/tokenize/worker.ts'], outfile: 'dist/count-worker.js' },
  { entryPoints: ['src/node/usage/worker.ts'], outfile: 'dist/usage-worker.js' },
].filter((t) => existsSync(join(root, t.entryPoints[0])));

const vocabTargets = Object.entries(HEAVY_MODULES)
  .filter(([mod]) => !mod.startsWith(COMPACT_PREFIX))
  .map(([mod, name]) => ({
    stdin: { contents: `module.exports = require(${JSON.stringify(mod)});`, resolveDir: root, loader: 'js' },
    outfile: `dist/vocab/${name}.js`,
    sourcemap: false,
  }));

const webviewTarget = existsSync(join(root, 'src/webview/main.ts'))
  ? { entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview/main.js', platform: 'browser', format: 'iife', target: 'es2022' }
  : null;

function copyWebviewAssets() {
  const out = join(dist, 'webview');
  mkdirSync(out, { recursive: true });
  for (const sheet of ['theme.css', 'webview.css', 'spend.css', 'sources.css']) {
    if (existsSync(join(root, 'media', sheet))) cpSync(join(root, 'media', sheet), join(out, sheet));
  }
  const codicons = join(root, 'node_modules/@vscode/codicons/dist');
  cpSync(join(codicons, 'codicon.css'), join(out, 'codicon.css'));
  cpSync(join(codicons, 'codicon.ttf'), join(out, 'codicon.ttf'));
}

function testEntries(dir) {
  const found = [];
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) found.push(...testEntries(p));
    else if (name.endsWith('.test.ts') || (dir.includes('integration') && name.endsWith('.ts'))) found.push(p);
  }
  return found;
}

async function main() {
  if (ifStale && upToDate()) {
    console.log('esbuild: dist/ is up to date with the sources (--if-stale): nothing to build');
    return;
  }
  if (!watch) rmSync(dist, { recursive: true, force: true });
  const builds = [];
  for (const t of nodeTargets) {
    const outdir = dirname(join(root, t.outfile));
    builds.push({ ...common, platform: 'node', format: 'cjs', target: 'node20', ...t, plugins: [splitHeavyModules(outdir)] });
  }
  for (const t of vocabTargets) builds.push({ ...common, platform: 'node', format: 'cjs', target: 'node20', ...t });
  if (webviewTarget) builds.push({ ...common, ...webviewTarget });
  if (existsSync(join(root, 'src/webview/spend/main.ts')))
    builds.push({
      ...common,
      entryPoints: ['src/webview/spend/main.ts'],
      outfile: 'dist/webview/spend.js',
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
    });
  builds.push({
    ...common,
    entryPoints: ['src/webview/sources/main.ts'],
    outfile: 'dist/webview/sources.js',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  });
  if (withTests) {
    rmSync(join(root, 'out'), { recursive: true, force: true });
    const entries = testEntries(join(root, 'test'));
    if (entries.length) {
      builds.push({
        ...common,
        minify: false,
        entryPoints: entries,
        outdir: 'out/test',
        outbase: 'test',
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        packages: 'external',
        external: ['vscode'],
        plugins: [compactForTests],
      });
    }
  }
  if (watch) {
    for (const b of builds) (await esbuild.context(b)).watch();
    copyWebviewAssets();
    console.log('watching…');
    return;
  }
  writeCompactVocabularies(root, join(dist, 'vocab'));
  await Promise.all(builds.map((b) => esbuild.build(b)));
  copyWebviewAssets();
  writeFileSync(stampFile, JSON.stringify({ tests: withTests }) + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
