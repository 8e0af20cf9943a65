// The status bar's tooltip, built in the core: its figures come from the core's cost functions,
// it speaks both languages, and a hostile model name cannot inject Markdown or icons.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { priceCall, projectCost, isPriced } from '../../src/core/cost';
import { formatMoney } from '../../src/core/format';
import { statusTooltipMarkdown, type TooltipInput } from '../../src/core/statusTooltip';
import { acmeCatalogue } from './acme-pricing';
import { ESTIMATE_PROFILES } from '../../src/core/tokenize/estimate/calibration';
import { estimateErrorBoundOfText } from '../../src/core/tokenize/estimate/estimate';
import { assumptionsAt } from './support';

function tooltipInput(edit: (input: TooltipInput) => void = () => {}): TooltipInput {
  const catalogue = acmeCatalogue();
  const model = catalogue.model('acme/mid')!;
  const assumptions = assumptionsAt({ callsPerDay: 250 });
  const rates = catalogue.exchangeRates;
  const input: TooltipInput = {
    model,
    catalogue,
    source: { kind: 'selection', label: 'notes.md', characters: 4_321 },
    count: { tokenizer: 'o200k_base', tokens: 1_000, exact: true },
    cost: priceCall(model, 1_000, assumptions, rates),
    assumptions,
    rates,
  };
  edit(input);
  return input;
}

test('the monthly line is the core projection of the cost per call', () => {
  const input = tooltipInput();
  assert.ok(isPriced(input.cost));
  // acme/mid: 1,000 × $0.15 + 500 × $0.60 per 1M = $0.00045 a call; × 250 a day × 30 days.
  const perMonth = projectCost(input.cost.total, 250).perMonth;
  assert.equal(Math.round(perMonth * 1e6), 3_375_000);
  const md = statusTooltipMarkdown(input, 'en');
  assert.ok(md.includes(`| Per month (250 calls a day) | ${formatMoney(perMonth, 'USD', 'en')} |`), md);
  assert.ok(md.includes('| **Total per call** | **' + formatMoney(input.cost.total, 'USD', 'en') + '** |'), md);
  assert.match(md, /^\*\*Acme Mid\*\* · Acme AI\n\nSelection in notes\.md: 4,321 characters\n\n/);
  assert.match(md, /\[\$\(graph\) Open comparison\]\(command:tokenSpend\.openComparison\)/);
});

test("in Chinese the tooltip uses the bundle and the vendor's Chinese name", () => {
  const md = statusTooltipMarkdown(tooltipInput(), 'zh-cn');
  assert.match(md, /^\*\*Acme Mid\*\* · 艾克米\n\nnotes\.md 中的选中内容：4,321 个字符/);
  assert.match(md, /每次调用合计/);
  assert.match(md, /每月（每天 250 次调用）/);
  // Inside the full-width brackets, the tokenizer and its vendor take the full-width comma.
  assert.match(md, /个 Token，精确值（[^（）]+，[^（）]+）/);
});

test('a model name cannot open Markdown syntax or draw an icon', () => {
  const md = statusTooltipMarkdown(
    tooltipInput((i) => {
      i.model = { ...i.model, name: 'Evil $(alert) [x](command:rm) *b*' };
    }),
    'en',
  );
  assert.ok(md.startsWith('**Evil \\$(alert) \\[x\\](command:rm) \\*b\\*** · Acme AI'), md);
});

test('an unpriced model says why instead of a price table', () => {
  const md = statusTooltipMarkdown(
    tooltipInput((i) => (i.cost = { unpriced: 'not published' })),
    'en',
  );
  assert.match(md, /No price: not published \(checked 2026-12-01\)/);
  assert.doesNotMatch(md, /Total per call/);
});

test('a multi-cursor selection says how many selections were counted together', () => {
  const many = tooltipInput((i) => (i.source = { ...i.source, selections: 3, characters: 135 }));
  assert.match(statusTooltipMarkdown(many, 'en'), /3 selections in notes\.md, counted together: 135 characters/);
  assert.match(statusTooltipMarkdown(many, 'zh-cn'), /notes\.md 中的 3 处选中内容（合并计数）：135 个字符/);
  const one = tooltipInput((i) => (i.source = { ...i.source, selections: 1 }));
  assert.match(statusTooltipMarkdown(one, 'en'), /Selection in notes\.md: 4,321 characters/);
});

test('the pricing rules a cost applied are in plain words, in the UI language', () => {
  const input = tooltipInput((i) => {
    // A request-mode context tier and a free quota, as Doubao and Qwen publish them.
    i.model = {
      ...i.model,
      price: {
        currency: 'USD',
        per: 1_000_000,
        rates: { input: 1, output: 2 },
        freeQuota: { tokens: 1_000_000, note: 'New-user free quota: 1M tokens' },
        tiers: {
          mode: 'request',
          brackets: [
            { upTo: 128_000, input: 1, output: 2 },
            { upTo: null, input: 2, output: 4 },
          ],
        },
      },
    } as typeof i.model;
    i.cost = priceCall(i.model, 1_000, i.assumptions, i.rates);
  });
  const en = statusTooltipMarkdown(input, 'en');
  assert.match(
    en,
    /_the whole request is billed at the rate for requests of up to 128,000 input tokens; this cost ignores the free quota \(New-user free quota: 1M tokens\)_/,
  );
  const zh = statusTooltipMarkdown(input, 'zh-cn');
  assert.match(zh, /_整次请求按“输入不超过 128,000 个 Token”档计价；此费用未扣除免费额度（New-user free quota: 1M tokens）_/);
});

test("an estimate's ≈ states the error bound for the text's scripts, in both languages", () => {
  // Chinese text on Gemini: the held-out error of the CJK group against Gemma 3 (CALIBRATION.md).
  const zh = '这是一段用于估算的中文文本，其中包含标点符号。'.repeat(20);
  const bound = estimateErrorBoundOfText('gemini_est', zh)!;
  assert.equal(ESTIMATE_PROFILES.gemini_est.measured!.bounds.cjk, 0.04);
  assert.equal(bound, 0.04); // all of it Chinese characters and full-width punctuation: the CJK group's bound
  const input = tooltipInput((i) => {
    i.count = { tokenizer: 'gemini_est', tokens: 300, exact: false };
    i.estimateBound = bound;
  });
  const pct = '4%';
  assert.ok(statusTooltipMarkdown(input, 'en').includes(`≈300 tokens, estimated (Gemini, Google), within ±${pct} of Gemma 3 for this text's scripts`));
  assert.ok(statusTooltipMarkdown(input, 'zh-cn').includes(`≈300 个 Token，估算值（Gemini，Google），按本文的文字构成，与 Gemma 3 相差不超过 ±${pct}`));
  const kimi = tooltipInput((i) => (i.count = { tokenizer: 'kimi_est', tokens: 300, exact: false }));
  // Moonshot does publish Kimi K2's tokenizer; it was not obtainable here, so the error is unmeasured, not unmeasurable.
  assert.ok(
    statusTooltipMarkdown(kimi, 'en').includes(
      "≈300 tokens, estimated (Kimi, Moonshot AI); its error is unknown: not measured against the vendor's own tokenizer",
    ),
  );
  assert.ok(statusTooltipMarkdown(kimi, 'zh-cn').includes('≈300 个 Token，估算值（Kimi，Moonshot AI）；误差未知：未与该厂商自己的分词器比对测量'));
});
