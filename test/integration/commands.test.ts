import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { api, fixture, openText, pricingJson, repoPath, startFromDefaultSettings, waitFor } from './helpers';

const CONTRIBUTED = [
  'tokenSpend.selectModel',
  'tokenSpend.openComparison',
  'tokenSpend.compareSelection',
  'tokenSpend.setOutputTokens',
  'tokenSpend.setCurrency',
  'tokenSpend.setCallsPerDay',
  'tokenSpend.copyReport',
  'tokenSpend.showPricingSources',
  'tokenSpend.reloadPricing',
  'tokenSpend.updatePricing',
  'tokenSpend.showAlwaysSentContext',
  'tokenSpend.showSpend',
  'tokenSpend.refreshSpend',
];

const config = () => vscode.workspace.getConfiguration('tokenSpend');

suite('commands', () => {
  startFromDefaultSettings();

  test('every contributed command is registered, and only those are contributed', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of CONTRIBUTED) assert.ok(all.includes(id), `${id} is registered`);
    const manifest = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { contributes: { commands: { command: string; category: string }[] } };
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), [...CONTRIBUTED].sort());
    for (const c of manifest.contributes.commands) assert.equal(c.category, '%category%');
  });

  test('Select Model with a model id sets the setting and the status bar follows', async () => {
    const qwen = pricingJson().models.find((m) => m.id === 'alibaba/qwen-plus@cn');
    assert.ok(qwen, 'the pricing file has Qwen-Plus');
    await openText(fixture('chinese.md'));
    await vscode.commands.executeCommand('tokenSpend.selectModel', qwen.id);
    assert.equal(config().get('model'), qwen.id);
    const s = await waitFor(
      async () => (await api()).statusBar(),
      (x) => x.text.endsWith(` · ${qwen.name}`),
      'status bar with Qwen-Plus',
    );
    // The count line names the model's own tokenizer (the cross-vendor list arrives later).
    assert.match(s.tooltip, /\d+ tokens, exact \(Qwen3, Alibaba\)/);
  });

  test('Select Model refuses an unknown id and keeps the setting', async () => {
    await config().update('model', 'openai/gpt-4o-mini', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('tokenSpend.selectModel', 'no-such/model');
    assert.equal(config().get('model'), 'openai/gpt-4o-mini');
  });

  test('Select Model without an argument shows a quick pick (dismissed here)', async () => {
    const running = vscode.commands.executeCommand('tokenSpend.selectModel');
    const rows = await waitFor(
      async () => (await api()).modelPicker(),
      (r) => r !== undefined,
      'the model picker to open',
    );
    assert.ok(
      rows?.some((r) => r.modelId === 'openai/gpt-4o-mini'),
      'the picker lists the current model',
    );
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await running;
    assert.equal(config().get('model'), 'openai/gpt-4o-mini');
  });

  test('Set Expected Output Tokens validates and writes the setting', async () => {
    await vscode.commands.executeCommand('tokenSpend.setOutputTokens', '1200');
    assert.equal(config().get('outputTokens'), 1200);
    await vscode.commands.executeCommand('tokenSpend.setOutputTokens', '-5');
    assert.equal(config().get('outputTokens'), 1200);
    await vscode.commands.executeCommand('tokenSpend.setOutputTokens', '2.5');
    assert.equal(config().get('outputTokens'), 1200);
  });

  test('Set Currency writes the setting and the status bar shows it', async () => {
    await openText(fixture('english.md'));
    await vscode.commands.executeCommand('tokenSpend.setCurrency', 'EUR');
    assert.equal(config().get('currency'), 'EUR');
    await waitFor(
      async () => (await api()).statusBar(),
      (x) => x.text.includes('€'),
      'status bar in euros',
    );
    await vscode.commands.executeCommand('tokenSpend.setCurrency', 'XYZ');
    assert.equal(config().get('currency'), 'EUR');
  });

  test('Set Calls per Day writes the setting', async () => {
    await vscode.commands.executeCommand('tokenSpend.setCallsPerDay', '250');
    assert.equal(config().get('callsPerDay'), 250);
    await vscode.commands.executeCommand('tokenSpend.setCallsPerDay', 'many');
    assert.equal(config().get('callsPerDay'), 250);
  });

  test('Copy Cost Report puts a Markdown table of the priced models on the clipboard', async () => {
    await config().update('model', 'openai/gpt-4o-mini', vscode.ConfigurationTarget.Global);
    await config().update('currency', 'USD', vscode.ConfigurationTarget.Global);
    await openText(fixture('english.md'));
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('tokenSpend.copyReport');
    const report = await vscode.env.clipboard.readText();
    assert.match(report, /^# /m);
    assert.match(report, /\| Model \| Vendor \| Tokens \|/);
    assert.match(report, /GPT-4o mini/);
    const pricing = pricingJson();
    // One table row per model of the pricing file, at least.
    const rows = report.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Model') && !l.startsWith('| ---'));
    assert.ok(rows.length >= pricing.models.length, `${rows.length} rows for ${pricing.models.length} models`);
  });

  test("Show Pricing Sources opens a page with each model's source and date, drawn by the webview", async () => {
    await vscode.commands.executeCommand('tokenSpend.showPricingSources');
    const sources = await waitFor(
      async () => (await api()).pricingSources(),
      (s) => !!s?.view && !!s.rendered,
      'the pricing sources page drawn',
    );
    const openai = sources!.view!.vendors.find((v) => v.id === 'openai')!;
    const mini = openai.models.find((m) => m.name === 'GPT-4o mini')!;
    assert.match(mini.source, /^https:\/\/developers\.openai\.com\/api\/docs\/pricing/);
    assert.match(mini.checked, /^\d{4}-\d{2}-\d{2}$/);
    const rows = sources!.view!.vendors.reduce((n, v) => n + v.models.length + v.plans.length, 0);
    assert.deepEqual(sources!.rendered, { vendors: sources!.view!.vendors.length, rows }, 'every vendor and row drawn');
    assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.label.includes('Token Spend'), true);
  });

  test('Update Prices Now with updates off (the default) requests nothing and keeps the prices', async () => {
    assert.equal(vscode.workspace.getConfiguration('tokenSpend.priceUpdates').get('enabled'), false, 'off by default');
    const before = (await (await api()).problems()).length;
    // Off: the command only explains how to turn updates on, and returns without a check result.
    assert.equal(await vscode.commands.executeCommand('tokenSpend.updatePricing'), undefined);
    assert.equal((await (await api()).problems()).length, before, 'no failed-update message: no request was tried');
    await vscode.commands.executeCommand('tokenSpend.showPricingSources');
    const sources = await waitFor(
      async () => (await api()).pricingSources(),
      (s) => !!s?.view,
      'the pricing sources page',
    );
    const summary = sources!.view!.summary.join('\n');
    // English or Chinese UI: the same two facts, prices off the network and the bundled file's date.
    assert.match(summary, /Price updates: off \(no network\)|价格更新：已关闭（不联网）/);
    const updated = (pricingJson() as unknown as { updated: string }).updated;
    assert.match(summary, new RegExp(`Bundled pricing file updated ${updated}|内置定价文件更新于 ${updated}`));
  });

  test('Reload Pricing applies a workspace pricing file, and reports a broken one by file and path', async function () {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) this.skip();
    const file = vscode.Uri.joinPath(folder.uri, '.vscode', 'token-spend-pricing.json');
    let existed: boolean;
    try {
      await vscode.workspace.fs.stat(file);
      existed = true;
    } catch {
      existed = false;
    }
    if (existed) this.skip(); // never overwrite a real workspace pricing file
    try {
      await config().update('model', 'openai/gpt-4o-mini', vscode.ConfigurationTarget.Global);
      await config().update('outputTokens', 0, vscode.ConfigurationTarget.Global);
      await openText('hello world');
      // hello world = 2 o200k tokens; at 1,000,000 USD per 1M tokens that is exactly $2.00.
      const overlay = { version: 1, priceOverrides: { 'openai/gpt-4o-mini': { currency: 'USD', per: 1000000, rates: { input: 1000000, output: 1 } } } };
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(overlay)));
      await vscode.commands.executeCommand('tokenSpend.reloadPricing');
      await waitFor(
        async () => (await api()).statusBar(),
        (x) => x.text === '$(symbol-numeric) 2 tok · $2.00 · GPT-4o mini',
        'status bar priced by the overlay',
      );

      const broken = { version: 1, priceOverrides: { 'openai/gpt-4o-mini': { currency: 'USD', per: 1000000, rates: { input: -1, output: 1 } } } };
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(broken)));
      await vscode.commands.executeCommand('tokenSpend.reloadPricing');
      const problems = await waitFor(
        async () => (await api()).problems(),
        (p) => p.some((m) => m.includes('token-spend-pricing.json') && m.includes('priceOverrides')),
        'a message naming the file and JSON path',
      );
      assert.ok(
        problems.some((m) => /priceOverrides\[?"?openai\/gpt-4o-mini"?\]?\.rates\.input|priceOverrides.*rates.*input/.test(m)),
        problems.join('\n'),
      );
      // The broken file changes nothing: bundled prices apply again.
      const s = await waitFor(
        async () => (await api()).statusBar(),
        (x) => !x.text.includes('$2.00'),
        'bundled price again',
      );
      assert.match(s.text, /GPT-4o mini$/);
    } finally {
      await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
      await vscode.commands.executeCommand('tokenSpend.reloadPricing');
    }
  });
});
