import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countText, loadTokenizer, TOKENIZER_INFO } from '../../src/core/tokenize/index';
import { ESTIMATED_TOKENIZER_IDS, EXACT_TOKENIZER_IDS, TOKENIZER_IDS } from '../../src/core/tokenize/ids';
import { ESTIMATE_PROFILES, GENERIC_WEIGHTS, profile } from '../../src/core/tokenize/estimate/calibration';
import { estimateFromFeatures, estimateTokens } from '../../src/core/tokenize/estimate/estimate';
import { textFeatures } from '../../src/core/tokenize/estimate/script-classes';

const fixtures = join(__dirname, '../../../test/fixtures/tokenize');
const read = (name: string): string => readFileSync(join(fixtures, name), 'utf8');

/** Exact counts of the fixtures (asserted against js-tiktoken / HuggingFace in the other tokenize tests). */
const O200K = { 'en.md': 521, 'zh.md': 683, 'code.ts.txt': 439 };
const DEEPSEEK_V3_ZH = 557;

function within(actual: number, expected: number, band: number, what: string): void {
  const ratio = actual / expected;
  assert.ok(Math.abs(ratio - 1) <= band, `${what}: ${actual} vs ${expected} (${((ratio - 1) * 100).toFixed(1)} %, band ±${band * 100} %)`);
}

describe('estimated tokenizers', () => {
  test('every id has info; estimates are labelled exact: false with a sourced basis', async () => {
    assert.deepEqual(Object.keys(TOKENIZER_INFO).sort(), [...TOKENIZER_IDS].sort());
    for (const id of EXACT_TOKENIZER_IDS) assert.equal(TOKENIZER_INFO[id].exact, true);
    for (const id of ESTIMATED_TOKENIZER_IDS) {
      const info = TOKENIZER_INFO[id];
      assert.equal(info.exact, false, id);
      assert.match(info.label, /^\S.* \(.+, estimate\)$/, id);
      assert.ok(info.basis.length > 40, `${id} basis`);
      const result = await countText('你好, world', id);
      assert.equal(result.exact, false);
      assert.ok(result.tokens > 0);
    }
  });

  test('the generic weights stay within ±11 % of exact o200k_base on English, Chinese and code', () => {
    // zh.md measures +10.7 %: one weight per Chinese character serves articles and name lists (CALIBRATION.md).
    for (const [file, exact] of Object.entries(O200K)) {
      within(Math.round(estimateFromFeatures('grok_est', textFeatures(read(file)))), exact, 0.11, file);
    }
    assert.deepEqual(ESTIMATE_PROFILES.grok_est.weights, GENERIC_WEIGHTS);
    assert.equal(TOKENIZER_INFO.kimi_est.label, 'Kimi (Moonshot AI, estimate)');
  });

  test("the method with a vendor's published figure lands within ±10 % of that vendor's exact tokenizer", () => {
    // DeepSeek publishes 0.6 tokens per Chinese character and ships its tokenizer, so the method
    // (published Chinese figure, o200k-like weights for the rest) can be checked against the truth.
    const deepseekFromDocs = profile({ vendor: 'DeepSeek', cjkTokensPerChar: 0.6, basis: 'DeepSeek docs' });
    const f = textFeatures(read('zh.md'));
    const estimate = Object.entries(deepseekFromDocs.weights).reduce((sum, [k, w]) => sum + w * f[k as keyof typeof f], 0);
    within(Math.round(estimate), DEEPSEEK_V3_ZH, 0.1, 'zh.md, DeepSeek figure vs deepseek_v3');
  });

  test('Chinese-only text reproduces each published figure', () => {
    const chinese = (n: number): string => '汉'.repeat(n);
    assert.equal(estimateTokens('doubao_est', chinese(1500)), 1000); // 1,500 characters per 1,000 tokens
    assert.equal(estimateTokens('kimi_est', chinese(1750)), 1000); // 1.5-2 characters per token
    assert.equal(estimateTokens('glm_est', chinese(1600)), 1000); // 1 : 1.6
    assert.equal(estimateTokens('spark_est', chinese(1500)), 1000); // 1.5 characters per token
    assert.equal(estimateTokens('yi_est', chinese(300_000)), 200_000); // 200K tokens ≈ 300,000 characters
    assert.equal(estimateTokens('ernie_est', chinese(1000)), 1000); // Qianfan: one token per character
    assert.equal(estimateTokens('baichuan_est', chinese(1000)), 1000);
  });

  test('Claude costs 1.2-1.35x o200k_base on English, as public comparisons report', async () => {
    const claude = await loadTokenizer('claude_est');
    const ratio = claude.count(read('en.md')) / O200K['en.md'];
    assert.ok(ratio >= 1.2 && ratio <= 1.35, `ratio ${ratio.toFixed(3)}`);
  });

  test('Gemini tracks the Gemma vocabulary: fewer tokens than o200k on Chinese, more on English', async () => {
    const gemini = await loadTokenizer('gemini_est');
    assert.ok(gemini.count(read('zh.md')) < O200K['zh.md']);
    assert.ok(gemini.count(read('en.md')) > O200K['en.md']);
  });

  test('estimates are additive enough to be stable: doubling the text doubles the count (±1)', () => {
    const text = read('zh.md') + '\n' + read('en.md');
    for (const id of ESTIMATED_TOKENIZER_IDS) {
      const once = estimateTokens(id, text);
      const twice = estimateTokens(id, text + '\n' + text);
      assert.ok(Math.abs(twice - 2 * once) <= 3, `${id}: ${once} → ${twice}`);
    }
  });
});
