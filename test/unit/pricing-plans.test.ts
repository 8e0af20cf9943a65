import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareText } from '../../src/core/compare';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { planVerdicts } from '../../src/core/pricing/plans';
import { assumptionsAt, near } from './support';
import type { Assumptions } from '../../src/core/types';

const catalogue = loadBundledCatalogue();
const zh = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'prompt-zh.txt'), 'utf8');

function assumptions(overrides: Partial<Assumptions> = {}): Assumptions {
  return assumptionsAt({ currency: 'CNY', ...overrides });
}

describe('plan break-even on the bundled plans', () => {
  test('GLM Coding Lite (49 CNY a month) against GLM-4.7 pay-as-you-go for a Chinese prompt', async () => {
    const c = await compareText(zh, catalogue, assumptions({ callsPerDay: 100 }), { currentModelId: 'zhipu/glm-4.7@cn', vendors: ['zhipu'] });
    const lite = planVerdicts(c).find((v) => v.plan.id === 'zhipu-glm-coding-lite');
    assert.ok(lite);
    const tokens = c.rows.find((r) => r.model.id === 'zhipu/glm-4.7@cn')!.count.tokens;
    assert.ok(tokens > 0 && tokens <= 32_000, `${tokens} tokens: the test expects the ≤32K bracket (3 / 14 CNY per 1M)`);
    const perCall = (tokens * 3 + 500 * 14) / 1_000_000;
    near(lite.perCall, perCall, 'per call');
    near(lite.planMonthly, 49, 'plan month');
    near(lite.payAsYouGoMonthly, perCall * 100 * 30, 'pay-as-you-go month');
    near(lite.breakEvenCallsPerDay, 49 / (perCall * 30), 'break-even calls a day');
    const expected = perCall * 100 * 30 > 49 ? 'plan' : 'pay-as-you-go';
    assert.equal(lite.cheaper, expected);
    near(lite.monthlySaving, perCall * 100 * 30 - 49, 'saving');
  });

  test('the verdict flips at the break-even number of calls', async () => {
    const probe = await compareText(zh, catalogue, assumptions(), { currentModelId: 'minimax/minimax-m2.7@cn', vendors: ['minimax'] });
    const starter = planVerdicts(probe).find((v) => v.plan.id === 'minimax-token-plan-starter')!;
    assert.equal(starter.planMonthly, 29);
    const breakEven = starter.breakEvenCallsPerDay!;
    const below = await compareText(zh, catalogue, assumptions({ callsPerDay: Math.floor(breakEven * 0.9) }), {
      currentModelId: 'minimax/minimax-m2.7@cn',
      vendors: ['minimax'],
    });
    const above = await compareText(zh, catalogue, assumptions({ callsPerDay: Math.ceil(breakEven * 1.1) }), {
      currentModelId: 'minimax/minimax-m2.7@cn',
      vendors: ['minimax'],
    });
    assert.equal(planVerdicts(below).find((v) => v.plan.id === 'minimax-token-plan-starter')!.cheaper, 'pay-as-you-go');
    assert.equal(planVerdicts(above).find((v) => v.plan.id === 'minimax-token-plan-starter')!.cheaper, 'plan');
  });

  test('ChatGPT Plus covers no API model: its price is shown, the verdict is unknown and sorted last', async () => {
    const c = await compareText('hello', catalogue, assumptions({ currency: 'USD' }), { currentModelId: 'openai/gpt-4o', vendors: ['openai', 'zhipu'] });
    const verdicts = planVerdicts(c);
    const plus = verdicts.find((v) => v.plan.id === 'openai-chatgpt-plus');
    assert.ok(plus);
    assert.equal(plus.planMonthly, 20);
    assert.equal(plus.cheaper, 'unknown');
    assert.equal(plus.breakEvenCallsPerDay, undefined);
    const firstUnknown = verdicts.findIndex((v) => v.cheaper === 'unknown');
    assert.ok(verdicts.slice(firstUnknown).every((v) => v.cheaper === 'unknown'));
    assert.ok(verdicts.some((v) => v.plan.id === 'zhipu-glm-coding-lite' && v.cheaper !== 'unknown'));
  });
});
