// Every model name agents' logs commonly carry (2025–2026) runs through the usage pricing path:
// logNameCandidates + the catalogue lookup (ModelMatcher), then priceRecord at a date the model was
// in service. A name left unpriced is listed below with the reason, asserted explicitly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { ModelMatcher, priceRecord, type UsageRecord, type UsageSource } from '../../src/core/usage';
import type { Region } from '../../src/core/pricing/schema';
import { isRetired } from '../../src/core/pricing/lifecycle';
import { near } from './support';

const catalogue = loadBundledCatalogue();

/** [name as logged, an instant the model was served, the agent that logs it that way]. */
const LOGGED: readonly [string, string, UsageSource?][] = [
  ['deepseek-chat', '2025-06-15T12:00:00Z'],
  ['deepseek-reasoner', '2025-06-15T12:00:00Z'],
  ['gemini-2.5-pro', '2025-08-01T12:00:00Z', 'gemini-cli'],
  ['gemini-2.5-flash', '2025-08-01T12:00:00Z', 'gemini-cli'],
  ['gemini-3-pro-preview', '2025-12-01T12:00:00Z', 'gemini-cli'],
  ['glm-4.6', '2025-11-01T12:00:00Z', 'cline'],
  ['codex-mini-latest', '2025-06-15T12:00:00Z', 'codex'],
  ['claude-opus-4-1-20250805', '2025-09-01T12:00:00Z', 'claude-code'],
  ['claude-opus-4-20250514', '2025-07-01T12:00:00Z', 'claude-code'],
  ['claude-sonnet-4-20250514', '2025-07-01T12:00:00Z', 'claude-code'],
  ['claude-sonnet-4-5-20250929', '2025-11-01T12:00:00Z', 'claude-code'],
  ['claude-haiku-4-5-20251001', '2025-11-01T12:00:00Z', 'claude-code'],
  ['claude-3-7-sonnet-20250219', '2025-05-01T12:00:00Z', 'claude-code'],
  ['claude-3-5-haiku-20241022', '2025-05-01T12:00:00Z', 'claude-code'],
  ['gpt-5', '2025-09-01T12:00:00Z', 'codex'],
  ['gpt-5-mini', '2025-09-01T12:00:00Z', 'codex'],
  ['gpt-5-nano', '2025-09-01T12:00:00Z', 'codex'],
  ['gpt-5-codex', '2025-10-01T12:00:00Z', 'codex'],
  ['gpt-5.1', '2025-12-01T12:00:00Z', 'codex'],
  ['gpt-5.1-codex', '2025-12-01T12:00:00Z', 'codex'],
  ['gpt-5.1-codex-mini', '2025-12-01T12:00:00Z', 'codex'],
  ['gpt-5.1-codex-max', '2025-12-10T12:00:00Z', 'codex'],
  ['o3', '2025-07-01T12:00:00Z', 'codex'],
  ['o4-mini', '2025-07-01T12:00:00Z', 'codex'],
  ['gpt-4.1', '2025-07-01T12:00:00Z', 'copilot'],
  ['gpt-4.1-mini', '2025-07-01T12:00:00Z', 'cline'],
  ['gpt-4o', '2025-03-01T12:00:00Z', 'copilot'],
  ['gpt-4o-mini', '2025-03-01T12:00:00Z', 'cline'],
  ['gemini-2.5-flash-lite', '2025-08-01T12:00:00Z', 'gemini-cli'],
  ['gemini-2.0-flash', '2025-04-01T12:00:00Z', 'cline'],
  ['grok-code-fast-1', '2025-09-15T12:00:00Z', 'cline'],
  ['grok-4', '2025-08-01T12:00:00Z', 'cline'],
  ['kimi-k2-0711-preview', '2025-08-01T12:00:00Z', 'cline'],
  ['kimi-k2-0905-preview', '2025-10-01T12:00:00Z', 'cline'],
  ['kimi-k2-turbo-preview', '2025-10-01T12:00:00Z', 'cline'],
  ['kimi-k2-thinking', '2025-12-01T12:00:00Z', 'cline'],
  ['qwen3-coder-plus', '2025-09-01T12:00:00Z', 'cline'],
  ['qwen3-coder-flash', '2025-09-01T12:00:00Z', 'cline'],
  ['qwen3-max', '2025-10-01T12:00:00Z', 'cline'],
  ['glm-4.5', '2025-08-15T12:00:00Z', 'cline'],
  ['glm-4.5-air', '2025-08-15T12:00:00Z', 'cline'],
  ['MiniMax-M2', '2025-11-15T12:00:00Z', 'cline'],
  ['doubao-seed-1-6', '2025-08-01T12:00:00Z', 'cline'],
  ['gemini-3.6-flash', '2026-09-01T12:00:00Z', 'gemini-cli'],
  ['gemini-3.7-flash', '2026-10-01T12:00:00Z', 'copilot'],
  // The same models as other agents and clouds write them.
  ['gpt-5-2025-08-07', '2025-09-01T12:00:00Z', 'codex'],
  ['claude-sonnet-4.5', '2025-11-01T12:00:00Z', 'cline'],
  ['anthropic/claude-sonnet-4', '2025-07-01T12:00:00Z', 'cline'],
  ['us.anthropic.claude-sonnet-4-20250514-v1:0', '2025-07-01T12:00:00Z', 'cline'],
  ['claude-sonnet-4-5-20250929[1m]', '2025-11-01T12:00:00Z', 'claude-code'],
  ['models/gemini-2.5-pro', '2025-08-01T12:00:00Z', 'gemini-cli'],
  ['gemini-2.5-flash-preview-05-20', '2025-06-01T12:00:00Z', 'gemini-cli'],
  ['deepseek/deepseek-chat', '2025-06-15T12:00:00Z', 'cline'],
];

/** Names left unpriced at the date given above, each with the reason (matched against what the pricing path says). */
const UNPRICED: Record<string, RegExp> = {
  // Volcano Engine Ark serves Seed 1.6 under dated versions (doubao-seed-1-6-250615, -251015); the bare
  // name is in no stored copy of Ark's model list, and the price of 250615 is in no copy read.
  'doubao-seed-1-6': /^no catalogue entry$/,
  // Before GA the output price depended on whether thinking was on ($0.60 or $3.50 for the whole output).
  'gemini-2.5-flash-preview-05-20': /^google\/gemini-2\.5-flash unpriced: Before GA \(2025-06-17\)/,
};

function recordAt(name: string, at: string, over: Partial<UsageRecord> = {}, source: UsageSource = 'cline'): UsageRecord {
  return {
    source,
    key: name,
    at: Date.parse(at),
    model: name,
    session: 's',
    project: 'p',
    input: 1_000_000,
    output: 1_000_000,
    cacheRead: 0,
    cacheWrite: 0,
    reasoning: 0,
    ...over,
  };
}

function outcome(name: string, at: string, region: Region, source?: UsageSource): string {
  const model = new ModelMatcher(catalogue, { region }).match(name, source);
  if (!model) return 'no catalogue entry';
  const cost = priceRecord(model, recordAt(name, at, {}, source), 'USD', catalogue.exchangeRates);
  return 'cost' in cost ? `priced ${model.id}` : `${model.id} unpriced: ${cost.unpriced}`;
}

/** The cost of `over` tokens of `name` at `at`, in `currency`, or the reason it is unpriced. */
function costAt(name: string, at: string, over: Partial<UsageRecord> = {}, region: Region = 'intl', currency: 'USD' | 'CNY' = 'USD'): number | string {
  const model = new ModelMatcher(catalogue, { region }).match(name);
  assert.ok(model, name);
  const cost = priceRecord(model, recordAt(name, at, over), currency, catalogue.exchangeRates);
  return 'cost' in cost ? cost.cost : cost.unpriced;
}

test('log names: every name resolves to a priced catalogue model at a date it was served, or is listed with its reason', () => {
  const rows = LOGGED.flatMap(([name, at, source]) =>
    (['intl', 'cn'] as const).map((region) => ({ name, region, at, result: outcome(name, at, region, source) })),
  );
  for (const r of rows) console.log(`${r.name.padEnd(44)} ${r.region.padEnd(5)} ${r.at.slice(0, 10)}  ${r.result}`);
  const unpriced = rows.filter((r) => !r.result.startsWith('priced'));
  assert.deepEqual([...new Set(unpriced.map((r) => r.name))], Object.keys(UNPRICED));
  for (const r of unpriced) assert.match(r.result, UNPRICED[r.name], r.name);
  assert.equal(rows.length - unpriced.length, 2 * (LOGGED.length - Object.keys(UNPRICED).length));
});

test('log names: DeepSeek legacy names at the list in force at each request (off-peak until 2025-09-05, V3.1 list, V3.2 cut, V4-Flash routing, retirement)', () => {
  const mTok = { input: 1_000_000, output: 1_000_000 };
  // 2025-06-16 11:00 Beijing (standard) and 02:00 Beijing (off-peak, 50 % off chat, 75 % off reasoner).
  near(costAt('deepseek-chat', '2025-06-16T03:00:00Z', mTok) as number, 0.27 + 1.1, 'chat standard');
  near(costAt('deepseek-chat', '2025-06-16T18:00:00Z', mTok) as number, 0.135 + 0.55, 'chat off-peak');
  near(costAt('deepseek-reasoner', '2025-06-16T03:00:00Z', mTok) as number, 0.55 + 2.19, 'reasoner standard');
  near(costAt('deepseek-reasoner', '2025-06-16T18:00:00Z', { ...mTok, cacheRead: 1_000_000 }) as number, 0.135 + 0.55 + 0.035, 'reasoner off-peak');
  // From 2025-09-06 (16:00 UTC on 5 Sept): $0.56 / $1.68 for both, no night discount.
  near(costAt('deepseek-chat', '2025-09-10T18:00:00Z', mTok) as number, 0.56 + 1.68, 'chat V3.1 night');
  near(costAt('deepseek/deepseek-reasoner', '2025-09-10T03:00:00Z', mTok) as number, 0.56 + 1.68, 'reasoner V3.1');
  // V3.2-Exp cut of 2025-09-29, then V3.2: $0.28 / $0.028 / $0.42.
  near(costAt('deepseek-chat', '2025-10-15T03:00:00Z', { ...mTok, cacheRead: 1_000_000 }) as number, 0.28 + 0.028 + 0.42, 'chat V3.2');
  near(costAt('deepseek-reasoner', '2026-04-23T23:00:00Z', mTok) as number, 0.28 + 0.42, 'reasoner last V3.2 day');
  // Routed to V4-Flash from 2026-04-24 and billed at its price; cache hits cut to 1/10 from 2026-04-26 12:15 UTC.
  near(costAt('deepseek-chat', '2026-04-25T03:00:00Z', { ...mTok, cacheRead: 1_000_000 }) as number, 0.14 + 0.028 + 0.28, 'chat V4-Flash launch');
  near(costAt('deepseek-reasoner', '2026-07-23T03:00:00Z', { ...mTok, cacheRead: 1_000_000 }) as number, 0.14 + 0.0028 + 0.28, 'reasoner V4-Flash');
  // Retired at 15:59 UTC on 2026-07-24: a later record names a model DeepSeek no longer serves.
  assert.match(String(costAt('deepseek-chat', '2026-08-01T03:00:00Z', mTok)), /^Retired at 15:59 UTC on 2026-07-24/);
  // Before the off-peak schedule (26 Feb 2025) no list is stored.
  assert.match(String(costAt('deepseek-chat', '2025-01-15T03:00:00Z', mTok)), /before its off-peak discount/);
});

test('log names: Gemini 2.5 Flash preview names are unpriced before GA, priced at the GA list after; long prompts at the upper bracket', () => {
  assert.match(String(costAt('gemini-2.5-flash-preview-05-20', '2025-06-01T12:00:00Z')), /Before GA/);
  near(costAt('gemini-2.5-flash', '2025-08-01T12:00:00Z', { input: 1_000_000, output: 1_000_000, cacheRead: 1_000_000 }) as number, 0.3 + 2.5 + 0.03, 'GA');
  // 300K-token prompt: the whole request at the >200K rates ($2.50 in, $15 out).
  near(costAt('models/gemini-2.5-pro', '2025-08-01T12:00:00Z', { input: 300_000, output: 10_000 }) as number, 0.3 * 2.5 + 0.01 * 15, '2.5 Pro >200K');
});

test('log names: aliases and regions (grok-4 → grok-4-0709, kimi-k2-0905-preview mainland in CNY, abroad in USD)', () => {
  near(costAt('grok-4', '2025-08-01T12:00:00Z') as number, 3 + 15, 'grok-4');
  near(costAt('grok-code-fast-1-0825', '2025-09-15T12:00:00Z') as number, 0.2 + 1.5, 'grok-code-fast-1');
  near(costAt('kimi-k2-0905-preview', '2025-10-01T12:00:00Z', {}, 'cn', 'CNY') as number, 4 + 16, 'kimi cn');
  near(costAt('kimi-k2-0905-preview', '2025-10-01T12:00:00Z', {}, 'intl') as number, 0.6 + 2.5, 'kimi intl');
});

test('log names: models retired by 2026-12-06 price old records but are never suggested', () => {
  const now = new Date('2026-12-06T12:00:00Z');
  const retired = [
    'deepseek/deepseek-chat@intl',
    'deepseek/deepseek-reasoner@intl',
    'google/gemini-2.5-pro',
    'google/gemini-2.5-flash',
    'google/gemini-2.0-flash',
    'google/gemini-3-pro-preview',
    'moonshot/kimi-k2-0711-preview@intl',
    'moonshot/kimi-k2-0905-preview@intl',
    'moonshot/kimi-k2-0905-preview',
    'moonshot/kimi-k2-turbo-preview@intl',
    'moonshot/kimi-k2-thinking@intl',
  ];
  for (const id of retired) {
    const m = catalogue.model(id);
    assert.ok(m, id);
    assert.ok(isRetired(m, now), `${id} retired`);
    if (m.replacedBy) assert.ok(!isRetired(catalogue.model(m.replacedBy)!, now), `${id}'s replacement ${m.replacedBy} is served`);
  }
});
