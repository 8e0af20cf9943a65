/**
 * Settings validation: every invalid value gives exactly one clear message and a safe fallback,
 * and the extension writes settings only from commands the user runs. The pure rules
 * (src/vscode/settingsSchema.ts) are tested directly; SettingsService, ProblemReporter and
 * currentModel run on a small in-memory stand-in for `vscode` (settings, messages, events).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { EventEmitter, standInForVscode } from './vscode-stand-in';

// ---- the stand-in for `vscode`, installed before the modules that import it are loaded ---------
const values = new Map<string, unknown>();
const shown: string[] = [];
const writes: unknown[][] = [];
type ChangeEvent = { affectsConfiguration(section: string): boolean };
const configListeners: ((e: ChangeEvent) => void)[] = [];
const fakeVscode = {
  EventEmitter,
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  l10n: { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)])) },
  workspace: {
    getConfiguration: () => ({
      get: (key: string) => values.get(key),
      inspect: (key: string) => ({ key, globalValue: values.get(key) }),
      update: async (...args: unknown[]) => void writes.push(args),
    }),
    onDidChangeConfiguration: (listener: (e: ChangeEvent) => void) => {
      configListeners.push(listener);
      return { dispose() {} };
    },
  },
  window: {
    createOutputChannel: () => ({ info() {}, warn() {}, error() {}, dispose() {} }),
    showWarningMessage: async (m: string) => void shown.push(m),
  },
  commands: { executeCommand: async () => undefined },
  env: { language: 'en' },
};
standInForVscode(fakeVscode); // for the whole file: every test here loads src/vscode modules
const { SettingsService, describeProblem } = require('../../src/vscode/settings') as typeof import('../../src/vscode/settings');
const { ProblemReporter } = require('../../src/vscode/problems') as typeof import('../../src/vscode/problems');
const { currentModel, knownVendors } = require('../../src/vscode/context') as typeof import('../../src/vscode/context');
const { DEFAULT_SETTINGS, SETTING_KEYS, MAX_RATE, MIN_RATE, parseSettings } =
  require('../../src/vscode/settingsSchema') as typeof import('../../src/vscode/settingsSchema');
const { loadBundledCatalogue } = require('../../src/core/pricing/catalogue') as typeof import('../../src/core/pricing/catalogue');
const { defaultModel } = require('../../src/core/defaults') as typeof import('../../src/core/defaults');
const { CURRENCY_CODES } = require('../../src/core/pricing/schema') as typeof import('../../src/core/pricing/schema');
const { withoutLinks } = require('../../src/core/textPolicy') as typeof import('../../src/core/textPolicy');
type SettingKey = import('../../src/vscode/settingsSchema').SettingKey;

const root = join(__dirname, '..', '..', '..');
/** How VS Code finds links in a notification message (markdown links to http(s), command and file URIs). */
const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;

function parseOne(key: SettingKey, value: unknown) {
  return parseSettings((k) => (k === key ? value : undefined));
}

/** Each invalid value a user could type, the one message it must give, and what is used instead. */
const INVALID: { key: SettingKey; value: unknown; message: RegExp; fallback: Partial<import('../../src/vscode/settingsSchema').Settings> }[] = [
  {
    key: 'outputTokens',
    value: -5,
    message: /tokenSpend\.outputTokens = -5 is invalid and the default is used instead; expected a whole number from 0 to 10000000\./,
    fallback: { outputTokens: 500 },
  },
  { key: 'outputTokens', value: '500', message: /tokenSpend\.outputTokens = "500" is invalid/, fallback: { outputTokens: 500 } },
  { key: 'outputTokens', value: 1.5, message: /expected a whole number/, fallback: { outputTokens: 500 } },
  { key: 'reasoningTokens', value: -1, message: /tokenSpend\.reasoningTokens = -1 is invalid/, fallback: { reasoningTokens: 0 } },
  { key: 'callsPerDay', value: -100, message: /tokenSpend\.callsPerDay = -100 is invalid.*from 0 to 1000000000/, fallback: { callsPerDay: 100 } },
  { key: 'cachedShare', value: 30, message: /tokenSpend\.cachedShare = 30 is invalid.*a number from 0 to 1\./, fallback: { cachedShare: 0 } },
  { key: 'currency', value: 'RMB', message: /tokenSpend\.currency = "RMB" is invalid.*one of USD, CNY, EUR, GBP, JPY, HKD/, fallback: { currency: 'USD' } },
  { key: 'currency', value: 'usd', message: /tokenSpend\.currency = "usd" is invalid/, fallback: { currency: 'USD' } },
  { key: 'exchangeRates', value: '7.1', message: /tokenSpend\.exchangeRates = "7\.1" is invalid/, fallback: { exchangeRates: {} } },
  { key: 'exchangeRates', value: [7.1], message: /tokenSpend\.exchangeRates = \[7\.1\] is invalid/, fallback: { exchangeRates: {} } },
  {
    key: 'exchangeRates',
    value: { CNY: '7.1', EUR: 0.9 },
    message: /entry "CNY" = "7\.1" is ignored; expected a number from 0\.000001 to 1000000 for each of USD, CNY/,
    fallback: { exchangeRates: { EUR: 0.9 } },
  },
  { key: 'exchangeRates', value: { RMB: 7.1 }, message: /entry "RMB" = 7\.1 is ignored/, fallback: { exchangeRates: {} } },
  { key: 'exchangeRates', value: { CNY: 0 }, message: /entry "CNY" = 0 is ignored/, fallback: { exchangeRates: {} } },
  { key: 'exchangeRates', value: { JPY: 1e308 }, message: /entry "JPY" = 1e\+308 is ignored/, fallback: { exchangeRates: {} } },
  { key: 'exchangeRates', value: { USD: 2 }, message: /entry "USD" = 2 is ignored; expected 1\./, fallback: { exchangeRates: {} } },
  {
    key: 'vendorDiscounts',
    value: { openai: '10%' },
    message: /tokenSpend\.vendorDiscounts: the entry "openai" = "10%" is ignored; expected a number from 0 to 100\./,
    fallback: { vendorDiscounts: {} },
  },
  { key: 'vendorDiscounts', value: { deepseek: 150 }, message: /entry "deepseek" = 150 is ignored/, fallback: { vendorDiscounts: {} } },
  { key: 'vendorDiscounts', value: 10, message: /tokenSpend\.vendorDiscounts = 10 is invalid/, fallback: { vendorDiscounts: {} } },
  { key: 'vendors', value: 'deepseek', message: /tokenSpend\.vendors = "deepseek" is invalid.*a list of vendor ids/, fallback: { vendors: [] } },
  { key: 'vendors', value: [1, 2], message: /tokenSpend\.vendors = \[1,2\] is invalid/, fallback: { vendors: [] } },
  {
    key: 'statusBar.show',
    value: 'sometimes',
    message: /tokenSpend\.statusBar\.show = "sometimes" is invalid.*one of always, selection, never/,
    fallback: { statusBarShow: 'always' },
  },
  { key: 'statusBar.format', value: 42, message: /tokenSpend\.statusBar\.format = 42 is invalid/, fallback: { statusBarFormat: 'tokensCostModel' } },
  { key: 'model', value: 42, message: /tokenSpend\.model = 42 is invalid.*a text value/, fallback: { modelId: '' } },
  {
    key: 'pricingFile',
    value: { path: 'x.json' },
    message: /tokenSpend\.pricingFile = \{"path":"x\.json"\} is invalid.*a text value/,
    fallback: { pricingFile: '' },
  },
];

describe('settings validation: one clear message and a safe fallback per invalid value', () => {
  for (const row of INVALID) {
    test(`${row.key} = ${JSON.stringify(row.value)}`, () => {
      const { settings, problems } = parseOne(row.key, row.value);
      assert.equal(problems.length, 1, JSON.stringify(problems));
      assert.match(describeProblem(problems[0]), row.message);
      assert.deepEqual(settings, { ...DEFAULT_SETTINGS, exchangeRates: {}, vendorDiscounts: {}, vendors: [], ...row.fallback });
    });
  }

  test('two bad entries in one object setting give two messages, one per entry; the good entry stays', () => {
    const { settings, problems } = parseOne('vendorDiscounts', { openai: -1, deepseek: 20, anthropic: 'half' });
    assert.deepEqual(
      problems.map((p) => p.entry),
      ['openai', 'anthropic'],
    );
    assert.deepEqual(settings.vendorDiscounts, { deepseek: 20 });
  });

  test('long values are cut in the message, so a pasted document cannot flood the notification', () => {
    const { problems } = parseOne('currency', 'x'.repeat(10_000));
    assert.ok(problems[0].value.length <= 80);
  });
});

const settingValue = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.double(),
  fc.integer({ min: -10, max: 20_000_000 }),
  fc.constantFrom(...CURRENCY_CODES, 'always', 'selection', 'never', 'tokens', 'cost'),
  fc.dictionary(
    fc.oneof(fc.constantFrom(...CURRENCY_CODES, 'openai', 'deepseek', '__proto__', 'constructor'), fc.string()),
    fc.oneof(fc.double(), fc.string(), fc.constant(null)),
  ),
);

describe('settings validation properties', () => {
  test('any values for every setting: never throws, every field is safe, each scalar setting has at most one message', () => {
    const keys = Object.keys(SETTING_KEYS) as SettingKey[];
    fc.assert(
      fc.property(fc.tuple(...keys.map(() => fc.option(settingValue, { nil: undefined }))), (raw) => {
        const byKey = new Map(keys.map((k, i) => [k, raw[i]]));
        const { settings: s, problems } = parseSettings((k) => byKey.get(k));
        assert.ok(Number.isInteger(s.outputTokens) && s.outputTokens >= 0 && s.outputTokens <= 10_000_000);
        assert.ok(Number.isInteger(s.reasoningTokens) && s.reasoningTokens >= 0);
        assert.ok(s.cachedShare >= 0 && s.cachedShare <= 1);
        assert.ok(Number.isFinite(s.callsPerDay) && s.callsPerDay >= 0);
        assert.ok((CURRENCY_CODES as readonly string[]).includes(s.currency));
        for (const [c, r] of Object.entries(s.exchangeRates))
          assert.ok((CURRENCY_CODES as readonly string[]).includes(c) && r! >= MIN_RATE && r! <= MAX_RATE && (c !== 'USD' || r === 1));
        for (const d of Object.values(s.vendorDiscounts)) assert.ok(Number.isFinite(d) && d >= 0 && d <= 100);
        assert.ok(s.vendors.every((v) => typeof v === 'string' && v.length > 0));
        for (const key of keys) {
          const mine = problems.filter((p) => p.key === key);
          const value = byKey.get(key);
          const entries = value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value).length : 0;
          assert.ok(mine.length <= Math.max(1, entries + (key === 'exchangeRates' ? 1 : 0)), `${key}: ${mine.length} messages`);
          if (value === undefined || value === null) assert.equal(mine.length, 0);
          for (const p of mine) assert.doesNotThrow(() => describeProblem(p));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('SettingsService and the model setting, on a stand-in for vscode', () => {
  const fireChange = (section: string) => configListeners.forEach((l) => l({ affectsConfiguration: (s) => section.startsWith(s) }));

  test('each invalid value is shown once, however often settings are read or change; shown again only if it comes back after a fix', () => {
    values.clear();
    shown.length = 0;
    writes.length = 0;
    const service = new SettingsService(new ProblemReporter());
    values.set('outputTokens', -5);
    values.set('currency', 'RMB');
    for (let i = 0; i < 3; i++) service.get();
    fireChange('tokenSpend.model'); // another tokenSpend setting changed: re-read, nothing new to say
    fireChange('editor.fontSize'); // not ours: ignored
    service.get();
    assert.equal(shown.length, 2, shown.join('\n'));
    assert.equal(service.get().outputTokens, 500);
    assert.equal(service.get().currency, 'USD');

    values.set('outputTokens', 800); // fixed
    fireChange('tokenSpend.outputTokens');
    assert.equal(service.get().outputTokens, 800);
    assert.equal(shown.length, 2);
    values.set('outputTokens', -5); // broken again: the user is told again, once
    fireChange('tokenSpend.outputTokens');
    service.get();
    assert.equal(shown.length, 3);
    assert.deepEqual(writes, [], 'reading and validating settings never writes them');
    service.dispose();
  });

  test('an unknown model id: one message with the nearest ids, the default model used, settings untouched', () => {
    values.clear();
    shown.length = 0;
    writes.length = 0;
    const problems = new ProblemReporter();
    const catalogue = loadBundledCatalogue();
    const settings = { ...DEFAULT_SETTINGS, modelId: 'openai/gpt-4o-mnii' };
    for (let i = 0; i < 3; i++) assert.equal(currentModel(catalogue, settings, problems).id, defaultModel(catalogue)!.id);
    assert.equal(shown.length, 1);
    assert.match(shown[0], /there is no model "openai\/gpt-4o-mnii" in the pricing file \(did you mean [^)]*openai\/gpt-4o-mini[^)]*\?\); using .+ instead\./);
    assert.equal(currentModel(catalogue, { ...settings, modelId: 'openai/gpt-4o-mini' }, problems).id, 'openai/gpt-4o-mini');
    assert.deepEqual(writes, []);
  });

  test('unknown vendor ids: one message listing them and the known ids; the known ones are used', () => {
    shown.length = 0;
    const problems = new ProblemReporter();
    const catalogue = loadBundledCatalogue();
    const settings = { ...DEFAULT_SETTINGS, vendors: ['DeepSeek', 'openia'] };
    for (let i = 0; i < 3; i++) assert.deepEqual(knownVendors(catalogue, settings, problems), ['deepseek']);
    assert.equal(shown.length, 1);
    assert.match(shown[0], /^Setting tokenSpend\.vendors: unknown vendor id\(s\) openia are ignored; known ids: .*\bopenai\b/);
    // None known at all: every vendor is compared rather than none.
    assert.equal(knownVendors(catalogue, { ...DEFAULT_SETTINGS, vendors: ['nobody'] }, problems), undefined);
  });

  test('a setting value written as a command link is shown as plain text, never as a clickable link', () => {
    values.clear();
    shown.length = 0;
    const problems = new ProblemReporter();
    const catalogue = loadBundledCatalogue();
    const hostile = '[Fix the setting](command:workbench.action.terminal.new "Fix")';
    currentModel(catalogue, { ...DEFAULT_SETTINGS, modelId: hostile }, problems);
    const service = new SettingsService(problems);
    values.set('currency', '[docs](https://example.com/x)');
    service.get();
    assert.equal(shown.length, 2);
    for (const m of shown) {
      assert.doesNotMatch(m, NOTIFICATION_LINK, m);
      assert.ok(m.replace(/\u200B/g, '').includes(']('), 'the text still reads the same');
    }
    assert.ok(
      problems.history.some((m) => m.includes(hostile)),
      'the output channel keeps the value exactly',
    );
    service.dispose();
  });

  test('withoutLinks: no string keeps a notification link, and only zero-width spaces are added', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.constantFrom('[', ']', '(', ')', ' ', 'command:x', 'https://a.b', 'file:/c', 'text', '"t"', '\u200B'), { maxLength: 25 })
          .map((a) => a.join('')),
        (text) => {
          const safe = withoutLinks(text);
          assert.doesNotMatch(safe, NOTIFICATION_LINK);
          assert.equal(safe.replace(/\u200B/g, ''), text.replace(/\u200B/g, ''));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('settings are written only by SettingsService.update, called only by the four commands the user runs', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(join(root, 'src'));
    const writers = files.filter((f) => /ConfigurationTarget/.test(readFileSync(f, 'utf8'))).map((f) => f.slice(root.length + 1));
    assert.deepEqual(writers, [join('src', 'vscode', 'settings.ts')]);
    const calls = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/settings\.update\(([^,)]+)/g)].map((m) => `${f.slice(root.length + 1)}:${m[1]}`));
    const commands = join('src', 'vscode', 'commands.ts');
    const panel = join('src', 'vscode', 'comparisonPanel.ts');
    // The panel's one write is its 'Save to settings' button (applyAssumptions message), a user action like the commands.
    assert.deepEqual(calls.sort(), [
      `${commands}:'callsPerDay'`,
      `${commands}:'currency'`,
      `${commands}:'model'`,
      `${commands}:'outputTokens'`,
      `${panel}:key`,
    ]);
    const panelSource = readFileSync(join(root, panel), 'utf8');
    const writer = panelSource.slice(panelSource.indexOf('private async applyToSettings'));
    assert.match(writer.slice(0, writer.indexOf('\n  }\n')), /settings\.update\(key, value\)/, 'the write is inside applyToSettings');
    assert.equal([...panelSource.matchAll(/applyToSettings\(\)/g)].length, 2, 'declared once and called once (from the applyAssumptions message)');
  });
});

describe('display currency on first run', () => {
  test('a Simplified Chinese display language with no currency set shows CNY, without writing the setting', () => {
    const { currencyWhenUnset } = require('../../src/vscode/settingsSchema') as typeof import('../../src/vscode/settingsSchema');
    assert.equal(currencyWhenUnset('zh-cn'), 'CNY');
    assert.equal(currencyWhenUnset('zh-Hans'), 'CNY');
    assert.equal(currencyWhenUnset('zh-tw'), 'USD', 'Traditional Chinese: no CNY guess');
    assert.equal(currencyWhenUnset('en'), 'USD');
    fakeVscode.env.language = 'zh-cn';
    values.clear();
    writes.length = 0;
    try {
      assert.equal(new SettingsService(new ProblemReporter()).get().currency, 'CNY');
      // Chosen, even USD: the user's choice wins over the display language.
      values.set('currency', 'USD');
      assert.equal(new SettingsService(new ProblemReporter()).get().currency, 'USD');
      fakeVscode.env.language = 'en';
      values.clear();
      assert.equal(new SettingsService(new ProblemReporter()).get().currency, 'USD');
      assert.deepEqual(writes, [], 'nothing written');
    } finally {
      fakeVscode.env.language = 'en';
      values.clear();
    }
  });
});
