// The independent check of the Chinese vendors' prices: figures read on 2026-12-06 (recorded in
// test/fixtures/pricing-cn-observed.json with their pages and copy dates) against the bundled file,
// and the audit's own behaviour on altered copies of it.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PricingFileSchema, type PricingFile, type Price } from '../../src/core/pricing/schema';
import { audit, auditModel, ObservedFileSchema, type Observation } from '../../scripts/pricing-audit/audit';
import { readFixture, repoRoot } from './support';

const bundled = (): PricingFile => PricingFileSchema.parse(JSON.parse(readFileSync(join(repoRoot(), 'pricing', 'pricing.json'), 'utf8')));
const observed = ObservedFileSchema.parse(JSON.parse(readFixture('pricing-cn-observed.json')));
const READ_DAY = new Date('2026-12-06T12:00:00Z');

function obs(id: string): Observation {
  const o = observed.observations.find((x) => x.id === id);
  assert.ok(o, `no observation of ${id}`);
  return o;
}

function withPrice(file: PricingFile, id: string, edit: (p: Price) => void): PricingFile {
  const copy: PricingFile = JSON.parse(JSON.stringify(file));
  const m = copy.models.find((x) => x.id === id);
  assert.ok(m && 'rates' in m.price, `${id} is priced in the bundled file`);
  edit(m.price as Price);
  return copy;
}

describe('Chinese vendors: bundled prices against the pages read on 2026-12-06', () => {
  test('every observed figure agrees within 1% (DeepSeek peak windows, Qwen and Doubao brackets included)', () => {
    const report = audit(bundled(), observed);
    assert.deepEqual(report.disagreements, []);
    assert.ok(report.rows.length >= 250, `only ${report.rows.length} figures compared`);
    assert.ok(
      report.rows.some((r) => r.field.startsWith('peak')),
      'DeepSeek peak rates are compared',
    );
    assert.ok(
      report.rows.some((r) => r.field.startsWith('bracket')),
      'context brackets are compared',
    );
  });

  test('each vendor with a current flagship read today is covered: DeepSeek, Qwen, Doubao, Kimi, GLM, MiniMax, StepFun', () => {
    const vendors = new Set(observed.observations.map((o) => o.id.split('/')[0]));
    for (const v of ['deepseek', 'alibaba', 'bytedance', 'moonshot', 'zhipu', 'minimax', 'stepfun']) assert.ok(vendors.has(v), v);
    for (const id of ['alibaba/qwen4-max@intl', 'deepseek/deepseek-flash@cn', 'moonshot/kimi-k3.1-pro@intl', 'zhipu/glm-5.3@cn']) obs(id);
  });
});

describe('the audit itself', () => {
  const file = bundled();

  test('a price 2% off the page is a disagreement, 0.5% off is not', () => {
    const off2 = audit(
      withPrice(file, 'alibaba/qwen4-max@intl', (p) => {
        p.rates.input = 1.53;
      }),
      observed,
    );
    assert.deepEqual(
      off2.disagreements.map((r) => `${r.id} ${r.field} ${r.ours} ${r.page}`),
      ['alibaba/qwen4-max@intl input 1.53 1.5'],
    );
    assert.ok(Math.abs((off2.disagreements[0].diffPercent ?? 0) - 2) < 1e-9);
    const off05 = audit(
      withPrice(file, 'alibaba/qwen4-max@intl', (p) => {
        p.rates.input = 1.5075;
      }),
      observed,
    );
    assert.deepEqual(off05.disagreements, []);
  });

  test('a wrong bracket, a missing cache price and a wrong peak rate are each reported by name', () => {
    const changed = withPrice(
      withPrice(
        withPrice(file, 'alibaba/qwen-plus@cn', (p) => {
          p.tiers!.brackets[1].output = 22;
        }),
        'zhipu/glm-5.3@cn',
        (p) => {
          delete p.rates.cacheRead;
        },
      ),
      'deepseek/deepseek-v4-pro@cn',
      (p) => {
        p.timeWindows![0].rates.output = 13.5;
      },
    );
    const fields = audit(changed, observed).disagreements.map((r) => `${r.id}: ${r.field} ${r.ours}`);
    assert.deepEqual(fields, [
      'deepseek/deepseek-v4-pro@cn: peak (09:00–12:00) output 13.5',
      'alibaba/qwen-plus@cn: bracket ≤256000 output 22',
      'zhipu/glm-5.3@cn: cacheRead not stored',
    ]);
  });

  test('a model that is missing, unpriced or in another currency is a disagreement, not a silent pass', () => {
    const o = obs('moonshot/kimi-k3.1-pro@intl');
    assert.deepEqual(
      auditModel(undefined, o, READ_DAY).map((r) => [r.field, r.ours, r.ok]),
      [['model', 'missing', false]],
    );
    const m = file.models.find((x) => x.id === 'moonshot/kimi-k3.1-pro@cn')!;
    assert.deepEqual(
      auditModel(m, o, READ_DAY).map((r) => [r.field, r.ours, r.ok]),
      [['price', 'unpriced', false]],
    );
    const cny = file.models.find((x) => x.id === 'moonshot/kimi-k3@cn')!;
    assert.deepEqual(
      auditModel(cny, o, READ_DAY).map((r) => [r.field, r.ours, r.page, r.ok]),
      [['currency', 'CNY', 'USD', false]],
    );
  });

  test("a price read on the vendor's own page must cite that page and not be marked secondary", () => {
    const o = obs('zhipu/glm-4.7@intl');
    assert.equal(o.firstParty, true);
    const m = file.models.find((x) => x.id === 'zhipu/glm-4.7@intl')!;
    assert.deepEqual(
      auditModel(m, o, READ_DAY).filter((r) => !r.ok),
      [],
    );
    const aggregator = { ...m, source: 'https://docs.wolffi.sh/configuration/zai.md', secondary: true };
    assert.deepEqual(
      auditModel(aggregator, o, READ_DAY)
        .filter((r) => !r.ok)
        .map((r) => [r.field, r.ours, r.page]),
      [
        ['source', 'https://docs.wolffi.sh/configuration/zai.md', 'https://docs.z.ai/guides/overview/pricing.md'],
        ['secondary', 'secondary', 'first-party'],
      ],
    );
    const secondaryObservation = { ...o, firstParty: undefined };
    assert.deepEqual(
      auditModel(aggregator, secondaryObservation, READ_DAY).filter((r) => !r.ok),
      [],
      'an observation not marked first-party does not judge the citation',
    );
  });

  test('prices stored per 1K tokens are compared per 1M', () => {
    const perK = withPrice(file, 'stepfun/step-3.5-flash', (p) => {
      p.per = 1000;
      p.rates = { input: 0.0007, output: 0.0021, cacheRead: 0.00014 };
    });
    assert.deepEqual(audit(perK, observed).disagreements, []);
  });
});
