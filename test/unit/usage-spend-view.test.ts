// The Spend view's numbers (core buildSpendSummary), its settings and its message protocol.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFixture } from './support';
import { applyOverlay, loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { budgetLevel, buildSpendSummary, priceRecords, type Budgets, type UsageRecord } from '../../src/core/usage';
import { parseSpendSettings } from '../../src/vscode/spend/spendSettings';
import { SpendHostMessageSchema, SpendWebviewMessageSchema } from '../../src/webview/spend/protocol';

const { catalogue } = applyOverlay(loadBundledCatalogue(), JSON.parse(readFixture('usage/pricing.json')), 'pricing.json');
const ctx = { catalogue, currency: 'USD' as const, rates: catalogue.exchangeRates, region: 'cn' as const, timeZone: 'UTC' };

function rec(over: Partial<UsageRecord>): UsageRecord {
  return {
    source: 'claude-code',
    key: Math.random().toString(36),
    at: Date.parse('2026-12-06T10:00:00Z'),
    model: 'claude-sonnet-5',
    session: 's1',
    project: 'shop',
    input: 0,
    output: 0,
    cacheRead: 0,
    cacheWrite: 0,
    reasoning: 0,
    ...over,
  };
}

/** The Spend view's numbers for `records` on 2026-12-06 (noon UTC), over the last 30 days. */
function spendOf(
  records: UsageRecord[],
  { currency = ctx.currency, budgets = { daily: 0, monthly: 0 } }: { currency?: 'USD' | 'CNY'; budgets?: Budgets } = {},
) {
  const settings = { ...ctx, currency };
  return buildSpendSummary(priceRecords(records, settings), { ...settings, today: '2026-12-06', now: new Date('2026-12-06T12:00:00Z'), days: 30, budgets });
}

describe('Spend view numbers', () => {
  // Sonnet 5 from 2026-12-01: $3 input, $15 output, $0.30 cache read, $3.75 cache write per 1M.
  const records = [
    rec({ input: 1000, output: 1000, cacheRead: 100_000 }), // today: 3000 + 15000 + 30000 = 48,000 per 1M = $0.048
    rec({ at: Date.parse('2026-12-02T10:00:00Z'), session: 's2', input: 2000, output: 0 }), // $0.006
    rec({ at: Date.parse('2026-11-20T10:00:00Z'), input: 1_000_000 }), // before the change: $2 (last month)
    rec({ model: 'claude-mystery-9', input: 50, output: 50 }), // today, unpriced
  ];
  const summary = spendOf(records, { budgets: { daily: 0.05, monthly: 0.06 } });

  test('today and this month, with unpriced tokens beside the priced cost', () => {
    assert.equal(summary.todayTotals.pricedCost.toFixed(6), '0.048000');
    assert.equal(summary.todayTotals.cost, null);
    assert.equal(summary.todayTotals.unpricedTokens, 100);
    assert.equal(summary.monthTotals.pricedCost.toFixed(6), '0.054000');
    assert.equal(summary.periodTotals.pricedCost.toFixed(6), '2.054000');
  });

  test('30 daily bars ending today, by model and by agent', () => {
    assert.equal(summary.byModel.length, 30);
    assert.equal(summary.byModel[29].day, '2026-12-06');
    assert.equal(summary.byModel[0].day, '2026-11-07');
    assert.deepEqual(
      summary.byModel[29].parts.map((p) => [p.key, p.cost.toFixed(3)]),
      [['claude-sonnet-5', '0.048']],
    );
    assert.equal(summary.byModel[29].unpricedTokens, 100);
    assert.deepEqual(
      summary.byAgent[25].parts.map((p) => p.key),
      ['claude-code'],
    );
  });

  test('cache savings: 100K cache reads at $0.30 instead of $3 save $0.27', () => {
    assert.equal(summary.cacheSavings.toFixed(4), '0.2700');
  });

  test('budgets warn at 80% and are exceeded at 100%', () => {
    assert.equal(summary.dailyLevel, 'warning'); // 0.048 of 0.05
    assert.equal(summary.monthlyLevel, 'warning'); // 0.054 of 0.06
    assert.equal(budgetLevel(0.039, 0.05), 'ok');
    assert.equal(budgetLevel(0.05, 0.05), 'exceeded');
    assert.equal(budgetLevel(100, 0), 'ok');
  });

  test('the cheapest equivalent is of the same quality class or better, and cheaper', () => {
    const c = summary.cheapest;
    assert.ok(c);
    assert.equal(c.actual.toFixed(6), '2.054000');
    assert.ok(c.cheapest < c.actual, `${c.cheapest} < ${c.actual}`);
    for (const s of c.swaps) {
      const from = catalogue.model(s.from)!;
      const to = catalogue.model(s.to)!;
      assert.ok(to.quality.class >= from.quality.class, `${s.to} is at least as good as ${s.from}`);
      assert.ok(s.saving > 0);
      assert.equal(s.fromName, from.name);
      assert.equal(s.toName, to.name);
    }
  });

  test("the cheapest equivalent of a worldwide model is one the currency's account can buy (USD: no mainland endpoint; CNY: no international one)", () => {
    for (const currency of ['USD', 'CNY'] as const) {
      const summaryIn = spendOf(records, { currency });
      const swaps = summaryIn.cheapest?.swaps ?? [];
      assert.ok(swaps.length > 0, currency);
      for (const s of swaps) assert.notEqual(catalogue.model(s.to)!.region, currency === 'USD' ? 'cn' : 'intl', `${currency}: ${s.to}`);
    }
  });

  test("what the host sends passes the page's validation", () => {
    const data = { ...summary, locale: 'en', problems: ['1 lines of 1 files could not be read'], scannedAt: Date.now(), scanMs: 12 };
    const parsed = SpendHostMessageSchema.safeParse({ type: 'data', data });
    assert.ok(parsed.success, JSON.stringify(!parsed.success && parsed.error.issues.slice(0, 2)));
  });

  test('top sessions by cost', () => {
    assert.deepEqual(
      summary.topSessions.map((r) => r.key),
      ['claude-code:s1', 'claude-code:s2'],
    );
  });

  test("an agent that logs no session or project (Continue) is one row under its name and the view's 'no project' row, not '?' or '(unknown)'", () => {
    const continueRecords = [
      rec({ source: 'continue', session: '', project: '', input: 1000 }),
      rec({ source: 'continue', session: '', project: '', input: 1000 }),
    ];
    const s = spendOf(continueRecords);
    assert.deepEqual(
      s.topSessions.map((r) => [r.key, r.cost.toFixed(6)]),
      [['continue', '0.006000']],
    );
    assert.deepEqual(
      s.topProjects.map((r) => r.key),
      [''],
    );
  });

  test('by model, a dated snapshot id and the plain id are one model', () => {
    const both = [rec({ model: 'claude-sonnet-5-20260724', input: 1000 }), rec({ model: 'claude-sonnet-5', input: 1000 })];
    const s = spendOf(both);
    assert.deepEqual(
      s.byModel[29].parts.map((p) => [p.key, p.cost.toFixed(6)]),
      [['claude-sonnet-5', '0.006000']],
    );
  });
});

describe('Spend settings', () => {
  test('valid values are taken; invalid ones fall back to the default and are named', () => {
    const values: Record<string, unknown> = {
      'usage.enabled': true,
      'usage.sources': { copilot: false, cursor: true },
      'usage.paths': { codex: ['/data/codex'], 'gemini-cli': 'not a list' },
      'usage.dailyBudget': -5,
      'usage.monthlyBudget': 300,
      'usage.region': 'mars',
    };
    const { settings, problems } = parseSpendSettings((k) => values[k]);
    assert.equal(settings.sources.copilot, false);
    assert.equal(settings.sources.codex, true);
    assert.deepEqual(settings.paths, { codex: ['/data/codex'] });
    assert.equal(settings.dailyBudget, 0);
    assert.equal(settings.monthlyBudget, 300);
    assert.equal(settings.region, 'auto');
    assert.deepEqual(
      problems.map((p) => p.key),
      ['usage.sources', 'usage.paths', 'usage.dailyBudget', 'usage.region'],
    );
  });
});

describe('Spend view protocol', () => {
  test('the host accepts only the three messages of the page', () => {
    assert.ok(SpendWebviewMessageSchema.safeParse({ type: 'refresh' }).success);
    assert.ok(!SpendWebviewMessageSchema.safeParse({ type: 'refresh', path: '/etc' }).success);
    assert.ok(!SpendWebviewMessageSchema.safeParse({ type: 'openFile', path: '/etc/passwd' }).success);
  });

  test('the page accepts only well-formed data (no negative costs, no endless arrays)', () => {
    assert.ok(!SpendHostMessageSchema.safeParse({ type: 'data', data: { currency: 'USD' } }).success);
    assert.ok(SpendHostMessageSchema.safeParse({ type: 'scanning' }).success);
  });
});
