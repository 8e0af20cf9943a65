import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { priceCall, isPriced, projectCost } from '../../src/core/cost';
import { contextFit, formatWindow, modelFit } from '../../src/core/fit';
import { sortRowsByCost } from '../../src/core/compare';
import { answerOf, cheaperEquivalents, costDifference } from '../../src/core/suggest';
import type { Assumptions, Comparison, ComparisonRow } from '../../src/core/types';
import { statusTooltipMarkdown } from '../../src/core/statusTooltip';
import { acmeCatalogue } from './acme-pricing';
import { assumptionsAt, near } from './support';

const bundled = loadBundledCatalogue();
const USD_ONLY = { base: 'USD' as const, date: '2026-11-20', source: 'none', rates: {} };

function assumptions(outputTokens: number, callsPerDay = 100): Assumptions {
  return {
    outputTokens,
    reasoningTokens: 0,
    cachedShare: 0,
    callsPerDay,
    batch: false,
    at: new Date('2026-11-23T12:00:00Z'),
    vendorDiscounts: {},
    currency: 'USD',
  };
}

/** Rows priced and fitted as compareText does, with one input count for every model to keep the arithmetic readable. */
function rows(ids: string[], inputTokens: number, a: Assumptions): ComparisonRow[] {
  return ids.map((id) => {
    const model = bundled.model(id)!;
    assert.ok(model, `${id} missing from the pricing file`);
    const row: ComparisonRow = {
      model,
      vendor: bundled.vendor(model.vendor)!,
      count: { tokenizer: model.tokenizer, tokens: inputTokens, exact: true },
      stale: false,
    };
    row.fit = modelFit(model, inputTokens, a);
    if (!row.fit.fits) row.exceedsContext = true;
    const result = priceCall(model, inputTokens, a, USD_ONLY);
    if (isPriced(result)) Object.assign(row, { cost: result }, projectCost(result.total, a.callsPerDay));
    else row.unpriced = result.unpriced;
    return row;
  });
}

function comparison(all: ComparisonRow[], currentId: string, a: Assumptions): Comparison {
  const current = all.find((r) => r.model.id === currentId)!;
  return {
    characters: 0,
    assumptions: a,
    currentModelId: currentId,
    rows: all,
    suggestions: cheaperEquivalents(current, all, all.length),
    exchangeRates: USD_ONLY,
    plans: [],
  };
}

describe('context fit', () => {
  test('input plus expected output against the window, with how full it is', () => {
    // 107,000 + 500 of 128,000 = 83.98 %
    assert.deepEqual(contextFit(107_000, 500, 128_000), { needed: 107_500, window: 128_000, percent: 84, fits: true });
    assert.deepEqual(contextFit(127_500, 500, 128_000), { needed: 128_000, window: 128_000, percent: 100, fits: true });
    // The case: a 1 MB Chinese file of 275,435 tokens on GPT-4o mini (128K).
    assert.deepEqual(contextFit(275_435, 500, 128_000), { needed: 275_935, window: 128_000, percent: 216, fits: false });
  });

  test('thinking tokens count only for models that think', () => {
    const a = { outputTokens: 500, reasoningTokens: 2000 };
    assert.equal(modelFit(bundled.model('openai/gpt-4o-mini')!, 1000, a).needed, 1500); // no reasoning
    assert.equal(modelFit(bundled.model('openai/gpt-5.4-nano')!, 1000, a).needed, 3500); // reasoning
  });

  test('windows are written the way vendors name them', () => {
    assert.equal(formatWindow(128_000), '128K');
    assert.equal(formatWindow(131_072), '128K');
    assert.equal(formatWindow(8192), '8K');
    assert.equal(formatWindow(1_048_576), '1M');
    assert.equal(formatWindow(1_047_576), '1.05M');
    assert.equal(formatWindow(1_050_000), '1.05M');
    assert.equal(formatWindow(2_000_000), '2M');
    assert.equal(formatWindow(400_000), '400K');
    assert.equal(formatWindow(512), '512');
  });

  test('ranking: models that cannot hold the request come after every model that can', () => {
    const a = assumptions(500);
    const all = rows(['openai/gpt-4o-mini', 'baidu/ernie-lite-8k', 'openai/gpt-4.1', 'openai/gpt-5.4-nano', 'google/gemini-3-flash-preview'], 275_435, a);
    // Free ERNIE Lite 8K and GPT-4o mini ($0.0416) are cheapest but cannot hold 275,935 tokens.
    assert.deepEqual(
      sortRowsByCost(all).map((r) => r.model.id),
      [
        'openai/gpt-5.4-nano', // 275,435 × 0.20/1M + 500 × 1.25/1M = 0.055712
        'google/gemini-3-flash-preview', // 0.1377175 + 0.0015 = 0.1392175
        'openai/gpt-4.1', // 0.55087 + 0.004 = 0.55487
        'baidu/ernie-lite-8k', // free, 8K
        'openai/gpt-4o-mini', // 0.04131525 + 0.0003, 128K
      ],
    );
  });
});

describe('the answer line', () => {
  const IDS = [
    'openai/gpt-5.4', // class 4, $2.50 / $15
    'openai/gpt-6.1-terra', // class 4, $1 / $5
    'openai/gpt-6-sol', // class 4, $2 / $10
    'google/gemini-3-flash-preview', // class 4, $0.50 / $3
    'deepseek/deepseek-flash@intl', // class 4, $0.15 / $0.60 off-peak
    'deepseek/deepseek-v4-pro@intl', // class 4, no vision
    'openai/gpt-5.4-nano', // class 2
    'openai/gpt-4.1', // class 3, no reasoning
  ];

  test('cheapest equivalent that fits, its saving per call and per month, and the current rank', () => {
    const a = assumptions(1000, 100);
    const c = comparison(rows(IDS, 10_000, a), 'openai/gpt-5.4', a);
    const answer = answerOf(c)!;
    assert.equal(answer.best?.model.id, 'deepseek/deepseek-flash@intl');
    // gpt-5.4 0.025 + 0.015 = 0.04; deepseek-flash 0.0015 + 0.0006 = 0.0021: 0.0379 a call, 94.75 %.
    near(answer.saving?.perCall, 0.0379);
    near(answer.saving?.percent, 94.75);
    // 100 calls a day for 30 days: 0.0379 × 3000 = 113.7.
    near(answer.saving?.perMonth, 113.7);
    // All 8 models hold 11,000 tokens and every other one costs less than gpt-5.4.
    assert.equal(answer.ranked, 8);
    assert.equal(answer.currentRank, 8);
    assert.equal(answer.currentFits, true);
    assert.equal(answer.reason, undefined);
  });

  test('the cheapest model already: no answer, and why', () => {
    const a = assumptions(1000);
    const c = comparison(rows(IDS, 10_000, a), 'deepseek/deepseek-flash@intl', a);
    const answer = answerOf(c)!;
    assert.equal(answer.best, undefined);
    assert.equal(answer.reason, 'cheapest');
    assert.equal(answer.currentRank, 1);
  });

  test('cheaper models that are no equivalent are counted by why they were set aside', () => {
    const a = assumptions(1000);
    // gpt-4.1 (0.02 + 0.008 = 0.028): the two cheaper models are no stand-in.
    const c = comparison(rows(['openai/gpt-4.1', 'openai/gpt-5.4-nano', 'baidu/ernie-lite-8k'], 10_000, a), 'openai/gpt-4.1', a);
    const answer = answerOf(c)!;
    assert.equal(answer.best, undefined);
    assert.equal(answer.reason, 'noEquivalent');
    // nano: class 2 < 3; ERNIE Lite 8K: free but 11,000 tokens do not fit 8,192.
    assert.deepEqual(answer.setAside, { doesNotFit: 1, lowerClass: 1, missingCapability: 0, otherRegion: 0 });
    assert.equal(answer.currentRank, 2); // nano is cheaper and fits; ERNIE does not fit
    assert.equal(answer.ranked, 2);
  });

  test('a current model that cannot hold the request gets the cheapest equivalent that can, with the extra cost', () => {
    const a = assumptions(500, 10);
    const all = rows(['openai/gpt-4o-mini', 'baidu/ernie-lite-8k', 'openai/gpt-4.1', 'openai/gpt-5.4-nano', 'google/gemini-3-flash-preview'], 275_435, a);
    const answer = answerOf(comparison(all, 'openai/gpt-4o-mini', a))!;
    assert.equal(answer.currentFits, false);
    assert.equal(answer.currentRank, undefined);
    assert.equal(answer.ranked, 3);
    // gpt-4o-mini (class 2, vision, tools, JSON): gpt-5.4-nano is class 2 with all three, 0.055712 against 0.04161525.
    assert.equal(answer.best?.model.id, 'openai/gpt-5.4-nano');
    near(answer.saving?.perCall, 0.04161525 - 0.055712);
    near(answer.saving?.perMonth, (0.04161525 - 0.055712) * 300);
    assert.ok(answer.saving!.percent < -33.8 && answer.saving!.percent > -33.9, String(answer.saving!.percent));
  });

  test('nothing of its class holds the request: the cheapest model that does, and why it is no equivalent', () => {
    const a = assumptions(500, 10);
    // gpt-4o-mini (class 2, 128K) and ERNIE Lite 8K cannot hold 275,935 tokens; gpt-4.1-nano (class 1, 1M) can.
    const all = rows(['openai/gpt-4o-mini', 'baidu/ernie-lite-8k', 'openai/gpt-4.1-nano'], 275_435, a);
    const answer = answerOf(comparison(all, 'openai/gpt-4o-mini', a))!;
    assert.equal(answer.currentFits, false);
    assert.equal(answer.best, undefined);
    assert.equal(answer.anyFit?.row.model.id, 'openai/gpt-4.1-nano');
    assert.equal(answer.anyFit?.why, 'lowerClass');
    // $0.10 / 1M input and $0.40 / 1M output: 0.0275435 + 0.0002.
    near(answer.anyFit?.row.cost?.total, 0.0277435);
    // No model at all holds it: no way out to name.
    const none = answerOf(comparison(all.slice(0, 2), 'openai/gpt-4o-mini', a))!;
    assert.equal(none.anyFit, undefined);
    assert.equal(none.ranked, 0);
    // A model that fits its class is the answer itself, not a fallback.
    assert.equal(answerOf(comparison(rows(['openai/gpt-4o-mini', 'openai/gpt-4.1-nano'], 1000, a), 'openai/gpt-4o-mini', a))!.anyFit, undefined);
  });

  test('cost difference: positive when cheaper, negative when dearer, zero for the same price', () => {
    const a = assumptions(1000);
    const all = rows(['openai/gpt-6-sol', 'openai/gpt-6.1-terra', 'openai/gpt-5.4', 'anthropic/claude-sonnet-5'], 10_000, a);
    const [sol, terra, gpt54, sonnet] = all;
    // sol 0.02 + 0.01 = 0.03; terra 0.01 + 0.005 = 0.015; gpt-5.4 0.04.
    const cheaper = costDifference(terra, sol)!;
    near(cheaper.amount, 0.015);
    near(cheaper.percent, 50);
    const dearer = costDifference(gpt54, sol)!;
    near(dearer.amount, -0.01);
    near(dearer.percent, -100 / 3);
    assert.deepEqual(costDifference(sonnet, sol), { amount: 0, percent: 0 });
  });
});

describe('the status tooltip says how full the window is', () => {
  const tooltip = (tokens: number, locale: 'en' | 'zh-cn') => {
    const catalogue = acmeCatalogue();
    const model = catalogue.model('acme/mid')!; // 128,000-token window
    const a = assumptionsAt({ outputTokens: 500 });
    return statusTooltipMarkdown(
      {
        model,
        catalogue,
        source: { kind: 'document', label: 'big.md', characters: 1 },
        count: { tokenizer: 'o200k_base', tokens, exact: true },
        cost: priceCall(model, tokens, a, catalogue.exchangeRates),
        assumptions: a,
        rates: catalogue.exchangeRates,
      },
      locale,
    );
  };

  test('84% of 128K while it fits', () => {
    assert.match(tooltip(107_000, 'en'), /Context window: 84% of 128K \(107,500 tokens with the expected output\)/);
    assert.match(tooltip(107_000, 'zh-cn'), /上下文窗口：已用 128K 的 84%（含预期输出共 107,500 个 Token）/);
    // 585 of 128,000 tokens rounds to 0%, which reads as empty: '<1%'.
    assert.match(tooltip(85, 'en'), /Context window: <1% of 128K \(585 tokens with the expected output\)/);
    assert.match(tooltip(85, 'zh-cn'), /上下文窗口：已用 128K 的 <1%（含预期输出共 585 个 Token）/);
  });

  test('a chat-message file says it was counted as a chat request (issue 13, item 2)', () => {
    const catalogue = acmeCatalogue();
    const model = catalogue.model('acme/mid')!;
    const a = assumptionsAt();
    const input = (chat?: 'openai' | 'anthropic') => ({
      model,
      catalogue,
      source: { kind: 'document' as const, label: 'chat.json', characters: 1 },
      count: { tokenizer: 'o200k_base' as const, tokens: 94, exact: true },
      cost: priceCall(model, 94, a, catalogue.exchangeRates),
      assumptions: a,
      rates: catalogue.exchangeRates,
      chat,
    });
    assert.match(statusTooltipMarkdown(input('openai'), 'en'), /Counted as a chat request \(OpenAI format\)/);
    assert.match(statusTooltipMarkdown(input('anthropic'), 'zh-cn'), /按对话请求计数（Anthropic Claude 格式）/);
    assert.doesNotMatch(statusTooltipMarkdown(input(), 'en'), /chat request/);
  });

  test('a warning past 100%', () => {
    const md = tooltip(275_435, 'en');
    assert.match(md, /\$\(warning\) \*\*Does not fit\*\*: 275,935 tokens with the expected output are 216% of the 128K context window/);
    assert.doesNotMatch(md, /Context window: /);
    assert.match(tooltip(275_435, 'zh-cn'), /\*\*放不下\*\*：含预期输出共 275,935 个 Token，是 128K 上下文窗口的 216%/);
  });
});
