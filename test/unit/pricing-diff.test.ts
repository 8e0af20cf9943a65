// npm run pricing:diff: parsers of the four public price lists and the diff, on hand-written
// fixture snapshots in each list's format (test/fixtures/pricing-diff/).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PricingFileSchema } from '../../src/core/pricing/schema';
import { diffList, exactName, isResale, matches, namesOf, normalizeName } from '../../scripts/pricing-diff/diff';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { parseGenaiPrices, parseList, parseLiteLLM, parseModelsDevFormat, type ListId } from '../../scripts/pricing-diff/lists';
import { readFixture, repoRoot } from './support';

const NOW = new Date('2026-12-06T12:00:00Z');
const fixture = (name: string): unknown => JSON.parse(readFixture(`pricing-diff/${name}`));
const ours = PricingFileSchema.parse(fixture('pricing.json'));
const diffOf = (list: ListId, file: string) => diffList(ours, parseList(list, fixture(file), NOW), NOW);

describe('parsers', () => {
  test('LiteLLM: chat and responses entries of mapped providers, per-token prices as per 1M', () => {
    const parsed = parseLiteLLM(fixture('litellm.json'), NOW);
    assert.deepEqual(
      parsed.models.map((m) => `${m.vendor}:${m.id}:${m.input}/${m.output}`),
      ['openai:gpt-test-1:1/4', 'openai:gpt-test-mini-2026-01-01:0.2/1', 'openai:gpt-test-2:3/12', 'deepseek:deepseek-test:0.28/1.1'],
    );
    assert.equal(parsed.skipped, 1, 'the embedding model');
    assert.equal(parsed.models[1].cacheRead, 0.05);
    assert.equal(parsed.models[0].deprecated, false, 'its deprecation date is after now');
    assert.equal(parseLiteLLM(fixture('litellm.json'), new Date('2027-06-01T00:00:00Z')).models[0].deprecated, true);
  });
  test('genai-prices: the newest dated price in force, the base of a context tier, time-of-day prices left out', () => {
    const at = (d: string) => parseGenaiPrices(fixture('genai-prices.json'), new Date(d)).models;
    const gptTest = (d: string) => at(d).find((m) => m.id === 'gpt-test')!;
    assert.deepEqual([gptTest('2026-11-30T00:00:00Z').input, gptTest('2026-11-30T00:00:00Z').output], [0.5, 2]);
    assert.deepEqual([gptTest('2026-12-06T00:00:00Z').input, gptTest('2026-12-06T00:00:00Z').output], [0.6, 2.4]);
    assert.equal(gptTest('2027-02-01T00:00:00Z').input, 0.9);
    const ds = at('2026-12-06T12:00:00Z').find((m) => m.id === 'deepseek-test')!;
    assert.deepEqual([ds.input, ds.output], [0.28, 1.1]);
    assert.deepEqual(
      at('2026-12-06T12:00:00Z').map((m) => m.vendor),
      ['openai', 'openai', 'openai', 'deepseek', 'xai'],
    );
  });
  test('models.dev format: mainland providers are region cn, status deprecated is read, unpriced entries skipped', () => {
    const md = parseModelsDevFormat(fixture('models.dev.json'), 'models.dev');
    assert.deepEqual(
      md.models.map((m) => `${m.provider}:${m.id}:${m.region}`),
      ['moonshotai-cn:kimi-test:cn', 'moonshotai:kimi-test:global', 'deepseek:deepseek-test:global', 'deepseek:kimi-test:global', 'openai:gpt-test-old:global'],
    );
    assert.equal(md.models[4].deprecated, true);
    const meta = parseModelsDevFormat(fixture('llm-metadata.json'), 'llm-metadata');
    assert.equal(meta.models.length, 1);
    assert.equal(meta.skipped, 1);
  });
  test('a file of the wrong shape is refused with the list named', () => {
    assert.throws(() => parseLiteLLM([], NOW), /litellm\.json: not LiteLLM/);
    assert.throws(() => parseGenaiPrices({}, NOW), /genai-prices\.json: not pydantic genai-prices/);
  });
});

describe('matching', () => {
  test('names: case, dots and a trailing date stamp', () => {
    assert.equal(exactName('openai/GPT-4.1_mini'), 'gpt-4-1-mini');
    assert.equal(normalizeName('claude-sonnet-4-20250514'), 'claude-sonnet-4');
    assert.equal(normalizeName('gpt-4o-2024-05-13'), 'gpt-4o');
    assert.equal(normalizeName('deepseek-test@cn'), 'deepseek-test');
  });
  test('a prefix matcher claims dated snapshots, not a newer version sharing the prefix', () => {
    assert.equal(matches({ starts_with: 'claude-opus-4-6' }, 'claude-opus-4-6-20260205'), true);
    assert.equal(matches({ starts_with: 'claude-opus-5' }, 'claude-opus-5-5'), false);
    assert.equal(matches({ or: [{ equals: 'a' }, { contains: 'test' }] }, 'gpt-test-1'), true);
  });
  test("a provider's resale of another vendor's model is not its own", () => {
    assert.equal(isResale({ list: 'models.dev', provider: 'deepseek', vendor: 'deepseek', region: 'global', id: 'kimi-test', deprecated: false }), true);
    assert.equal(isResale({ list: 'models.dev', provider: 'deepseek', vendor: 'deepseek', region: 'global', id: 'deepseek-test', deprecated: false }), false);
  });
});

describe('diff against the fixture pricing file', () => {
  test('LiteLLM: one missing model, a dated snapshot 25% dearer in output, the global price not set against our mainland one', () => {
    const d = diffOf('litellm', 'litellm.json');
    assert.deepEqual(d.missing, { openai: ['gpt-test-2'] });
    assert.deepEqual(d.priceDifferences, [
      { ours: 'openai/gpt-test-mini', theirs: 'gpt-test-mini-2026-01-01', provider: 'openai', key: 'output', oursUsd: 0.8, theirsUsd: 1, percent: 25 },
    ]);
    assert.equal(d.regionSkipped, 1);
    assert.equal(d.matchedOurs, 4);
    assert.deepEqual(d.deprecatedSuggested, []);
  });
  test('genai-prices: a deprecated model we still suggest, and a prefix that names no model of ours', () => {
    const d = diffOf('genai-prices', 'genai-prices.json');
    assert.deepEqual(d.missing, { openai: ['gpt-test'] });
    assert.deepEqual(d.deprecatedSuggested, [{ ours: 'openai/gpt-test-mini', theirs: 'gpt-test-mini', provider: 'openai' }]);
    assert.deepEqual(
      d.priceDifferences.map((p) => `${p.ours} ${p.key} ${p.percent}`),
      ['openai/gpt-test-1 output 12.5'],
    );
    assert.equal(d.considered, 4, 'xAI is not a vendor of the fixture file');
  });
  test('models.dev: a yuan price converted at our rate (4 CNY / 7 = 0.571 USD) against theirs, +5%; a retired model is not "still suggested"', () => {
    const d = diffOf('models.dev', 'models.dev.json');
    assert.deepEqual(
      d.priceDifferences.map((p) => `${p.ours} ${p.key} ${p.oursUsd.toFixed(4)} ${p.theirsUsd} ${p.percent}`),
      ['moonshot/kimi-test input 0.5714 0.6 5', 'moonshot/kimi-test output 2.2857 2.4 5'],
    );
    assert.deepEqual(d.deprecatedSuggested, []);
    assert.deepEqual(d.missing, {});
  });
  test('llm-metadata: deprecated there, both regions of ours still suggested', () => {
    const d = diffOf('llm-metadata', 'llm-metadata.json');
    assert.deepEqual(
      d.deprecatedSuggested.map((x) => x.ours),
      ['deepseek/deepseek-test@cn', 'deepseek/deepseek-test@intl'],
    );
    assert.deepEqual(
      d.priceDifferences.map((p) => `${p.ours} ${p.key} ${p.percent}`),
      ['deepseek/deepseek-test@intl input 7.1'],
    );
  });
  test('within 1% is no difference', () => {
    const d = diffList(
      ours,
      {
        list: 'models.dev',
        skipped: 0,
        models: [
          { list: 'models.dev', provider: 'openai', vendor: 'openai', region: 'global', id: 'gpt-test-1', input: 1.009, output: 3.97, deprecated: false },
        ],
      },
      NOW,
    );
    assert.deepEqual(d.priceDifferences, []);
  });
});

test('the pricing:diff script runs offline on the fixtures and says what is missing', () => {
  const root = repoRoot();
  const script = join(root, 'out', 'tools', 'pricing-diff.js');
  execFileSync(
    join(root, 'node_modules', '.bin', 'esbuild'),
    ['scripts/pricing-diff.ts', '--bundle', '--platform=node', '--target=node20', '--log-level=warning', `--outfile=${script}`],
    { cwd: root },
  );
  const out = execFileSync(
    process.execPath,
    [script, '--dir=test/fixtures/pricing-diff', '--pricing=test/fixtures/pricing-diff/pricing.json', '--now=2026-12-06'],
    { cwd: root, encoding: 'utf8' },
  );
  assert.match(
    out,
    /4 of 4 lists read: 2 models they list that we lack, 5 prices differing by more than 1%, 3 models they mark deprecated that we still suggest\./,
  );
  const none = spawnSync(process.execPath, [script, '--dir=test/fixtures/no-such-folder', '--pricing=test/fixtures/pricing-diff/pricing.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(none.status, 1);
  assert.match(none.stdout, /no snapshot at .*litellm\.json\. Run npm run pricing:snapshots on a machine with network\./);
});

describe('names of our models', () => {
  test("a model's aliases in the pricing data are names the lists are matched by", () => {
    const catalogue = loadBundledCatalogue();
    const small = catalogue.model('mistral/mistral-small-latest');
    assert.ok(small);
    assert.ok(namesOf(small).exact.has('mistral-small-2603'));
    const sol = catalogue.model('openai/gpt-5.6-sol');
    assert.ok(sol);
    assert.ok(namesOf(sol).exact.has('gpt-5-6'), 'gpt-5.6 with its dot made a dash');
  });
});
