// One localisation module: the panel, the reports, the pricing rules and the CLI translate through
// src/core/l10n.ts from the bundle VS Code loads, and every one of their messages is translated.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLI_MESSAGES } from '../../src/cli/messages';
import { RULE_MESSAGES, describeRule } from '../../src/core/format/rules';
import { CHANGE_MESSAGES, describePriceChange } from '../../src/core/format/changes';
import { formatRate } from '../../src/core/format/money';
import { isTranslated, localize } from '../../src/core/l10n';
import { REPORT_MESSAGES, reportStrings } from '../../src/core/report';
import { PANEL_MESSAGES, translator } from '../../src/webview/strings';
import { USAGE_MESSAGES } from '../../src/core/usage/report';
import { SPEND_VIEW_MESSAGES } from '../../src/webview/spend/strings';
import { TOOLTIP_MESSAGES } from '../../src/core/statusTooltip';

const slots = (s: string) =>
  [...s.matchAll(/\{\d+\}/g)]
    .map((m) => m[0])
    .sort()
    .join();

const FRONT_ENDS: [string, readonly string[]][] = [
  ['panel', PANEL_MESSAGES],
  ['report', Object.values(REPORT_MESSAGES)],
  ['rules', Object.values(RULE_MESSAGES)],
  ['price changes', Object.values(CHANGE_MESSAGES)],
  ['cli', Object.values(CLI_MESSAGES)],
  ['usage', Object.values(USAGE_MESSAGES)],
  ['spend view', Object.values(SPEND_VIEW_MESSAGES)],
  ['status bar tooltip', Object.values(TOOLTIP_MESSAGES)],
];

for (const [name, messages] of FRONT_ENDS) {
  test(`every ${name} message has a Simplified Chinese translation with the same slots`, () => {
    assert.ok(messages.length > 5, `${name} has messages`);
    const missing = messages.filter((m) => !isTranslated('zh-cn', m));
    assert.deepEqual(missing, []);
    for (const m of messages) assert.equal(slots(localize('zh-cn', m)), slots(m), `slots of "${m}"`);
  });
}

test('localize fills slots, falls back to English, and ignores inherited keys', () => {
  assert.equal(localize('en', 'Current model: {0}', 'Qwen-Plus'), 'Current model: Qwen-Plus');
  assert.equal(localize('zh-cn', 'Current model: {0}', 'Qwen-Plus'), '当前模型：Qwen-Plus');
  assert.equal(localize('zh-cn', 'not in any bundle {0}', 7), 'not in any bundle 7');
  assert.equal(localize('zh-cn', 'constructor'), 'constructor');
  // A slot value ending in a full-width bracket takes no space after it (the panel's answer and tokenizer note).
  assert.equal(
    localize(
      'zh-cn',
      'The cheapest model that can hold it is of a lower quality class: {0} from {1}, {2} a call, {3} a month.',
      'Qwen-Long',
      '阿里云百炼（通义千问）',
      '¥4.00',
      '¥12,000.13',
    ),
    '放得下此请求的最便宜模型等级较低：阿里云百炼（通义千问）的 Qwen-Long，每次调用 ¥4.00，每月 ¥12,000.13。',
  );
  assert.equal(localize('en', 'slot {0} (x)', 'a（b） '), 'slot a（b）  (x)');
  assert.equal(localize('en', 'slot {1} left {0}', 'a'), 'slot {1} left a');
});

test('each front end reads the same bundle', () => {
  assert.equal(translator('zh-cn')('colModel'), '模型');
  assert.equal(reportStrings('zh-cn').model, '模型');
  assert.equal(reportStrings('zh-cn').suggestions('GLM-5'), 'GLM-5 的更便宜同级替代');
  assert.equal(describeRule({ kind: 'discount', percent: 10 }, 'zh-cn'), '厂商折扣 10%');
  assert.equal(describeRule({ kind: 'discount', percent: 10 }, 'en'), 'vendor discount 10%');
});

test("texts from the pricing file in the tooltip's rules and price changes are in Chinese, and rates say Token", () => {
  const peak = 'Peak (Mon–Fri 09:00–12:00 Beijing time)';
  assert.equal(describeRule({ kind: 'timeWindow', label: peak }, 'zh-cn'), '时段价格：高峰时段（北京时间周一至周五 09:00–12:00）');
  assert.equal(describeRule({ kind: 'timeWindow', label: peak }, 'en'), `time window: ${peak}`);
  const note = 'introductory half price ends on 2026-12-31; standard price from 2027-01-01';
  assert.equal(
    describeRule({ kind: 'scheduled', note, until: '2027-01-01' }, 'zh-cn'),
    '限期价格（至 2026-12-31）：首发半价优惠于 2026-12-31 结束；2027-01-01 起恢复标准价',
  );
  const change = {
    date: '2027-01-01',
    before: { kind: 'free' as const },
    after: { kind: 'unpriced' as const, reason: 'withdrawn' },
    note,
    source: 'https://example.com/pricing',
  };
  assert.match(describePriceChange(change, 'zh-cn'), /首发半价优惠于 2026-12-31 结束/);
  // A user's own pricing file may hold any note: it is shown as written.
  assert.equal(describeRule({ kind: 'timeWindow', label: 'Happy hour' }, 'zh-cn'), '时段价格：Happy hour');
  assert.equal(formatRate(0.8, 1_000_000, 'CNY', 'zh-CN'), '¥0.8 / 百万 Token');
  assert.equal(formatRate(0.0008, 1000, 'CNY', 'zh-CN'), '¥0.0008 / 千 Token');
});
