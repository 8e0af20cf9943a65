/**
 * What the comparison panel is sent about plans and price history (src/vscode/viewModel.ts, which
 * stays free of `vscode`), built from the bundled prices and real token counts, and validated
 * with the same zod schema the webview applies to every message.
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { compareText } from '../../src/core/compare';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { historyView, toView, type ViewContext } from '../../src/vscode/viewModel';
import { signedPercent } from '../../src/webview/history';
import { ComparisonViewSchema, type PanelAssumptions } from '../../src/webview/protocol';
import { MONDAY_EVENING_BEIJING, assumptionsAt, readFixture, near } from './support';
import { STALE_AFTER_DAYS } from '../../src/core/pricing/freshness';

const catalogue = loadBundledCatalogue();
const zh = readFixture('prompt-zh.txt');
const NOW = MONDAY_EVENING_BEIJING;

function context(callsPerDay: number): ViewContext {
  const panel: PanelAssumptions = {
    outputTokens: 500,
    reasoningTokens: 0,
    cachedShare: 0,
    callsPerDay,
    currency: 'CNY',
    batch: false,
    offPeak: false,
    alwaysSent: false,
  };
  return { locale: 'zh-cn', source: { kind: 'document', label: 'prompt-zh.txt', pinned: false }, assumptions: panel, overridden: [], notices: [], now: NOW };
}

async function view(callsPerDay: number, vendors?: string[]) {
  const c = await compareText(zh, catalogue, assumptionsAt({ callsPerDay, outputTokens: 500, currency: 'CNY' }), {
    currentModelId: 'zhipu/glm-4.7@cn',
    vendors,
    now: NOW,
  });
  return { c, v: ComparisonViewSchema.parse(toView(c, context(callsPerDay))) };
}

const daysOld = (checked: string) => Math.floor((NOW.getTime() - Date.parse(`${checked}T00:00:00Z`)) / 86_400_000);

describe('plans in the panel view', () => {
  test('GLM Coding Lite: 49 CNY a month against GLM-4.7 pay-as-you-go, with the break-even calls a day', async () => {
    const { c, v } = await view(100);
    const lite = v.plans.find((p) => p.id === 'zhipu-glm-coding-lite');
    assert.ok(lite, 'the plan is in the view');
    assert.deepEqual(lite.price, { amount: 49, currency: 'CNY', period: 'month' });
    assert.equal(lite.vendorName, catalogue.vendor('zhipu')!.nameZh, 'vendor named in the UI language');
    assert.equal(lite.modelId, 'zhipu/glm-4.7@cn');
    assert.equal(lite.modelName, 'GLM-4.7');
    const row = c.rows.find((r) => r.model.id === 'zhipu/glm-4.7@cn')!;
    // GLM-4.7 on bigmodel.cn, ≤32K input bracket: 3 CNY per 1M input, 14 CNY per 1M output.
    assert.ok(row.count.tokens <= 32_000);
    const perCall = (row.count.tokens * 3 + 500 * 14) / 1_000_000;
    near(lite.perCall, perCall, 'per call');
    near(lite.payAsYouGoMonthly, perCall * 100 * 30, 'pay-as-you-go month at 100 calls a day');
    near(lite.breakEvenCallsPerDay, 49 / (perCall * 30), 'break-even calls a day');
    assert.equal(lite.cheaper, 'pay-as-you-go', `at 100 calls a day ${perCall * 3000} CNY < 49 CNY`);
    near(lite.monthlySaving, perCall * 3000 - 49, 'monthly difference');
    assert.equal(lite.stale, daysOld(lite.checked) > STALE_AFTER_DAYS);
  });

  test('above the break-even the plan wins and the saving is the difference', async () => {
    const { v: low } = await view(100);
    const breakEven = low.plans.find((p) => p.id === 'zhipu-glm-coding-lite')!.breakEvenCallsPerDay!;
    const { v } = await view(Math.ceil(breakEven) * 2);
    const lite = v.plans.find((p) => p.id === 'zhipu-glm-coding-lite')!;
    assert.equal(lite.cheaper, 'plan');
    near(lite.monthlySaving, lite.payAsYouGoMonthly! - 49, 'saving');
    // Plans with a comparison come first, biggest saving first.
    const compared = v.plans.filter((p) => p.cheaper !== 'unknown');
    assert.deepEqual(v.plans.slice(0, compared.length), compared);
    const savings = compared.map((p) => p.monthlySaving!);
    assert.deepEqual(
      savings,
      [...savings].sort((a, b) => b - a),
    );
  });

  test('only plans of the compared vendors; app subscriptions stay without a verdict, converted to the display currency', async () => {
    const { c, v } = await view(100, ['zhipu', 'openai']);
    assert.ok(v.plans.length > 0);
    assert.deepEqual([...new Set(v.plans.map((p) => p.vendorId))].sort(), ['openai', 'zhipu']);
    const plus = v.plans.find((p) => p.id === 'openai-chatgpt-plus')!;
    assert.deepEqual(plus.price, { amount: 20, currency: 'USD', period: 'month' });
    assert.equal(plus.cheaper, 'unknown');
    assert.equal(plus.modelId, undefined);
    near(plus.planMonthly, (20 * c.exchangeRates.rates.CNY!) / (c.exchangeRates.rates.USD ?? 1), 'ChatGPT Plus a month in CNY');
  });

  test('a yearly plan is set against pay-as-you-go per month', async () => {
    const { v } = await view(100, ['moonshot']);
    const year = v.plans.find((p) => p.id === 'moonshot-kimi-code-allegretto-year')!;
    assert.deepEqual(year.price, { amount: 1908, currency: 'CNY', period: 'year' });
    near(year.planMonthly, 159, '1908 CNY a year = 159 CNY a month');
  });

  test('Baidu coding plans cover no priced model: no verdict, and they say why', async () => {
    const { v } = await view(100, ['baidu']);
    const baidu = v.plans.filter((p) => p.vendorId === 'baidu');
    assert.equal(baidu.length, 2);
    for (const p of baidu) {
      assert.equal(p.cheaper, 'unknown');
      assert.match(p.includes, /no pay-as-you-go price in this pricing file|在本定价文件中没有按量价格/);
    }
  });
});

describe('price history in the panel view', () => {
  test('Qwen-Long: input 0.02 → 0.0005 CNY per 1K tokens, −97.5 %', async () => {
    const { v } = await view(100, ['alibaba']);
    const h = v.history.find((x) => x.modelId === 'alibaba/qwen-long');
    assert.ok(h, 'Qwen-Long has a history');
    assert.equal(h.currency, 'CNY');
    assert.equal(h.per, 1000);
    assert.deepEqual(
      h.points.map((p) => [p.from, p.to, p.input, p.current]),
      [
        ['2024-05-20', '2024-05-20', 0.02, false],
        ['2024-05-21', undefined, 0.0005, true],
      ],
    );
    assert.equal(h.change.input, -97.5);
    assert.equal(signedPercent(h.change.input!, 'en'), '−97.5%');
  });

  test('qwen-max@cn: the old point ends and the current one starts the next day (0.02 → 0.0024 CNY per 1K, −88 %)', () => {
    const h = historyView(catalogue.model('alibaba/qwen-max@cn')!)!;
    assert.deepEqual(
      h.points.map((p) => [p.from, p.to, p.input, p.output]),
      [
        ['2024-09-19', '2025-01-27', 0.02, 0.06],
        ['2025-01-28', undefined, 0.0024, 0.0096],
      ],
    );
    assert.equal(h.change.input, -88);
    assert.equal(h.change.output, -84);
  });

  test('models without older prices, or with only the current one, have no history entry', async () => {
    const { v } = await view(100);
    const ids = new Set(v.history.map((x) => x.modelId));
    assert.equal(ids.has('zhipu/glm-4.7@cn'), false);
    // ERNIE Speed's one history point is its current (free) price: nothing changed to show.
    assert.equal(historyView(catalogue.model('baidu/ernie-speed-128k')!), undefined);
    for (const h of v.history) assert.ok(h.points.length >= 2);
    // Every compared model with a history of two or more points is there, and nothing else.
    const expected = v.rows.filter((r) => historyView(catalogue.model(r.modelId)!)).map((r) => r.modelId);
    assert.deepEqual(
      v.history.map((x) => x.modelId),
      expected,
    );
  });

  test('percent changes are signed with a real minus', () => {
    assert.equal(signedPercent(-33.3333333333, 'en'), '−33.3%');
    assert.equal(signedPercent(20, 'en'), '+20%');
    assert.equal(signedPercent(0, 'en'), '0%');
  });
});

describe('price notes in the panel view', () => {
  test('a row carries its coming change (worded in the panel language), secondary source and retirement; freshness is one figure', async () => {
    const { acmeCatalogue, ACME_SOURCE } = await import('./acme-pricing');
    const acme = acmeCatalogue((d) => {
      const mid = d.models.find((m) => m.id === 'acme/mid')!;
      mid.secondary = true;
      mid.checked = '2026-10-01';
      mid.schedule = [
        { from: '2027-01-01', price: { currency: 'USD', per: 1_000_000, rates: { input: 0.3, output: 1.2 } }, note: '公布的涨价', source: ACME_SOURCE },
      ];
      d.models.find((m) => m.id === 'acme/small')!.retires = '2026-12-01';
    });
    const at = new Date('2026-12-06T12:00:00Z');
    const c = await compareText('hello world', acme, assumptionsAt({ currency: 'USD', outputTokens: 1000, at }), { currentModelId: 'acme/big', now: at });
    const panel: PanelAssumptions = {
      outputTokens: 1000,
      reasoningTokens: 0,
      cachedShare: 0,
      callsPerDay: 100,
      currency: 'USD',
      batch: false,
      offPeak: false,
      alwaysSent: false,
    };
    const v = ComparisonViewSchema.parse(
      toView(c, { locale: 'zh-cn', source: { kind: 'document', label: 'a.md', pinned: false }, assumptions: panel, overridden: [], notices: [], now: at }),
    );
    const row = (id: string) => v.rows.find((r) => r.modelId === id)!;
    const mid = row('acme/mid');
    assert.equal(mid.secondarySource, true);
    assert.equal(mid.stale, true);
    assert.equal(mid.nextChange?.summary, '2027-01-01 起价格翻倍');
    assert.match(mid.nextChange!.detail, /^2027-01-01 起价格翻倍：输入 \$0\.15 \/ 百万 Token → \$0\.3 \/ 百万 Token/);
    const tokens = mid.tokens;
    near(mid.nextChange!.totalAfter!, (tokens * 0.3 + 1000 * 1.2) / 1e6, 'a call from 2027-01-01');
    assert.equal(row('acme/small').retired, true);
    assert.equal(row('acme/big').retired, false);
    assert.equal(row('acme/big').nextChange, undefined);
    assert.deepEqual(v.freshness, { stale: 1, total: 3, limitDays: STALE_AFTER_DAYS });
  });
});

describe('the answer and the savings in the panel view', () => {
  test('the answer names the first cheaper equivalent, every other priced row says how much more or less it costs', async () => {
    const { c, v } = await view(100);
    const current = c.rows.find((r) => r.model.id === 'zhipu/glm-4.7@cn')!;
    assert.ok(v.answer, 'an answer');
    assert.equal(v.answer.currentName, 'GLM-4.7');
    assert.equal(v.answer.currentFits, true);
    const first = c.suggestions[0];
    assert.ok(first, 'GLM-4.7 has cheaper equivalents');
    assert.equal(v.answer.best?.modelId, first.model.id);
    near(v.answer.best?.savingPerCall, current.cost!.total - first.cost!.total, 'saving per call');
    near(v.answer.best?.savingPerMonth, (current.cost!.total - first.cost!.total) * 100 * 30, 'saving a month');
    // Every priced row but the current one carries its difference; cheaper rows a positive one.
    for (const r of v.rows) {
      if (r.current || r.total === undefined || r.unpriced) continue;
      assert.ok(r.difference, `${r.modelId} has a difference`);
      assert.equal(Math.sign(r.difference.amount), Math.sign(current.cost!.total - r.total), r.modelId);
    }
    const cheaper = v.rows.filter((r) => r.difference && r.difference.amount > 0);
    assert.ok(cheaper.length > 0 && cheaper.every((r) => r.difference!.percent > 0));
    // The rank counts the priced models that fit and cost less.
    const below = c.rows.filter((r) => r.cost && !r.exceedsContext && !r.retired && r.cost.total < current.cost!.total - 1e-12).length;
    assert.equal(v.answer.currentRank, below + 1);
  });

  test('a request too big for the current model and its whole class names the cheapest model that holds it', async () => {
    const a = assumptionsAt({ callsPerDay: 100, outputTokens: 2_000_000, currency: 'CNY' });
    const c = await compareText(zh, catalogue, a, { currentModelId: 'zhipu/glm-4.7@cn', now: NOW });
    const v = ComparisonViewSchema.parse(toView(c, { ...context(100), assumptions: { ...context(100).assumptions, outputTokens: 2_000_000 } }));
    assert.equal(v.answer?.currentFits, false);
    assert.equal(v.answer?.best, undefined);
    const way = v.answer?.anyFit;
    assert.ok(way, 'a model that holds 2,000,000 output tokens is named');
    const row = c.rows.find((r) => r.model.id === way.modelId)!;
    assert.equal(row.exceedsContext, undefined);
    assert.ok(row.model.contextWindow > 2_000_000, `${row.model.id}: ${row.model.contextWindow}`);
    // The cheapest of the priced, current models that fit, in the panel's currency.
    const fitting = c.rows.filter((r) => r.cost && !r.exceedsContext && !r.retired);
    assert.equal(way.total, Math.min(...fitting.map((r) => r.cost!.total)));
    assert.equal(way.vendorName, row.vendor.nameZh);
    // Why it is no equivalent, from the two models' class and capabilities.
    const glm = c.rows.find((r) => r.model.id === 'zhipu/glm-4.7@cn')!.model;
    const lacks = (Object.keys(glm.capabilities) as (keyof typeof glm.capabilities)[]).filter((k) => glm.capabilities[k] && !row.model.capabilities[k]);
    assert.equal(way.why, row.model.quality.class < glm.quality.class ? 'lowerClass' : 'missingCapability');
    assert.deepEqual(way.missing, lacks);
  });

  test('the cheapest model that holds the request, lacking capabilities of the current one, says which', async () => {
    // GPT-6 Luna (class 2: vision, tools, reasoning, JSON) cannot hold 2,000,000 output tokens in its
    // 1.05M window; Qwen-Long (class 3, 10M) can, without vision or reasoning.
    const a = assumptionsAt({ callsPerDay: 100, outputTokens: 2_000_000, currency: 'CNY' });
    const c = await compareText(zh, catalogue, a, { currentModelId: 'openai/gpt-6-luna', now: NOW });
    const v = ComparisonViewSchema.parse(toView(c, { ...context(100), assumptions: { ...context(100).assumptions, outputTokens: 2_000_000 } }));
    assert.equal(v.answer?.anyFit?.modelId, 'alibaba/qwen-long');
    assert.equal(v.answer?.anyFit?.why, 'missingCapability');
    assert.deepEqual(v.answer?.anyFit?.missing, ['vision', 'reasoning']);
  });
});
