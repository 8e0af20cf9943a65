// The compact o200k_base and cl100k_base vocabularies (scripts/compact-vocab.mjs → dist/vocab, counted
// by vendors/openai.ts with our own merge) against js-tiktoken, the reference, on real text from many
// scripts, random text and long runs.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { randomVocabText, vocabCorpus } from './vocab-corpus';
import { countRankChunk, clearFastPathCaches } from '../../src/core/tokenize/vendors/tiktoken';
import { loadTokenizer } from '../../src/core/tokenize';
import { countWithReference } from './tiktoken-reference';

const root = join(__dirname, '..', '..', '..');
const ENCODINGS = ['o200k_base', 'cl100k_base'] as const;

describe('compact OpenAI vocabularies: counts identical to js-tiktoken', () => {
  for (const encoding of ENCODINGS) {
    test(`${encoding}: every corpus file, cold and with warm caches`, () => {
      const files = vocabCorpus();
      assert.ok(files.length >= 20, `${files.length} files`);
      for (const pass of ['cold', 'warm']) {
        if (pass === 'cold') clearFastPathCaches();
        for (const { name, text } of files) assert.equal(countRankChunk(encoding, text), countWithReference(encoding, text), `${pass} ${name}`);
      }
    });

    test(`${encoding}: random text from many scripts, graphemes and binary strings`, () => {
      fc.assert(
        fc.property(randomVocabText, (text) => countRankChunk(encoding, text) === countWithReference(encoding, text)),
        { numRuns: 1500 },
      );
    });

    test(`${encoding}: long runs through the registry's tokenizer`, async () => {
      const tok = await loadTokenizer(encoding);
      // Under bpe/long-runs.ts's LONG_RUN characters each run is counted whole, so exactly.
      const text = `${'x'.repeat(900)} ${'汉'.repeat(500)} ${'1'.repeat(700)} ${'ab=+/'.repeat(150)}\n${' '.repeat(400)}${'🎉'.repeat(200)}\n${readFileSync(join(root, 'test/fixtures/tokenize/zh.md'), 'utf8')}`;
      assert.equal(tok.count(text), countWithReference(encoding, text));
    });
  }
});
