// One localisation module: the panel, the reports, the pricing rules and the CLI translate through
// src/core/l10n.ts from the bundle VS Code loads, and every one of their messages is translated.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLI_MESSAGES } from '../../src/cli/messages';
import { RULE_MESSAGES, describeRule } from '../../src/core/format/rules';
import { CHANGE_MESSAGES } from '../../src/core/format/changes';
import { isTranslated, localize } from '../../src/core/l10n';
import { REPORT_MESSAGES, reportStrings } from '../../src/core/report';
import { PANEL_MESSAGES, translator } from '../../src/webview/strings';
import { USAGE_MESSAGES } from '../../src/core/usage/report';
import { SPEND_VIEW_MESSAGES } from '../../src/webview/spend/strings';
import { TOOLTIP_MESSAGES } from '../../src/core/statusTooltip';

const slots = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort().join();

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
  assert.equal(localize('en', 'slot {1} left {0}', 'a'), 'slot {1} left a');
});

test('each front end reads the same bundle', () => {
  assert.equal(translator('zh-cn')('colModel'), '模型');
  assert.equal(reportStrings('zh-cn').model, '模型');
  assert.equal(reportStrings('zh-cn').suggestions('GLM-5'), 'GLM-5 的更便宜同级替代');
  assert.equal(describeRule({ kind: 'discount', percent: 10 }, 'zh-cn'), '厂商折扣 10%');
  assert.equal(describeRule({ kind: 'discount', percent: 10 }, 'en'), 'vendor discount 10%');
});
