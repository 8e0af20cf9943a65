import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { TOKENIZER_INFO, groupCounts, tokenizerLabel } from '../../src/core/tokenize';
import { TOKENIZER_IDS } from '../../src/core/tokenize/ids';

describe('tokenizer labels', () => {
  test('English labels name family, vendor and whether the count is exact', () => {
    assert.equal(tokenizerLabel('o200k_base', 'en'), 'o200k_base (OpenAI, exact)');
    assert.equal(tokenizerLabel('kimi_est', 'en'), 'Kimi (Moonshot AI, estimate)');
  });

  test('Chinese labels say 精确 or 估算 with full-width punctuation', () => {
    assert.equal(tokenizerLabel('qwen3', 'zh-cn'), 'Qwen3（Alibaba，精确）');
    assert.equal(tokenizerLabel('doubao_est', 'zh-cn'), 'Doubao（ByteDance，估算）');
  });

  test('every tokenizer has a label in both languages that matches its exactness', () => {
    for (const id of TOKENIZER_IDS) {
      const info = TOKENIZER_INFO[id];
      assert.ok(tokenizerLabel(id, 'en').endsWith(info.exact ? ', exact)' : ', estimate)'), id);
      assert.ok(tokenizerLabel(id, 'zh-cn').endsWith(info.exact ? '，精确）' : '，估算）'), id);
      assert.ok(tokenizerLabel(id, 'zh-cn').startsWith(info.family), id);
    }
  });
});

describe('groupCounts', () => {
  test('tokenizers with the same count and exactness share a group, fewest tokens first', () => {
    const groups = groupCounts([
      { tokenizer: 'claude_est', tokens: 115, exact: false },
      { tokenizer: 'grok_est', tokens: 92, exact: false },
      { tokenizer: 'o200k_base', tokens: 85, exact: true },
      { tokenizer: 'doubao_est', tokens: 92, exact: false },
      { tokenizer: 'qwen3', tokens: 92, exact: true },
    ]);
    assert.deepEqual(groups, [
      { tokens: 85, exact: true, families: ['o200k_base'] },
      { tokens: 92, exact: true, families: ['Qwen3'] },
      { tokens: 92, exact: false, families: ['Grok', 'Doubao'] },
      { tokens: 115, exact: false, families: ['Claude'] },
    ]);
  });
});
