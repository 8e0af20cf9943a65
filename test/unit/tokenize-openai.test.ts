import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { get_encoding } from 'tiktoken';
import { countText, loadTokenizer, releaseTokenizers, TOKENIZER_INFO } from '../../src/core/tokenize/index';
import { countRankChunk, type OpenAiEncoding } from '../../src/core/tokenize/vendors/tiktoken';
import { countWithReference } from './tiktoken-reference';

const fixtures = join(__dirname, '../../../test/fixtures/tokenize');
const read = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

/** Expected counts: js-tiktoken `encode(text, [], []).length`, cross-checked below by tiktoken (WASM). */
const EXPECTED: Record<OpenAiEncoding, Record<string, number>> = {
  o200k_base: { 'en.md': 521, 'zh.md': 683, 'code.ts.txt': 439 },
  cl100k_base: { 'en.md': 522, 'zh.md': 986, 'code.ts.txt': 439 },
};

const wasmEncoders = new Map<OpenAiEncoding, ReturnType<typeof get_encoding>>();

/** OpenAI's own Rust tiktoken (WASM build): the second reference. */
function wasmCount(encoding: OpenAiEncoding, text: string): number {
  let enc = wasmEncoders.get(encoding);
  if (!enc) {
    enc = get_encoding(encoding);
    wasmEncoders.set(encoding, enc);
  }
  return enc.encode(text, [], []).length;
}

/** gpt-tokenizer's count: tells the BOM cases apart from ordinary text. */
function gptCount(encoding: OpenAiEncoding, text: string): number {
  const mod = (encoding === 'o200k_base' ? require('gpt-tokenizer/encoding/o200k_base') : require('gpt-tokenizer/encoding/cl100k_base')) as {
    countTokens(t: string, o: { disallowedSpecial: Set<string> }): number;
  };
  return mod.countTokens(text, { disallowedSpecial: new Set() });
}

const BOM_CASES = [
  '\uFEFF',
  '\uFEFF班',
  '\uFEFF\n',
  'abc\uFEFF',
  "\uFEFF's",
  'x  \uFEFFy',
  'line one\n\uFEFFline two\n',
  '\uFEFF\uFEFF\uFEFF',
  'mixed 中文\uFEFF文本 and   \uFEFF  spaces\r\n\uFEFF',
  '\uFEFF' + 'word '.repeat(50) + '\uFEFF' + '汉字'.repeat(40) + '\n\uFEFF',
];

for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
  describe(`${encoding}: exact counts`, () => {
    for (const [file, expected] of Object.entries(EXPECTED[encoding])) {
      test(`${file} counts ${expected}, equal to js-tiktoken and tiktoken (WASM)`, async () => {
        const text = read(file);
        assert.equal((await countText(text, encoding)).tokens, expected);
        assert.equal(countWithReference(encoding, text), expected);
        assert.equal(wasmCount(encoding, text), expected);
      });
    }

    test('BOM edge cases equal js-tiktoken, where gpt-tokenizer does not (it holds the tokens that start with U+FEFF as bytes, outside its text map)', () => {
      let gptDiffers = 0;
      for (const text of BOM_CASES) {
        assert.equal(countRankChunk(encoding, text), countWithReference(encoding, text), JSON.stringify(text));
        if (gptCount(encoding, text) !== countWithReference(encoding, text)) gptDiffers++;
      }
      // The cases reach what a vocabulary without U+FEFF text tokens gets wrong.
      assert.ok(gptDiffers > 0);
    });

    test('fixtures with BOMs inserted at many places count like js-tiktoken', () => {
      for (const file of Object.keys(EXPECTED[encoding])) {
        const text = read(file);
        for (let at = 0; at < text.length; at += 97) {
          const withBom = text.slice(0, at) + '\uFEFF' + text.slice(at);
          assert.equal(countRankChunk(encoding, withBom), countWithReference(encoding, withBom), `${file} @${at}`);
        }
      }
    });

    test('special-token strings are counted as ordinary text', async () => {
      const text = 'Say <|endoftext|> then <|im_start|>user<|im_end|> and <|fim_prefix|>.';
      const tok = await loadTokenizer(encoding);
      const n = tok.count(text);
      assert.equal(n, countWithReference(encoding, text));
      assert.equal(n, wasmCount(encoding, text));
      // As text, "<|endoftext|>" alone is several tokens, never the single special token.
      assert.ok(tok.count('<|endoftext|>') > 1);
    });
  });
}

describe('loader', () => {
  test('concurrent loads share one tokenizer; release drops it and a new load works', async () => {
    const [a, b] = await Promise.all([loadTokenizer('o200k_base'), loadTokenizer('o200k_base')]);
    assert.equal(a, b);
    releaseTokenizers(['o200k_base']);
    const c = await loadTokenizer('o200k_base');
    assert.notEqual(c, a);
    assert.equal(c.count('hello world'), 2);
    assert.equal(a.count('hello world'), 2, 'a released tokenizer still counts while referenced');
  });

  test('releasing drops the vocabularies from the module cache so their memory can be reclaimed', async () => {
    const vocabulary = /dist[\\/]vocab[\\/](o200k_base|cl100k_base)\.js$/;
    for (const id of ['o200k_base', 'cl100k_base'] as const) (await loadTokenizer(id)).count('with a BOM \uFEFF here');
    assert.ok(Object.keys(require.cache).some((k) => vocabulary.test(k)));
    releaseTokenizers();
    assert.deepEqual(
      Object.keys(require.cache).filter((k) => vocabulary.test(k)),
      [],
    );
    assert.equal((await loadTokenizer('o200k_base')).count('hello world'), 2, 'loads again after release');
  });

  test('an unknown id is rejected with a clear message', async () => {
    await assert.rejects(loadTokenizer('gpt-5' as never), /unknown tokenizer "gpt-5"/);
  });

  test('countText labels exact counts', async () => {
    assert.deepEqual(await countText('hello world', 'cl100k_base'), { tokenizer: 'cl100k_base', tokens: 2, exact: true });
    assert.equal(TOKENIZER_INFO.o200k_base.label, 'o200k_base (OpenAI, exact)');
  });
});
