import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { callsCoveredPerMonth, creditsPerCall, priceCall } from '../../src/core/cost';
import { compareText } from '../../src/core/compare';
import type { Assumptions } from '../../src/core/types';
import { assumptionsAt, near } from './support';
import { statusTooltipMarkdown } from '../../src/core/statusTooltip';
import { formatCredits } from '../../src/core/format';
import { matchLanguageModel, userModels } from '../../src/core/pricing/languageModels';
import { modelFit } from '../../src/core/fit';
import { counterpartOf } from '../../src/core/channel';
import { channelView } from '../../src/vscode/viewModel';

// Worked examples computed by hand from GitHub's rate table (github/docs
// data/tables/copilot/models-and-pricing.yml, USD per 1M tokens, read 2026-12-06) and the plans'
// included AI credits (data/variables/copilot.yml); 1 AI credit = 0.01 USD.
const catalogue = loadBundledCatalogue();
const copilot = catalogue.vendor('github-copilot')!;
const USD_ONLY = { base: 'USD' as const, date: '2026-12-06', source: 'none', rates: {} };
const plain = (over: Partial<Assumptions> = {}) =>
  assumptionsAt({ currency: 'USD', outputTokens: 500, reasoningTokens: 0, cachedShare: 0, batch: false, vendorDiscounts: {}, ...over });
const credits = (id: string, input: number, a: Assumptions) => creditsPerCall(catalogue.model(id)!, copilot, input, a, catalogue.exchangeRates);

describe('GitHub Copilot AI credits', () => {
  test('GitHub Copilot is a vendor billing in AI credits of 0.01 USD', () => {
    assert.deepEqual(copilot.credit, { name: 'AI credit', value: 0.01, currency: 'USD' });
  });

  test('Claude Opus 5 through Copilot: 1,284 in + 500 out = 1.892 credits', () => {
    // 1,284 × $5/1M = $0.00642; 500 × $25/1M = $0.0125; $0.01892 = 1.892 credits.
    near(credits('github-copilot/claude-opus-5', 1284, plain()), 1.892, 'credits');
  });

  test('GPT-5.4 through Copilot: at 272K input the default tier, above it the long-context tier for the whole request', () => {
    // 272,000 × $2.50/1M = $0.68; 1,000 out × $15/1M = $0.015; $0.695 = 69.5 credits.
    near(credits('github-copilot/gpt-5.4', 272_000, plain({ outputTokens: 1000 })), 69.5, 'at the threshold');
    // 300,000 in, 30 % cached, long context: 210,000 × $5 = $1.05; 90,000 × $0.50 = $0.045; 1,000 × $22.50 = $0.0225.
    near(credits('github-copilot/gpt-5.4', 300_000, plain({ outputTokens: 1000, cachedShare: 0.3 })), 111.75, 'above it');
  });

  test('GPT-5.6 Luna through Copilot switches tier at 200K', () => {
    // 200,001 × $0.40/1M = $0.0800004; 500 × $1.80/1M = $0.0009; $0.0809004 = 8.09004 credits.
    near(credits('github-copilot/gpt-5.6-luna', 200_001, plain()), 8.09004, 'long context');
    // 200,000 × $0.20/1M = $0.04; 500 × $1.20/1M = $0.0006: 4.06 credits.
    near(credits('github-copilot/gpt-5.6-luna', 200_000, plain()), 4.06, 'default');
  });

  test('credits do not change with the display currency or a negotiated discount; the money does', () => {
    const a = plain({ currency: 'CNY', vendorDiscounts: { 'github-copilot': 10 } });
    near(credits('github-copilot/claude-opus-5', 1284, a), 1.892, 'credits');
    const cost = priceCall(catalogue.model('github-copilot/claude-opus-5')!, 1284, a, catalogue.exchangeRates);
    assert.ok('total' in cost);
    // $0.01892 × 0.9 × 6.683 CNY/USD (the bundled table of 2026-10-09) = 0.113798... CNY
    near(cost.total, 0.01892 * 0.9 * 6.683, 'CNY');
  });

  test('a vendor without credits and an unpriced price give no credits', () => {
    assert.equal(creditsPerCall(catalogue.model('anthropic/claude-opus-5')!, catalogue.vendor('anthropic')!, 1284, plain(), USD_ONLY), undefined);
  });

  test('calls of the prompt each plan covers a month: included credits ÷ credits per call, whole calls', () => {
    const plan = (id: string) => catalogue.plans.find((p) => p.id === id)!;
    assert.equal(callsCoveredPerMonth(plan('github-copilot-pro'), 1.892), 792); // 1,500 / 1.892 = 792.8
    assert.equal(callsCoveredPerMonth(plan('github-copilot-pro-plus'), 1.892), 3699); // 7,000 / 1.892 = 3,699.8
    assert.equal(callsCoveredPerMonth(plan('github-copilot-max'), 1.892), 10570); // 20,000 / 1.892 = 10,570.8
    assert.equal(callsCoveredPerMonth(plan('github-copilot-business'), 1.892), 1004); // 1,900 / 1.892 = 1,004.2
    assert.equal(callsCoveredPerMonth(plan('github-copilot-enterprise'), 1.892), 2061); // 3,900 / 1.892 = 2,061.3
    assert.equal(callsCoveredPerMonth(plan('github-copilot-pro'), 69.5), 21); // exactly 21.58 → 21
    // Copilot Free: GitHub does not publish the size of its allowance.
    assert.equal(callsCoveredPerMonth(plan('github-copilot-free'), 1.892), undefined);
    assert.equal(plan('github-copilot-free').amount, 0);
  });

  // GitHub's table at github/docs commit 024f6b0f (read 2026-12-06), USD per 1M tokens, default tier:
  // [input, cached input, output, cache write]. Gemini 3.6 Flash, Gemini 3.7 Flash, MAI-Code-1-Flash,
  // MAI-Code-1.1-Flash and Raptor mini are in the table too but not in the catalogue: no source for
  // their context window and tokenizer was found (see README).
  const GITHUB_TABLE: Record<string, [number, number, number, number?]> = {
    'gpt-5-mini': [0.25, 0.025, 2],
    'gpt-5.3-codex': [1.75, 0.175, 14],
    'gpt-5.4': [2.5, 0.25, 15],
    'gpt-5.4-mini': [0.75, 0.075, 4.5],
    'gpt-5.4-nano': [0.2, 0.02, 1.25],
    'gpt-5.5': [5, 0.5, 30],
    'gpt-5.6-luna': [0.2, 0.02, 1.2, 0.25],
    'gpt-5.6-sol': [5, 0.5, 30, 6.25],
    'gpt-5.6-terra': [2, 0.2, 12, 2.5],
    'claude-haiku-4.5': [1, 0.1, 5, 1.25],
    'claude-sonnet-4': [3, 0.3, 15, 3.75],
    'claude-sonnet-4.5': [3, 0.3, 15, 3.75],
    'claude-sonnet-4.6': [3, 0.3, 15, 3.75],
    'claude-opus-4.5': [5, 0.5, 25, 6.25],
    'claude-opus-4.6': [5, 0.5, 25, 6.25],
    'claude-opus-4.7': [5, 0.5, 25, 6.25],
    'claude-opus-4.8': [5, 0.5, 25, 6.25],
    'claude-opus-5': [5, 0.5, 25, 6.25],
    'claude-sonnet-5': [2, 0.2, 10, 2.5],
    'claude-opus-4.8-fast': [10, 1, 50, 12.5],
    'claude-fable-5': [10, 1, 50, 12.5],
    'gemini-3.1-pro': [2, 0.2, 12],
    'gemini-3.5-flash': [1.5, 0.15, 9],
    'grok-4.5': [2, 0.5, 6],
    'grok-4.6': [2, 0.5, 6],
    'kimi-k2.7-code': [0.95, 0.19, 4],
    'kimi-k3': [3, 0.3, 15],
    // From a transcription of GitHub's page dated 2026-10-01 (models GitHub's table at commit 024f6b0f predates).
    'gpt-6-astra': [10, 1, 50, 12.5],
    'gpt-6-sol': [2, 0.2, 10, 2.5],
    'gpt-6.1-sol': [2, 0.1, 10, 2.5],
    'gpt-6-luna': [0.1, 0.01, 0.5, 0.125],
    'claude-opus-5.5': [4, 0.2, 20, 5],
    'claude-sonnet-5.5': [2, 0.2, 10, 2.5],
    'claude-fable-5.1': [10, 0.25, 50, 12.5],
    'gemini-3.8-flash': [0.75, 0.075, 3.75],
    'gemini-3.7-flash': [0.75, 0.075, 3.75],
    'gemini-3.6-flash': [0.75, 0.075, 3.75],
    'grok-4.7': [2, 0.5, 6],
  };

  test("every model of GitHub's table that the catalogue holds is priced at GitHub's rates", () => {
    const ids = catalogue.models.filter((m) => m.vendor === 'github-copilot').map((m) => m.id.replace('github-copilot/', ''));
    assert.deepEqual([...ids].sort(), Object.keys(GITHUB_TABLE).sort());
    for (const [id, [input, cacheRead, output, cacheWrite]] of Object.entries(GITHUB_TABLE)) {
      const price = catalogue.model(`github-copilot/${id}`)!.price;
      assert.ok('rates' in price, id);
      assert.deepEqual(price.rates, { input, cacheRead, output, ...(cacheWrite === undefined ? {} : { cacheWrite }) }, id);
      assert.equal(price.per, 1_000_000, id);
    }
  });

  test('a Copilot model without a direct API entry is priced on its own: Claude Fable 5, 1,284 in + 500 out = 3.784 credits', () => {
    // 1,284 × $10/1M = $0.01284; 500 × $50/1M = $0.025; $0.03784 = 3.784 credits.
    const fable = catalogue.model('github-copilot/claude-fable-5')!;
    assert.equal(fable.direct, undefined);
    near(credits('github-copilot/claude-fable-5', 1284, plain()), 3.784, 'credits');
    // Claude Sonnet 4.5 with 40 % cached: 770.4 × $3 + 513.6 × $0.30 + 500 × $15 per 1M = $0.00996528 → 0.996528 credits.
    near(credits('github-copilot/claude-sonnet-4.5', 1284, plain({ cachedShare: 0.4 })), 0.996528, 'cached');
    for (const plan of catalogue.plans.filter((p) => p.vendor === 'github-copilot')) assert.ok(plan.models?.includes(fable.id), plan.id);
  });

  test('every Copilot model with a direct API entry counts with the same tokenizer and window', () => {
    const models = catalogue.models.filter((m) => m.vendor === 'github-copilot' && m.direct !== undefined);
    assert.ok(models.length >= 16, `${models.length} Copilot models`);
    for (const m of models) {
      const direct = m.direct ? catalogue.model(m.direct) : undefined;
      assert.ok(direct, `${m.id} has no direct API entry`);
      assert.notEqual(direct.vendor, 'github-copilot');
      assert.equal(m.tokenizer, direct.tokenizer, m.id);
      assert.equal(m.contextWindow, direct.contextWindow, m.id);
      assert.equal(m.price && 'rates' in m.price && m.price.currency, 'USD', m.id);
    }
  });

  test('compareText: a Copilot row carries its credits and the plans the calls they cover', async () => {
    const c = await compareText('Explain this function.', catalogue, plain(), {
      currentModelId: 'github-copilot/claude-opus-5',
      modelIds: ['github-copilot/claude-opus-5', 'anthropic/claude-opus-5'],
    });
    const row = c.rows.find((r) => r.model.id === 'github-copilot/claude-opus-5')!;
    const direct = c.rows.find((r) => r.model.id === 'anthropic/claude-opus-5')!;
    assert.equal(row.count.tokens, direct.count.tokens, 'same tokenizer, same count');
    near(row.credits, row.cost!.total / 0.01, 'credits = USD / 0.01');
    assert.equal(direct.credits, undefined);
    const pro = c.plans.find((p) => p.plan.id === 'github-copilot-pro')!;
    assert.equal(pro.callsCovered, Math.floor(1500 / row.credits!));
  });
});

describe('GitHub Copilot in the status bar tooltip', () => {
  const model = catalogue.model('github-copilot/claude-opus-5')!;
  const a = plain();
  const input = (locale: 'en' | 'zh-cn') =>
    statusTooltipMarkdown(
      {
        model,
        catalogue,
        source: { kind: 'document', label: 'prompt.md', characters: 5000 },
        count: { tokenizer: model.tokenizer, tokens: 1284, exact: false },
        cost: priceCall(model, 1284, a, catalogue.exchangeRates),
        assumptions: a,
        rates: catalogue.exchangeRates,
      },
      locale,
    );

  test('shows the credits of the call and the same model through its direct API', () => {
    const md = input('en');
    assert.match(md, /\| AI credits per call \(1 credit = \$0\.01\) \| 1\.9 \|/);
    // Direct Anthropic API: 1,284 × $5/1M + 500 × $25/1M = $0.01892, the same rates as through Copilot.
    assert.match(md, /The same model through its direct API \(Anthropic\): \$0\.019 per call/);
  });

  test('in Chinese', () => {
    const md = input('zh-cn');
    assert.match(md, /每次调用的 AI 积分（1 积分 = \$0\.01）/);
    assert.match(md, /同一模型直接调用 API（Anthropic）：每次调用/);
  });

  test('credits are written as a person reads them', () => {
    assert.deepEqual(
      [formatCredits(1.892, 'en'), formatCredits(111.75, 'en'), formatCredits(0.0421, 'en'), formatCredits(1234.4, 'en')],
      ['1.9', '112', '0.042', '1,234'],
    );
  });
});

describe("the user's own models (VS Code Language Model API)", () => {
  const info = (vendor: string, family: string, maxInputTokens = 128_000) => ({ id: family, name: family, vendor, family, maxInputTokens });

  test('a Copilot model maps to the GitHub Copilot entry of its family, another provider to the direct API entry', () => {
    assert.equal(matchLanguageModel(catalogue, info('copilot', 'claude-opus-5'))?.id, 'github-copilot/claude-opus-5');
    assert.equal(matchLanguageModel(catalogue, info('copilot', 'gpt-5.4'))?.id, 'github-copilot/gpt-5.4');
    assert.equal(matchLanguageModel(catalogue, info('copilot', 'Claude Haiku 4.5'))?.id, 'github-copilot/claude-haiku-4.5');
    // Copilot models the catalogue has only through Copilot: priced, not unpriced.
    assert.equal(matchLanguageModel(catalogue, info('copilot', 'claude-sonnet-4.5'))?.id, 'github-copilot/claude-sonnet-4.5');
    assert.equal(matchLanguageModel(catalogue, info('copilot', 'gpt-5-mini'))?.id, 'github-copilot/gpt-5-mini');
    assert.equal(matchLanguageModel(catalogue, info('openai-compatible', 'gpt-5.4'))?.id, 'openai/gpt-5.4');
    assert.equal(matchLanguageModel(catalogue, info('anthropic', 'claude-opus-5'))?.id, 'anthropic/claude-opus-5');
  });

  test('a model the catalogue lacks stays unmatched (shown unpriced), and its window is the one the API states', () => {
    const [local, copilotOpus, broken] = userModels(catalogue, [
      info('ollama', 'llama-9-local', 32_768),
      info('copilot', 'claude-opus-5', 127_805),
      info('copilot', 'gpt-5.4', -1),
    ]);
    assert.equal(local.model, undefined);
    assert.equal(local.window, 32_768);
    assert.equal(copilotOpus.model?.id, 'github-copilot/claude-opus-5');
    assert.equal(copilotOpus.window, 127_805, "the window the user really has after Copilot's own prompt");
    assert.equal(broken.window, undefined, 'a nonsense window is not shown');
  });

  describe("the context-window gauge uses the window the API states for a model picked from the user's own", () => {
    const opus = catalogue.model('github-copilot/claude-opus-5')!; // 1,000,000-token window in the catalogue
    const a = plain({ outputTokens: 500 });
    const tooltip = (tokens: number, locale: 'en' | 'zh-cn', languageModelWindow?: number) =>
      statusTooltipMarkdown(
        {
          model: opus,
          catalogue,
          source: { kind: 'document', label: 'big.md', characters: 1 },
          count: { tokenizer: opus.tokenizer, tokens, exact: false },
          cost: priceCall(opus, tokens, a, catalogue.exchangeRates),
          assumptions: a,
          rates: catalogue.exchangeRates,
          languageModelWindow,
        },
        locale,
      );

    test('input tokens against maxInputTokens, the answer having its own limit', () => {
      // Copilot states 127,805 input tokens for Opus 5: 107,000 are 83.7 % of it; the catalogue's 1M window would say 11 %.
      assert.deepEqual(modelFit(opus, 107_000, a, 127_805), { needed: 107_000, window: 127_805, percent: 84, fits: true, inputWindow: true });
      assert.deepEqual(modelFit(opus, 107_000, a), { needed: 107_500, window: 1_000_000, percent: 11, fits: true });
      // 150,000 input tokens fit the catalogue's window but not the one the user really has.
      assert.equal(modelFit(opus, 150_000, a, 127_805).fits, false);
      assert.equal(modelFit(opus, 150_000, a).fits, true);
      // A window that is not a positive whole number falls back to the catalogue's.
      assert.equal(modelFit(opus, 107_000, a, 0).window, 1_000_000);
      assert.equal(modelFit(opus, 107_000, a, Number.NaN).window, 1_000_000);
    });

    test('the tooltip names the Language Model API window, in English and Chinese', () => {
      assert.match(tooltip(107_000, 'en', 127_805), /Input window VS Code's Language Model API gives this model: 84% of 128K \(107,000 input tokens\)/);
      assert.match(
        tooltip(150_000, 'en', 127_805),
        /\*\*Does not fit\*\*: 150,000 input tokens are 117% of the 128K input window VS Code's Language Model API gives this model/,
      );
      assert.match(tooltip(107_000, 'zh-cn', 127_805), /VS Code 语言模型 API 给此模型的输入窗口：已用 128K 的 84%（输入共 107,000 个 Token）/);
      assert.match(tooltip(107_000, 'en'), /Context window: 11% of 1M \(107,500 tokens with the expected output\)/);
    });
  });
});

describe('through Copilot or direct API: the pairing', () => {
  const text = 'Explain this function.';

  test('each way to buy finds the other; a Copilot-only model and a model Copilot does not resell find none', () => {
    assert.equal(counterpartOf(catalogue.model('github-copilot/claude-opus-5')!, catalogue.models)?.id, 'anthropic/claude-opus-5');
    assert.equal(counterpartOf(catalogue.model('anthropic/claude-opus-5')!, catalogue.models)?.id, 'github-copilot/claude-opus-5');
    assert.equal(counterpartOf(catalogue.model('github-copilot/claude-fable-5')!, catalogue.models), undefined);
    assert.equal(counterpartOf(catalogue.model('deepseek/deepseek-v4-pro@intl')!, catalogue.models), undefined);
  });

  test('GPT-5.6 Sol: the same price through Copilot and from OpenAI, during the promotion and after it ended on 2026-11-30', async () => {
    for (const [at, input, output] of [
      ['2026-11-23T12:00:00Z', 4, 20],
      ['2026-12-06T12:00:00Z', 5, 30],
    ] as const) {
      const c = await compareText(text, catalogue, plain({ at: new Date(at) }), { currentModelId: 'github-copilot/gpt-5.6-sol' });
      const p = c.channelPair!;
      assert.equal(p.channel.model.id, 'github-copilot/gpt-5.6-sol');
      assert.equal(p.direct.model.id, 'openai/gpt-5.6-sol');
      const n = p.channel.count.tokens;
      assert.equal(p.direct.count.tokens, n, 'same tokenizer, same count');
      near(p.channel.cost!.total, (n * input + 500 * output) / 1e6, `through Copilot at ${at}`);
      near(p.direct.cost!.total, (n * input + 500 * output) / 1e6, `direct at ${at}`);
      near(p.channel.credits, (n * input + 500 * output) / 1e4, `credits at ${at}`);
      assert.deepEqual(p.difference, { amount: 0, percent: 0 }, at);
    }
  });

  test("Grok 4.5: through Copilot costs more on cached input (GitHub's $0.50 against xAI's $0.30 per 1M), with the difference per call", async () => {
    const c = await compareText(text, catalogue, plain({ cachedShare: 0.5 }), { currentModelId: 'github-copilot/grok-4.5' });
    const p = c.channelPair!;
    assert.equal(p.direct.model.id, 'xai/grok-4.5');
    const n = p.channel.count.tokens;
    // Half the input cached: n/2 × $2 + n/2 × cache rate + 500 × $6, per 1M.
    near(p.channel.cost!.total, (n * 0.5 * 2 + n * 0.5 * 0.5 + 500 * 6) / 1e6, 'through Copilot');
    near(p.direct.cost!.total, (n * 0.5 * 2 + n * 0.5 * 0.3 + 500 * 6) / 1e6, 'direct');
    near(p.difference!.amount, -(n * 0.5 * 0.2) / 1e6, 'Copilot costs more');
  });

  test('from the direct side too, and even when a filter leaves the other way out of the rows', async () => {
    const c = await compareText(text, catalogue, plain(), { currentModelId: 'anthropic/claude-opus-5', modelIds: ['anthropic/claude-opus-5'] });
    assert.deepEqual(
      c.rows.map((r) => r.model.id),
      ['anthropic/claude-opus-5'],
    );
    const p = c.channelPair!;
    assert.equal(p.channel.model.id, 'github-copilot/claude-opus-5');
    assert.deepEqual(p.difference, { amount: 0, percent: 0 }, 'Opus 5 costs the same either way');
    const v = channelView(c, 'en')!;
    assert.equal(v.currentIsChannel, false);
    assert.equal(v.channelVendorName, 'GitHub Copilot');
    assert.equal(v.channelName, 'Claude Opus 5 (Copilot)', 'named even though a filter left its row out');
    assert.equal(v.directVendorName, 'Anthropic');
    assert.equal(v.savingPerCall, 0);
  });

  test('no pairing for a model bought one way only', async () => {
    const c = await compareText(text, catalogue, plain(), {
      currentModelId: 'github-copilot/claude-fable-5',
      modelIds: ['github-copilot/claude-fable-5', 'anthropic/claude-opus-5'],
    });
    assert.equal(c.channelPair, undefined);
  });
});
