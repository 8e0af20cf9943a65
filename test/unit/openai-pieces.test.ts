import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { pieceCounter } from '../../src/core/tokenize/vendors/openai-pieces';

const fixtures = join(__dirname, '../../../test/fixtures/tokenize');
const read = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

interface GptModule {
  countTokens(text: string, options: { disallowedSpecial: Set<string> }): number;
}

const modules: Record<string, GptModule> = {
  o200k_base: require('gpt-tokenizer/encoding/o200k_base') as GptModule,
  cl100k_base: require('gpt-tokenizer/encoding/cl100k_base') as GptModule,
};
const NONE = new Set<string>();

// Texts that reach every branch: pieces that are one token, pieces that need BPE, pieces that are
// no valid UTF-8 (lone surrogates), special-token strings (counted as text), repeated pieces.
const CASES = [
  '',
  'a',
  'Hello, world! Hello, world!',
  'antidisestablishmentarianism antidisestablishmentarianism',
  '中文文本的分词测试，中文文本。',
  'lone \uD800 surrogate \uDFFF and emoji 🎉🎉 here',
  '<|endoftext|> and <|im_start|>user',
  '  indented\n\n\r\n\ttabs   \n',
  'x'.repeat(3000),
];

for (const [encoding, mod] of Object.entries(modules)) {
  describe(`${encoding}: piece counter`, () => {
    const counter = pieceCounter(mod);

    test('reads the internals of the installed gpt-tokenizer', () => {
      assert.ok(counter, 'gpt-tokenizer internals changed: the fast path falls back to countTokens');
    });

    test('equals gpt-tokenizer countTokens on edge cases and the fixtures, cold and cached', () => {
      const texts = [...CASES, read('en.md'), read('zh.md'), read('code.ts.txt')];
      for (const pass of ['cold', 'cached']) {
        for (const text of texts) assert.equal(counter!.count(text), mod.countTokens(text, { disallowedSpecial: NONE }), `${pass} ${JSON.stringify(text.slice(0, 40))}`);
        if (pass === 'cold') continue;
        counter!.clear();
      }
    });

    test('equals gpt-tokenizer countTokens on random text', () => {
      const chars = fc.constantFrom('a', 'Z', ' ', '  ', '\n', '\r\n', '\t', "'s", '1', '234', '.', '!?', '中', '文', 'é', '🎉', '\uD800', '/', '<|endoftext|>', 'the', ' word');
      fc.assert(
        fc.property(fc.array(chars, { maxLength: 60 }), (parts) => {
          const text = parts.join('');
          assert.equal(counter!.count(text), mod.countTokens(text, { disallowedSpecial: NONE }));
        }),
        { numRuns: 300 },
      );
    });
  });
}

test('a module without the expected internals gives no piece counter', () => {
  assert.equal(pieceCounter({ countTokens: () => 0 }), undefined);
  assert.equal(pieceCounter({ default: { bytePairEncodingCoreProcessor: { tokenSplitRegex: /x/ } } }), undefined);
});
