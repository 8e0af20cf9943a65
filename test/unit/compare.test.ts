import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getEncoding } from 'js-tiktoken';
import { compareText, countCharacters, sortRowsByCost } from '../../src/core/compare';
import { applyOverlay, loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { loadTokenizer } from '../../src/core/tokenize';
import { assumptionsAt, near } from './support';
import type { Assumptions, Comparison } from '../../src/core/types';
import { STALE_AFTER_DAYS } from '../../src/core/pricing/freshness';

const catalogue = loadBundledCatalogue();
const fixtures = join(__dirname, '..', '..', '..', 'test', 'fixtures');
const zh = readFileSync(join(fixtures, 'prompt-zh.txt'), 'utf8');
const en = readFileSync(join(fixtures, 'prompt-en.txt'), 'utf8');
const o200k = getEncoding('o200k_base');
const CNY_PER_USD = catalogue.exchangeRates.rates.CNY!;

function assumptions(overrides: Partial<Assumptions> = {}): Assumptions {
  return assumptionsAt({ currency: 'CNY', ...overrides });
}

function row(c: Comparison, id: string) {
  const r = c.rows.find((x) => x.model.id === id);
  assert.ok(r, `${id} not in the comparison`);
  return r;
}

describe('compareText', () => {
  test('Chinese prompt across DeepSeek and OpenAI, priced in yuan', async () => {
    const c = await compareText(zh, catalogue, assumptions(), { currentModelId: 'deepseek/deepseek-flash@cn', vendors: ['deepseek', 'openai'] });
    assert.equal(c.currentModelId, 'deepseek/deepseek-flash@cn');
    assert.equal(c.characters, [...zh].length);
    assert.ok(c.rows.every((r) => r.model.vendor === 'deepseek' || r.model.vendor === 'openai'));
    assert.equal(c.rows.length, catalogue.models.filter((m) => m.vendor === 'deepseek' || m.vendor === 'openai').length);

    // gpt-4o-mini: o200k count (js-tiktoken is the reference), $0.15 in / $0.60 out per 1M, shown in yuan.
    const mini = row(c, 'openai/gpt-4o-mini');
    const n = o200k.encode(zh).length;
    assert.deepEqual(mini.count, { tokenizer: 'o200k_base', tokens: n, exact: true });
    near(mini.cost?.total, ((n * 0.15 + 500 * 0.6) / 1e6) * CNY_PER_USD, 'gpt-4o-mini');
    near(mini.perThousandCalls, mini.cost!.total * 1000);
    near(mini.perMonth, mini.cost!.total * 100 * 30);

    // deepseek-flash@cn off-peak: ¥1 in / ¥4 out per 1M, no conversion.
    const flash = row(c, 'deepseek/deepseek-flash@cn');
    const nDs = (await loadTokenizer('deepseek_v3')).count(zh);
    assert.equal(flash.count.tokens, nDs);
    near(flash.cost?.total, (nDs * 1 + 500 * 4) / 1e6, 'deepseek-flash@cn');
    assert.notEqual(nDs, n, 'the two vocabularies split Chinese differently');
  });

  test('suggestions are cheaper, at least as capable, and carry their saving', async () => {
    const c = await compareText(en, catalogue, assumptions({ currency: 'USD' }), { currentModelId: 'openai/gpt-5.4' });
    const current = row(c, 'openai/gpt-5.4');
    assert.ok(c.suggestions.length > 0);
    for (const s of c.suggestions) {
      assert.ok(s.cost && s.cost.total < current.cost!.total, s.model.id);
      assert.ok(s.model.quality.class >= current.model.quality.class, s.model.id);
      assert.ok(s.model.capabilities.vision && s.model.capabilities.reasoning && s.model.capabilities.tools, s.model.id);
      near(s.saving?.amount, current.cost!.total - s.cost.total, s.model.id);
    }
    const totals = c.suggestions.map((s) => s.cost!.total);
    assert.deepEqual(
      totals,
      [...totals].sort((a, b) => a - b),
    );
  });

  test('estimated counts are labelled, unpriced models stay unpriced, stale data is flagged', async () => {
    const c = await compareText(en, catalogue, assumptions(), {
      currentModelId: 'openai/gpt-4o',
      modelIds: ['anthropic/claude-sonnet-5', 'alibaba/qwen4-max@cn'],
      now: new Date('2026-11-23T00:00:00Z'),
    });
    assert.deepEqual(c.rows.map((r) => r.model.id).sort(), ['alibaba/qwen4-max@cn', 'anthropic/claude-sonnet-5', 'openai/gpt-4o']);
    assert.equal(row(c, 'anthropic/claude-sonnet-5').count.exact, false);
    const qwen4cn = row(c, 'alibaba/qwen4-max@cn');
    assert.equal(qwen4cn.cost, undefined);
    assert.equal(qwen4cn.perMonth, undefined);
    assert.ok(qwen4cn.unpriced && qwen4cn.unpriced.length > 0);
    // Stale exactly when checked longer ago than the limit (30 days): the mark follows the data's date.
    const gpt4o = row(c, 'openai/gpt-4o');
    assert.equal(gpt4o.stale, Math.floor((Date.now() - Date.parse(`${gpt4o.model.checked}T00:00:00Z`)) / 86_400_000) > STALE_AFTER_DAYS);
    assert.equal(sortRowsByCost(c.rows).at(-1)!.model.id, 'alibaba/qwen4-max@cn');
  });

  test('coding plans set against pay-as-you-go for the model they cover', async () => {
    const c = await compareText(zh, catalogue, assumptions({ callsPerDay: 2000 }), { currentModelId: 'zhipu/glm-4.7@cn', vendors: ['zhipu', 'moonshot'] });
    const lite = c.plans.find((p) => p.plan.id === 'zhipu-glm-coding-lite');
    assert.ok(lite);
    assert.equal(lite.planMonthly, 49); // ¥49 a month, no conversion
    assert.equal(lite.modelId, 'zhipu/glm-4.7@cn');
    near(lite.payAsYouGoMonthly, row(c, 'zhipu/glm-4.7@cn').perMonth!);
    const yearly = c.plans.find((p) => p.plan.id === 'moonshot-kimi-code-allegretto-year');
    assert.ok(yearly);
    assert.equal(yearly.planMonthly, 1908 / 12);
    assert.ok(c.plans.every((p) => p.plan.vendor === 'zhipu' || p.plan.vendor === 'moonshot'));
  });

  test('a chat-message file is counted as the request it encodes', async () => {
    const chat = JSON.stringify({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: zh },
      ],
    });
    const c = await compareText(chat, catalogue, assumptions(), { currentModelId: 'openai/gpt-4o-mini', vendors: ['openai'] });
    assert.equal(c.chat, 'openai');
    const tokens = row(c, 'openai/gpt-4o-mini').count.tokens;
    // The messages' content plus chat framing, far fewer than the JSON's own tokens.
    assert.ok(tokens > o200k.encode(zh).length && tokens < o200k.encode(chat).length, `${tokens}`);
  });

  test('unknown ids and vendors are errors that say what was meant', async () => {
    await assert.rejects(compareText(en, catalogue, assumptions(), { currentModelId: 'gpt-4oo' }), /unknown model "gpt-4oo"; did you mean .*openai\/gpt-4o/);
    await assert.rejects(compareText(en, catalogue, assumptions(), { currentModelId: 'deepseek-flash' }), /ambiguous/);
    await assert.rejects(compareText(en, catalogue, assumptions(), { currentModelId: 'gpt-4o', vendors: ['openia'] }), /unknown vendor "openia"/);
    await assert.rejects(compareText(en, catalogue, assumptions({ outputTokens: -1 }), { currentModelId: 'gpt-4o' }), /output tokens/);
  });

  test('a request longer than a context window is flagged on that row', async () => {
    // 8,192-token window of moonshot-v1-8k: 500 expected output tokens plus the prompt repeated to ~9,000 tokens.
    const long = en.repeat(Math.ceil(9000 / 100));
    const c = await compareText(long, catalogue, assumptions(), { currentModelId: 'moonshot/moonshot-v1-8k', modelIds: ['moonshot/moonshot-v1-128k'] });
    const small = row(c, 'moonshot/moonshot-v1-8k');
    assert.ok(small.count.tokens + 500 > 8192, `${small.count.tokens}`);
    assert.equal(small.exceedsContext, true);
    assert.equal(row(c, 'moonshot/moonshot-v1-128k').exceedsContext, undefined);
  });

  test("suggestions stay with the current model's account: no international endpoint for a mainland model, unless regions are given", async () => {
    // The same DeepSeek model sold abroad made 100 times cheaper: cheaper than anything, but a mainland account cannot buy it.
    const flashIntl = catalogue.model('deepseek/deepseek-flash@intl')!;
    assert.ok('rates' in flashIntl.price);
    const { rates } = flashIntl.price;
    const overlay = { version: 1, priceOverrides: { [flashIntl.id]: { ...flashIntl.price, rates: { input: rates.input / 100, output: rates.output / 100 } } } };
    const { catalogue: cheapAbroad, errors } = applyOverlay(catalogue, overlay, 'cheap-abroad.json');
    assert.deepEqual(errors, []);
    const mainland = await compareText(zh, cheapAbroad, assumptions(), { currentModelId: 'deepseek/deepseek-flash@cn' });
    assert.deepEqual(mainland.suggestionRegions, ['cn', 'global']);
    assert.ok(mainland.suggestions.length > 0);
    for (const r of mainland.suggestions) assert.ok(r.model.region === 'cn' || r.model.region === 'global', r.model.id);
    const anywhere = await compareText(zh, cheapAbroad, assumptions(), {
      currentModelId: 'deepseek/deepseek-flash@cn',
      suggestionRegions: ['cn', 'intl', 'global'],
    });
    assert.equal(anywhere.suggestions[0].model.id, 'deepseek/deepseek-flash@intl');
  });

  test('a model sold worldwide is replaced by what the currency says the account can buy: CNY mainland, others international', async () => {
    const regionsOf = (c: { suggestions: { model: { region: string } }[] }) => new Set(c.suggestions.map((r) => r.model.region));
    const usd = await compareText(en, catalogue, { ...assumptions(), currency: 'USD' }, { currentModelId: 'openai/gpt-5.4' });
    assert.deepEqual(usd.suggestionRegions, ['intl', 'global']);
    assert.ok(usd.suggestions.length > 0);
    assert.ok(!regionsOf(usd).has('cn'), [...regionsOf(usd)].join());
    const cny = await compareText(en, catalogue, { ...assumptions(), currency: 'CNY' }, { currentModelId: 'openai/gpt-5.4' });
    assert.deepEqual(cny.suggestionRegions, ['cn', 'global']);
    assert.ok(cny.suggestions.length > 0);
    assert.ok(!regionsOf(cny).has('intl'), [...regionsOf(cny)].join());
    // Asked for anywhere, the cheapest suggestion may be a mainland one even in USD.
    const anywhere = await compareText(
      en,
      catalogue,
      { ...assumptions(), currency: 'USD' },
      {
        currentModelId: 'openai/gpt-5.4',
        suggestionRegions: ['cn', 'intl', 'global'],
      },
    );
    assert.ok(regionsOf(anywhere).has('cn'), [...regionsOf(anywhere)].join());
  });

  test('characters are code points', () => {
    assert.equal(countCharacters('价格战😀'), 4);
    assert.equal(countCharacters(''), 0);
  });
});
