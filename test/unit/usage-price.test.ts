// Pricing of logged requests and the usage report, with the prices pinned by the fixture overlay
// test/fixtures/usage/pricing.json (so price updates of the bundled file do not move these numbers):
// Claude Sonnet 5 $2/$10/$0.20 read/$2.50 write per 1M, $3/$15/$0.30/$3.75 from 2026-12-01;
// GPT-5.4 $2.50/$15/$0.25, ×2 input above 272K; DeepSeek Flash (cn) ¥1/¥4/¥0.02 off-peak and
// ¥2/¥8/¥0.04 on weekdays 09–12 and 14–18 Beijing time; 1 USD = 7 CNY.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { near, readFixture } from './support';
import { applyOverlay, loadBundledCatalogue, type Catalogue } from '../../src/core/pricing/catalogue';
import {
  claudeCodeParser,
  codexParser,
  fromExport,
  ModelMatcher,
  priceRecord,
  priceRecords,
  summarize,
  toExport,
  uniqueRecords,
  type PricingContext,
  type UsageRecord,
} from '../../src/core/usage';

function fixtureCatalogue(): Catalogue {
  const { catalogue, errors } = applyOverlay(loadBundledCatalogue(), JSON.parse(readFixture('usage/pricing.json')), 'pricing.json');
  assert.deepEqual(errors, []);
  return catalogue;
}

const catalogue = fixtureCatalogue();
const usd: PricingContext = { catalogue, currency: 'USD', rates: catalogue.exchangeRates, region: 'cn', timeZone: 'UTC' };

function record(over: Partial<UsageRecord>): UsageRecord {
  return {
    source: 'codex',
    key: 'k',
    at: Date.parse('2026-12-02T00:00:00Z'),
    model: 'gpt-5.4',
    session: 's',
    project: 'p',
    input: 0,
    output: 0,
    cacheRead: 0,
    cacheWrite: 0,
    reasoning: 0,
    ...over,
  };
}

function costOf(r: UsageRecord, ctx = usd): number {
  const model = new ModelMatcher(ctx.catalogue, { region: ctx.region }).match(r.model);
  assert.ok(model, r.model);
  const c = priceRecord(model, r, ctx.currency, ctx.rates);
  assert.ok('cost' in c, JSON.stringify(c));
  return c.cost;
}

function lines(parser: ReturnType<typeof claudeCodeParser>, text: string): UsageRecord[] {
  const out: UsageRecord[] = [];
  for (const l of text.split('\n')) if (l) parser.line(l, out);
  return out;
}

describe('model names of the logs', () => {
  const m = new ModelMatcher(catalogue, { region: 'cn' });
  test('date suffixes and provider prefixes removed; the region decides between mainland and international', () => {
    assert.equal(m.match('claude-sonnet-5-20260724')?.id, 'anthropic/claude-sonnet-5');
    assert.equal(m.match('anthropic/claude-sonnet-5@20260724')?.id, 'anthropic/claude-sonnet-5');
    assert.equal(m.match('gpt-4.1-2025-04-14')?.id, 'openai/gpt-4.1');
    assert.equal(m.match('deepseek-flash')?.id, 'deepseek/deepseek-flash@cn');
    assert.equal(new ModelMatcher(catalogue, { region: 'intl' }).match('deepseek-flash')?.id, 'deepseek/deepseek-flash@intl');
    assert.equal(m.match('claude-mystery-9'), undefined);
  });

  test('model names as the agents and cloud consoles log them resolve to the catalogue entry', () => {
    const cases: [string, string | undefined][] = [
      // Claude Code writes the dated snapshot id the Messages API returns, and a context marker when the 1M window is chosen.
      ['claude-fable-5-2-20261109', 'anthropic/claude-fable-5-2'],
      ['claude-haiku-5-5-20261007', 'anthropic/claude-haiku-5-5'],
      ['claude-opus-5-5[1m]', 'anthropic/claude-opus-5-5'],
      ['claude-haiku-5-5-20261001[1m]', 'anthropic/claude-haiku-5-5'],
      // Dated ids of the Claude 4.x and 3.x models Claude Code logged before the 5.x generation.
      ['claude-opus-4-5-20251101', 'anthropic/claude-opus-4-5'],
      ['claude-sonnet-4-5-20250929', 'anthropic/claude-sonnet-4-5'],
      ['claude-haiku-4-5-20251001', 'anthropic/claude-haiku-4-5'],
      ['claude-opus-4-1-20250805', 'anthropic/claude-opus-4-1'],
      ['claude-sonnet-4-20250514', 'anthropic/claude-sonnet-4'],
      ['claude-3-7-sonnet-20250219', 'anthropic/claude-3-7-sonnet'],
      ['claude-3-5-haiku-20241022', 'anthropic/claude-3-5-haiku'],
      // Bedrock and Vertex spellings of the same models.
      ['us.anthropic.claude-haiku-5-5-20261001-v1:0', 'anthropic/claude-haiku-5-5'],
      ['anthropic.claude-opus-5-5-v1:0', 'anthropic/claude-opus-5-5'],
      ['claude-opus-5-5@20260922', 'anthropic/claude-opus-5-5'],
      // Codex writes OpenAI's model names (no snapshot ids for GPT-6.2), sometimes with the provider prefix.
      ['gpt-6.2-sol', 'openai/gpt-6.2-sol'],
      ['openai/gpt-6.2-astra', 'openai/gpt-6.2-astra'],
      // Gemini CLI and the Gemini API: models/ prefix, preview stamps, version suffixes.
      ['models/gemini-3.8-flash', 'google/gemini-3.8-flash'],
      ['gemini-3.8-flash-preview-09-02', 'google/gemini-3.8-flash'],
      ['gemini-3.8-flash-preview-09-2026', 'google/gemini-3.8-flash'],
      ['gemini-3.8-flash-001', 'google/gemini-3.8-flash'],
      ['gemini-4-argon-preview', 'google/gemini-4-argon'],
      // Other names the vendor's API uses for the same model, listed as aliases in the data.
      ['gpt-5.6', 'openai/gpt-5.6-sol'],
      ['grok-4.20', 'xai/grok-4.20-0309-reasoning'],
      ['mistral-small-2603', 'mistral/mistral-small-latest'],
      ['mistral-medium-2604', 'mistral/mistral-medium-3.5'],
      ['ministral-8b-2512', 'mistral/ministral-8b-latest'],
      ['codestral-2508', 'mistral/codestral-latest'],
      // A name the catalogue lists as it stands is never shortened.
      ['gemini-3-flash-preview', 'google/gemini-3-flash-preview'],
      ['gemini-3.1-pro-preview', 'google/gemini-3.1-pro-preview'],
      ['mistral-large-latest', 'mistral/mistral-large-latest'],
      ['grok-4.20-0309-reasoning', 'xai/grok-4.20-0309-reasoning'],
      // Older Codex sessions name GPT-5.3-Codex; a variant the catalogue lacks stays unmatched (reported unpriced).
      ['gpt-5.3-codex', 'openai/gpt-5.3-codex'],
      ['gpt-5.3-codex-spark', undefined],
      ['claude-mystery-9-20261201[1m]', undefined],
    ];
    for (const [name, id] of cases) assert.equal(m.match(name)?.id, id, name);
  });

  test('ids that Codex logs for previous OpenAI models are priced at their list price, not unpriced', () => {
    for (const [name, id] of [
      ['gpt-5', 'openai/gpt-5'],
      ['gpt-5-2025-08-07', 'openai/gpt-5'],
      ['gpt-5-codex', 'openai/gpt-5-codex'],
      ['gpt-5.1-codex-max', 'openai/gpt-5.1-codex-max'],
      ['gpt-5.1-codex-mini', 'openai/gpt-5.1-codex-mini'],
      ['gpt-5.2-codex', 'openai/gpt-5.2-codex'],
    ])
      assert.equal(m.match(name)?.id, id, name);
    // OpenAI's model page: GPT-5-Codex $1.25 input, $0.125 cached, $10 output per million.
    const r = record({ at: Date.parse('2026-10-02T10:00:00Z'), model: 'gpt-5-codex', input: 20000, cacheRead: 80000, output: 3000, reasoning: 1000 });
    near(costOf(r), (20000 * 1.25 + 80000 * 0.125 + 4000 * 10) / 1e6);
  });

  test('ids that Claude Code logs for previous Claude models: each priced at its own list price, not unpriced', () => {
    assert.equal(m.match('claude-sonnet-4-5-20250929')?.id, 'anthropic/claude-sonnet-4-5');
    assert.equal(m.match('claude-sonnet-4-20250514')?.id, 'anthropic/claude-sonnet-4');
    assert.equal(m.match('claude-opus-4-1-20250805')?.id, 'anthropic/claude-opus-4-1');
    assert.equal(m.match('claude-opus-4-6')?.id, 'anthropic/claude-opus-4-6');
    assert.equal(m.match('claude-opus-4-6[1m]')?.id, 'anthropic/claude-opus-4-6');
    assert.equal(m.match('claude-3-5-haiku-20241022')?.id, 'anthropic/claude-3-5-haiku');
    assert.equal(m.match('us.anthropic.claude-sonnet-4-5-20250929-v1:0')?.id, 'anthropic/claude-sonnet-4-5');
    assert.equal(m.match('claude-sonnet-4-5@20250929')?.id, 'anthropic/claude-sonnet-4-5');
    // Hand-computed from the pricing page: Sonnet 4.5 at $3 / $15, cache read $0.30, 5-minute write $3.75 per million.
    const r = record({
      source: 'claude-code',
      at: Date.parse('2026-11-02T10:00:00Z'),
      model: 'claude-sonnet-4-5-20250929',
      input: 1000,
      output: 2000,
      cacheRead: 100000,
      cacheWrite: 10000,
    });
    near(costOf(r), (1000 * 3 + 2000 * 15 + 100000 * 0.3 + 10000 * 3.75) / 1e6);
    // Over 200K input tokens (only possible with the 1M-context beta) the whole request pays $6 / $22.50.
    near(costOf({ ...r, input: 150000, cacheRead: 100000, cacheWrite: 0 }), (150000 * 6 + 2000 * 22.5 + 100000 * 0.6) / 1e6);
  });
});

describe('the price in force at the request', () => {
  test('a dated price change: the same request costs 50% more from 2026-12-01 00:00 UTC', () => {
    const r = record({ model: 'claude-sonnet-5', input: 100, output: 200, cacheWrite: 1000, cacheRead: 2000 });
    // 100×2 + 200×10 + 1000×2.5 + 2000×0.2 = 5100 per 1M
    assert.equal(costOf({ ...r, at: Date.parse('2026-11-30T23:59:59Z') }).toFixed(7), '0.0051000');
    // 100×3 + 200×15 + 1000×3.75 + 2000×0.3 = 7650 per 1M
    assert.equal(costOf({ ...r, at: Date.parse('2026-12-01T00:00:00Z') }).toFixed(7), '0.0076500');
  });

  test("DeepSeek's peak hours in Beijing time: 08:59 is off-peak, 09:01 is peak (Wednesday)", () => {
    const r = record({ model: 'deepseek-flash', input: 1000, output: 100 });
    const cny: PricingContext = { ...usd, currency: 'CNY' };
    // 1000×1 + 100×4 = 1400 per 1M, then 1000×2 + 100×8 = 2800 per 1M
    assert.equal(costOf({ ...r, at: Date.parse('2026-12-02T00:59:00Z') }, cny).toFixed(7), '0.0014000');
    assert.equal(costOf({ ...r, at: Date.parse('2026-12-02T01:01:00Z') }, cny).toFixed(7), '0.0028000');
    // The same off-peak request in USD at 7 CNY per USD.
    assert.equal(costOf({ ...r, at: Date.parse('2026-12-02T00:59:00Z') }).toFixed(8), '0.00020000');
  });

  test('context tier per request: a 300K prompt (input + cache reads) pays the upper bracket on every token', () => {
    const r = record({ input: 250_000, cacheRead: 50_000, output: 1000 });
    // 250000×5 + 50000×0.5 + 1000×22.5 = 1,297,500 per 1M
    assert.equal(costOf(r).toFixed(4), '1.2975');
    // 200K stays in the lower bracket: 150000×2.5 + 50000×0.25 + 1000×15 = 402,500 per 1M
    assert.equal(costOf({ ...r, input: 150_000 }).toFixed(4), '0.4025');
  });

  test('thinking tokens bill at the output price', () => {
    assert.equal(costOf(record({ output: 200, reasoning: 100 })).toFixed(4), costOf(record({ output: 300 })).toFixed(4));
  });
});

describe('the usage report', () => {
  const dir = 'usage/claude-code/projects/-home-dev-shop/';
  const claude = uniqueRecords([
    ...lines(claudeCodeParser({ path: dir + 'sess-a.jsonl' }), readFixture(dir + 'sess-a.jsonl')),
    ...lines(claudeCodeParser({ path: dir + 'sess-b.jsonl' }), readFixture(dir + 'sess-b.jsonl')),
  ]);
  const codexPath = 'usage/codex/sessions/2026/12/02/rollout-2026-12-02T08-00-00-0193a1b2.jsonl';
  const codex = lines(codexParser({ path: codexPath }), readFixture(codexPath));

  test('Claude Code: a model the catalogue lacks makes the total cost null, with its tokens beside it', () => {
    const report = summarize(priceRecords(claude, usd), 'model', usd);
    // 5100 (before the change) + 10×3+100×15+5000×0.3 = 3030 + 20×3+80×15+1000×0.3+500×3.75 = 3435, per 1M
    assert.equal(report.totals.cost, null);
    assert.equal(report.totals.pricedCost.toFixed(6), '0.011565');
    assert.equal(report.totals.unpricedTokens, 10);
    assert.deepEqual(report.unpricedModels, [{ model: 'claude-mystery-9', tokens: 10, requests: 1, listed: false }]);
    // The dated snapshot id and the plain id are one model, one row (0.008130 + 0.003435); the unknown one keeps its logged name.
    assert.deepEqual(
      report.rows.map((r) => [r.key, r.requests, r.cost === null ? null : r.cost.toFixed(6)]),
      [
        ['claude-sonnet-5', 3, '0.011565'],
        ['claude-mystery-9', 1, null],
      ],
    );
  });

  test('Codex: per-request prices on both sides of the off-peak boundary', () => {
    const report = summarize(priceRecords(codex, usd), 'model', usd);
    // gpt-5.4: 800×2.5+200×0.25+300×15 = 6550; 1000×2.5+1000×0.25+200×15 = 5750 (per 1M USD)
    // deepseek: 1000×1+100×4 = 1400 off-peak; 500×2+500×0.04+100×8 = 1820 peak (per 1M CNY, ÷7)
    assert.deepEqual(
      report.rows.map((r) => [r.key, r.cost?.toFixed(8)]),
      [
        ['gpt-5.4', '0.01230000'],
        ['deepseek-flash', '0.00046000'],
      ],
    );
    assert.equal(report.totals.cost?.toFixed(8), '0.01276000');
    assert.deepEqual(
      [report.totals.inputTokens, report.totals.cacheReadTokens, report.totals.outputTokens, report.totals.reasoningTokens],
      [3300, 1700, 600, 100],
    );
  });

  test('by day in the chosen time zone, with since/until', () => {
    const priced = priceRecords(claude, { ...usd, timeZone: 'Asia/Shanghai' });
    const report = summarize(priced, 'day', usd);
    assert.deepEqual(
      report.rows.map((r) => [r.key, r.requests]),
      [
        ['2026-11-30', 1],
        ['2026-12-01', 3],
      ],
    );
    assert.equal(summarize(priced, 'day', usd, { since: '2026-12-01' }).totals.requests, 3);
    assert.equal(summarize(priced, 'day', usd, { until: '2026-11-30' }).totals.requests, 1);
  });

  test('a logged cost is kept beside ours; a difference above 5% is pointed out', () => {
    const report = summarize(priceRecords(claude, usd), 'session', usd);
    // msg_01 logged $0.0051, ours $0.0051: no difference to report.
    assert.deepEqual(report.loggedCostDiffers, []);
    assert.equal(report.totals.loggedCost, 0.0051);
    const off = summarize(priceRecords([{ ...claude[0], loggedCostUsd: 0.004 }], usd), 'session', usd);
    assert.deepEqual(
      off.loggedCostDiffers.map((d) => [d.key, d.logged, d.ours.toFixed(4)]),
      [['claude-code:sess-a', 0.004, '0.0051']],
    );
  });

  test('export and import: the same export merged twice, or with the logs it came from, counts each request once', () => {
    const exported = JSON.parse(JSON.stringify(toExport(claude, new Date('2026-12-06T00:00:00Z'))));
    const back = fromExport(exported);
    assert.ok('records' in back);
    assert.deepEqual(back.records, claude);
    assert.equal(uniqueRecords([...claude, ...back.records, ...back.records]).length, 4);
    const bad = fromExport({ ...exported, records: [{ ...exported.records[0], input: -1 }] });
    assert.ok('error' in bad && /records\.0\.input/.test(bad.error), JSON.stringify(bad));
  });
});
