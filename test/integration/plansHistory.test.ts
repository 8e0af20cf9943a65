import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAllEditors, fixture, openText, pricingJson, resetSettings, waitFor, withSettings } from './helpers';
import { STALE_AFTER_DAYS } from '../../src/core/pricing/freshness';

const config = () => vscode.workspace.getConfiguration('tokenSpend');

interface DatedModel {
  id: string;
  checked: string;
}

suite('plans, price history and stale prices', () => {
  suiteSetup(async () => {
    await resetSettings();
    await config().update('model', 'alibaba/qwen-long', vscode.ConfigurationTarget.Global);
    await config().update('currency', 'CNY', vscode.ConfigurationTarget.Global);
    await config().update('callsPerDay', 100, vscode.ConfigurationTarget.Global);
    await api();
  });
  suiteTeardown(async () => {
    await closeAllEditors();
    await resetSettings();
  });

  test('the panel sets plans against pay-as-you-go and shows Qwen-Long’s price cut', async () => {
    await openText(fixture('chinese.md'));
    await vscode.commands.executeCommand('tokenSpend.openComparison');
    const panel = await waitFor(
      async () => (await api()).panel(),
      (p) =>
        !!p?.rendered && p.view?.currentModelId === 'alibaba/qwen-long' && p.view.source.kind === 'document' && p.rendered.rowIds.length === p.view.rows.length,
      'a rendered panel on the Chinese document',
    );
    const view = panel!.view!;
    const rendered = panel!.rendered!;

    // GLM Coding Lite as sold (49 CNY a month) against GLM-4.7 pay-as-you-go at 100 calls a day.
    const lite = view.plans.find((p) => p.id === 'zhipu-glm-coding-lite');
    assert.ok(lite, 'GLM Coding Lite is in the plan section');
    assert.deepEqual(lite.price, { amount: 49, currency: 'CNY', period: 'month' });
    assert.equal(lite.modelId, 'zhipu/glm-4.7@cn');
    const glm = view.rows.find((r) => r.modelId === 'zhipu/glm-4.7@cn')!;
    assert.ok(Math.abs(lite.payAsYouGoMonthly! - glm.perMonth!) < 1e-9, `${lite.payAsYouGoMonthly} = the row's month ${glm.perMonth}`);
    assert.ok(Math.abs(lite.breakEvenCallsPerDay! - 49 / (glm.total! * 30)) < 1e-9);
    assert.equal(lite.cheaper, glm.perMonth! > 49 ? 'plan' : 'pay-as-you-go');

    // Drawn: one row per plan with a comparison, the others on one line (ChatGPT Plus among them).
    const compared = view.plans.filter((p) => p.cheaper !== 'unknown');
    assert.equal(rendered.plans.length, compared.length);
    assert.equal(rendered.otherPlans.length, view.plans.length - compared.length);
    assert.ok(
      rendered.otherPlans.some((t) => t.startsWith('ChatGPT Plus') && t.includes('$20.00')),
      rendered.otherPlans.join(' | '),
    );
    const liteRow = rendered.plans.find((cells) => cells[0].startsWith('GLM Coding Plan Lite'));
    assert.ok(liteRow, rendered.plans.map((c) => c[0]).join(' | '));
    assert.match(liteRow[1], /^¥49\.00/);

    // Price history: Qwen-Long input 0.02 → 0.0005 CNY per 1K tokens, −97.5 %.
    const history = view.history.find((x) => x.modelId === 'alibaba/qwen-long');
    assert.ok(history, 'Qwen-Long has a price history');
    assert.equal(history.per, 1000);
    assert.deepEqual(
      history.points.map((p) => p.input),
      [0.02, 0.0005],
    );
    assert.equal(history.change.input, -97.5);
    assert.ok(rendered.historyIds.includes('alibaba/qwen-long'), 'its row has a history button');
  });

  test("the plan section follows the vendors compared, and the current model's vendor", async () => {
    // withSettings writes one setting after the other, so the panel passes through mixed states:
    // wait for the one that matches both settings before reading its plans.
    const plansOnceSettled = async (modelId: string, vendors: string[]) => {
      const panel = await waitFor(
        async () => (await api()).panel(),
        (p) =>
          !!p?.view &&
          p.view.currentModelId === modelId &&
          p.view.rows.every((r) => vendors.includes(r.vendorId)) &&
          vendors.every((v) => p.view!.rows.some((r) => r.vendorId === v)) &&
          p.rendered?.rowIds.length === p.view.rows.length,
        `the panel limited to ${vendors.join(', ')} with ${modelId} current`,
      );
      return [...new Set(panel!.view!.plans.map((p) => p.vendorId))].sort();
    };
    await withSettings({ vendors: ['zhipu', 'openai'], model: 'openai/gpt-4o-mini' }, async () => {
      assert.deepEqual(await plansOnceSettled('openai/gpt-4o-mini', ['openai', 'zhipu']), ['openai', 'zhipu']);
    });
    // The current model stays in the table whatever the filter, so Qwen-Long keeps Alibaba's plans in.
    await withSettings({ vendors: ['zhipu', 'openai'], model: 'alibaba/qwen-long' }, async () => {
      assert.deepEqual(await plansOnceSettled('alibaba/qwen-long', ['alibaba', 'openai', 'zhipu']), ['alibaba', 'openai', 'zhipu']);
    });
  });

  test('Show Pricing Sources lists plans with their price, date and source', async () => {
    await vscode.commands.executeCommand('tokenSpend.showPricingSources');
    const sources = await waitFor(
      async () => (await api()).pricingSources(),
      (s) => !!s?.view,
      'the pricing sources page',
    );
    // ChatGPT Plus, 20 USD a month (English or Chinese UI).
    const plus = sources!.view!.vendors.flatMap((v) => v.plans).find((p) => p.name === 'ChatGPT Plus');
    assert.match(plus?.input ?? '', /^\$20\.00 (a month|\/ 月)$/);
    assert.match(plus?.checked ?? '', /^\d{4}-\d{2}-\d{2}$/);
  });

  test('the tooltip shows the price date, and warns when it is older than STALE_AFTER_DAYS (30 days)', async () => {
    const model = (pricingJson().models as unknown as DatedModel[]).find((m) => m.id === 'alibaba/qwen-max@cn')!;
    const ageDays = Math.floor((Date.now() - Date.parse(`${model.checked}T00:00:00Z`)) / 86_400_000);
    await withSettings({ model: model.id }, async () => {
      await openText(fixture('english.md'));
      const s = await waitFor(
        async () => (await api()).statusBar(),
        (x) => x.visible && /Qwen-Max/.test(x.text),
        'the status bar on Qwen-Max',
      );
      assert.ok(s.tooltip.includes(model.checked), `the tooltip names the price date ${model.checked}`);
      assert.equal(
        s.tooltip.includes('$(warning)') && s.tooltip.includes(String(ageDays)),
        ageDays > STALE_AFTER_DAYS,
        `stale warning iff ${ageDays} > ${STALE_AFTER_DAYS} days`,
      );
      if (ageDays > STALE_AFTER_DAYS) assert.match(s.tooltip, /command:tokenSpend\.showPricingSources/);
    });
  });
});
