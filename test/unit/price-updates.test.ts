/**
 * src/vscode/priceUpdates.ts outside VS Code: the few `vscode` APIs it uses are replaced by a
 * small in-memory stand-in (settings, global state, file system on a temp folder, messages),
 * and prices are served over real HTTP on 127.0.0.1. The extension-host suites exercise the
 * real API; this covers the update logic: off by default, store, re-apply, drop, report.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter, standInForVscode } from './vscode-stand-in';
import { recheck } from './support';

// ---- the stand-in for `vscode`, installed before priceUpdates.ts is loaded --------------------
const settings = new Map<string, unknown>();
const shown: string[] = [];
const noEvent = () => ({ dispose() {} });
const configListeners = new EventEmitter<{ affectsConfiguration(s: string): boolean }>();
const fakeVscode = {
  EventEmitter,
  Uri: {
    file: (p: string) => ({ fsPath: p }),
    from: (parts: { scheme: string; path: string }) => ({ ...parts, toString: () => `${parts.scheme}:${parts.path}` }),
    joinPath: (u: { fsPath: string }, ...parts: string[]) => ({ fsPath: join(u.fsPath, ...parts) }),
  },
  l10n: { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)])) },
  workspace: {
    getConfiguration: () => ({ get: (key: string) => settings.get(key) }),
    onDidChangeConfiguration: configListeners.event,
    // What PricingService subscribes to (no workspace here: no overlay files).
    createFileSystemWatcher: () => ({ onDidChange: noEvent, onDidCreate: noEvent, onDidDelete: noEvent, dispose() {} }),
    onDidGrantWorkspaceTrust: noEvent,
    onDidChangeWorkspaceFolders: noEvent,
    onDidSaveTextDocument: noEvent,
    workspaceFolders: undefined,
    isTrusted: true,
    fs: {
      readFile: async (u: { fsPath: string }) => new Uint8Array(readFileSync(u.fsPath)),
      stat: async (u: { fsPath: string }) => {
        const st = statSync(u.fsPath);
        return { size: st.size, type: st.isFile() ? 1 : st.isDirectory() ? 2 : 0 };
      },
      writeFile: async (u: { fsPath: string }, data: Uint8Array) => writeFileSync(u.fsPath, data),
      createDirectory: async (u: { fsPath: string }) => void mkdirSync(u.fsPath, { recursive: true }),
      delete: async (u: { fsPath: string }) => unlinkSync(u.fsPath),
    },
  },
  FileType: { File: 1, Directory: 2, SymbolicLink: 64 },
  window: {
    createOutputChannel: () => ({ info() {}, warn() {}, dispose() {} }),
    showWarningMessage: async (m: string) => void shown.push(m),
    showInformationMessage: async (m: string) => void shown.push(m),
  },
  commands: { executeCommand: async () => undefined },
};
const restoreLoader = standInForVscode(fakeVscode);

// Loaded after the stand-in is in place.
const { PriceUpdates, UPDATE_SETTINGS, startPriceUpdates } = require('../../src/vscode/priceUpdates') as typeof import('../../src/vscode/priceUpdates');
const { ProblemReporter } = require('../../src/vscode/problems') as typeof import('../../src/vscode/problems');
const { PricingService } = require('../../src/vscode/pricingService') as typeof import('../../src/vscode/pricingService');
const { sourcesViewOf } = require('../../src/vscode/pricingSources') as typeof import('../../src/vscode/pricingSources');
const { loadBundledCatalogue } = require('../../src/core/pricing/catalogue') as typeof import('../../src/core/pricing/catalogue');

const bundled = loadBundledCatalogue().data;
const newerDate = new Date(Date.parse(`${bundled.updated}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

function newerFile(): unknown {
  const file = JSON.parse(JSON.stringify(bundled));
  file.updated = newerDate;
  const m = file.models.find((x: { id: string }) => x.id === 'alibaba/qwen-long');
  m.price.rates.input = 0.4;
  recheck(m, newerDate);
  return file;
}

let server: ReturnType<typeof createServer>;
let base = '';
let requests = 0;
const storage = mkdtempSync(join(tmpdir(), 'token-spend-updates-'));

function contextFor(dir: string) {
  const state = new Map<string, unknown>();
  return {
    globalStorageUri: { fsPath: dir },
    globalState: { get: (k: string) => state.get(k), update: async (k: string, v: unknown) => void state.set(k, v) },
    subscriptions: [] as { dispose(): void }[],
  };
}
function start(dir: string) {
  const problems = new ProblemReporter();
  // A first-check delay far beyond the test: checks run only when the test asks.
  // The clock stands on the day after the bundled file's date, so the update is not "from the future".
  const updates = new PriceUpdates(contextFor(dir) as never, problems, { firstCheckDelayMs: 3_600_000, now: () => new Date(`${newerDate}T12:00:00Z`) });
  return { updates, problems };
}

before(async () => {
  server = createServer((req, res) => {
    requests++;
    if (req.url === '/newer.json') {
      res.end(JSON.stringify(newerFile()));
    } else if (req.url === '/huge.json' || req.url === '/all-free.json') {
      const file = newerFile() as { models: { price: Record<string, unknown> & { rates?: Record<string, number> } }[] };
      if (req.url === '/huge.json') file.models[0].price.rates!.input = 1e308;
      for (const m of req.url === '/all-free.json' ? file.models : []) {
        if (m.price.rates && !m.price.free) m.price = { currency: m.price.currency, per: m.price.per, rates: { input: 0, output: 0 }, free: true };
      }
      res.end(JSON.stringify(file));
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
  rmSync(storage, { recursive: true, force: true });
  restoreLoader();
});

describe('price updates in the extension', () => {
  test('off by default: no request, bundled prices', async () => {
    settings.clear();
    const { updates } = start(join(storage, 'off'));
    await updates.ready;
    assert.equal(await updates.checkNow(false), undefined);
    assert.equal(requests, 0);
    assert.equal(updates.base().data.updated, bundled.updated);
    assert.deepEqual(updates.status().inUse, { updated: bundled.updated, fromUpdate: false });
    updates.dispose();
  });

  test('on: a newer file is accepted, stored, and re-applied at the next start', async () => {
    settings.set(UPDATE_SETTINGS.enabled, true);
    settings.set(UPDATE_SETTINGS.url, `${base}/newer.json`);
    const dir = join(storage, 'on');
    const first = start(dir);
    await first.updates.ready;
    let changed = 0;
    first.updates.onDidChangeBase(() => changed++);
    const result = await first.updates.checkNow(false);
    assert.equal(result?.status, 'accepted');
    assert.equal(changed, 1);
    const qwenLong = first.updates.base().model('alibaba/qwen-long')!;
    assert.equal('rates' in qwenLong.price && qwenLong.price.rates.input, 0.4);
    assert.ok(existsSync(join(dir, 'pricing-update.json')));
    first.updates.dispose();

    settings.clear(); // even with updates turned off, the accepted prices stay in use
    const second = start(dir);
    await second.updates.ready;
    assert.equal(second.updates.base().data.updated, newerDate);
    assert.equal(second.updates.status().inUse.fromUpdate, true);
    second.updates.dispose();
  });

  test('a stored update older than the bundled prices is dropped at start', async () => {
    const dir = join(storage, 'old');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'pricing-update.json'), JSON.stringify({ ...bundled, updated: '2025-01-01' }));
    const { updates } = start(dir);
    await updates.ready;
    assert.equal(updates.base().data.updated, bundled.updated);
    assert.equal(existsSync(join(dir, 'pricing-update.json')), false);
    updates.dispose();
  });

  test('a failed update keeps the prices in use and says why, once', async () => {
    settings.set(UPDATE_SETTINGS.enabled, true);
    settings.set(UPDATE_SETTINGS.url, `${base}/gone.json`);
    const { updates, problems } = start(join(storage, 'fail'));
    await updates.ready;
    const r1 = await updates.checkNow(false);
    const r2 = await updates.checkNow(false);
    assert.equal(r1?.status, 'failed');
    assert.equal(r2?.status, 'failed');
    assert.equal(updates.base().data.updated, bundled.updated);
    assert.equal(problems.history.length, 1, JSON.stringify(problems.history));
    assert.match(problems.history[0], new RegExp(`HTTP 404.*The prices dated ${bundled.updated} stay in use`));
    assert.equal(updates.status().lastCheck?.status, 'failed');
    updates.dispose();
  });

  test('a huge price or an every-model-free update: Update Prices Now resolves with a message, prices stay', async () => {
    for (const [path, message] of [
      ['/huge.json', /models\[0\]\.price\.rates\.input: a rate above 1,000,000 cannot be priced/],
      ['/all-free.json', /changes \d+ of \d+ prices more than 10-fold or to or from free \(at most 25% may\)/],
    ] as const) {
      settings.set(UPDATE_SETTINGS.enabled, true);
      settings.set(UPDATE_SETTINGS.url, `${base}${path}`);
      const { updates, problems } = start(join(storage, path.slice(1)));
      await updates.ready;
      const r = await updates.checkNow(true);
      assert.equal(r?.status, 'invalid', path);
      assert.equal(updates.base().data.updated, bundled.updated);
      assert.match(problems.history[0] ?? '', message, JSON.stringify(problems.history));
      updates.dispose();
    }
  });

  test('plain http to another machine is refused without a request', async () => {
    settings.set(UPDATE_SETTINGS.enabled, true);
    settings.set(UPDATE_SETTINGS.url, 'http://prices.example.com/pricing.json');
    const before = requests;
    const { updates, problems } = start(join(storage, 'http'));
    const r = await updates.checkNow(false);
    assert.equal(r?.status, 'failed');
    assert.equal(requests, before);
    assert.match(problems.history[0], /plain http is allowed only to this machine/);
    updates.dispose();
  });

  test('off: no timer is scheduled and fetch is never called, even when the settings change', async () => {
    let fetched = 0;
    const spy = async () => {
      fetched++;
      throw new Error('no request may be made while updates are off');
    };
    // Counts the timers PriceUpdates sets (its only way to run a background check).
    const realSetTimeout = globalThis.setTimeout;
    let timers = 0;
    globalThis.setTimeout = ((fn: () => void, ms?: number) => {
      timers++;
      return realSetTimeout(fn, ms);
    }) as typeof setTimeout;
    const started: InstanceType<typeof PriceUpdates>[] = [];
    try {
      for (const [enabled, url] of [
        [undefined, undefined],
        [false, `${base}/newer.json`],
        [true, ''],
      ] as const) {
        settings.clear();
        if (enabled !== undefined) settings.set(UPDATE_SETTINGS.enabled, enabled);
        if (url !== undefined) settings.set(UPDATE_SETTINGS.url, url);
        const context = contextFor(join(storage, 'off-wired'));
        const updates = startPriceUpdates(context as never, new ProblemReporter(), { fetch: spy, firstCheckDelayMs: 0 });
        started.push(updates);
        assert.equal(context.subscriptions.length, 1, 'disposed with the extension');
        configListeners.fire({ affectsConfiguration: (key: string) => key === UPDATE_SETTINGS.enabled });
        await updates.ready;
        assert.equal(await updates.checkNow(false), undefined);
        assert.equal(updates.status().enabled, enabled === true);
      }
      assert.equal(timers, 0, 'no check scheduled');
      assert.equal(fetched, 0);

      // The same start with updates on does schedule a check: the count above can see one.
      settings.set(UPDATE_SETTINGS.enabled, true);
      settings.set(UPDATE_SETTINGS.url, `${base}/newer.json`);
      started.push(startPriceUpdates(contextFor(join(storage, 'on-wired')) as never, new ProblemReporter(), { fetch: spy, firstCheckDelayMs: 3_600_000 }));
      assert.equal(timers, 1);
    } finally {
      globalThis.setTimeout = realSetTimeout;
      for (const u of started) u.dispose();
      settings.clear();
    }
    assert.equal(fetched, 0);
  });

  test('the pricing service prices from an accepted update at once, and from the stored one at the next start', async () => {
    settings.set(UPDATE_SETTINGS.enabled, true);
    settings.set(UPDATE_SETTINGS.url, `${base}/newer.json`);
    const dir = join(storage, 'service');
    const noSettings = { get: () => ({ pricingFile: '', exchangeRates: {} }) } as never;
    const qwenLongInput = async (service: InstanceType<typeof PricingService>) => {
      const m = (await service.catalogue()).model('alibaba/qwen-long')!;
      return 'rates' in m.price ? m.price.rates.input : undefined;
    };
    const first = start(dir);
    const service = new PricingService(noSettings, first.problems, first.updates);
    const bundledInput = await qwenLongInput(service);
    assert.equal(bundledInput, 0.5, 'bundled Qwen-Long input: 0.5 CNY per 1M tokens');
    let changed = 0;
    service.onDidChange(() => changed++);
    assert.equal((await first.updates.checkNow(false))?.status, 'accepted');
    assert.equal(changed, 1, 'the service is told to re-price');
    assert.equal(await qwenLongInput(service), 0.4);
    service.dispose();
    first.updates.dispose();

    settings.clear();
    const second = start(dir);
    const restarted = new PricingService(noSettings, second.problems, second.updates);
    assert.equal(await qwenLongInput(restarted), 0.4, 'the first load waits for the stored update');
    assert.equal((await restarted.catalogue()).data.updated, newerDate);
    restarted.dispose();
    second.updates.dispose();
  });

  test('the pricing sources say where prices come from, whether updates are on, and list the plans', async () => {
    settings.clear();
    const { updates, problems } = start(join(storage, 'sources'));
    await updates.ready;
    const service = new PricingService({ get: () => ({ pricingFile: '', exchangeRates: {} }) } as never, problems, updates);
    const catalogue = await service.catalogue();
    const off = sourcesViewOf(catalogue, service, 'en', new Date(`${newerDate}T12:00:00Z`), updates.status());
    assert.match(off.summary[0], new RegExp(`Bundled pricing file updated ${bundled.updated}: ${bundled.models.length} models`));
    assert.match(off.summary[1], /Price updates: off \(no network\)/);
    // ChatGPT Plus, 20 USD a month (help.openai.com/en/articles/6950777), with its date and source.
    const plus = bundled.plans.find((p) => p.id === 'openai-chatgpt-plus')!;
    const row = off.vendors.find((v) => v.id === 'openai')!.plans.find((p) => p.name === 'ChatGPT Plus')!;
    assert.equal(row.input, '$20.00 a month', 'ChatGPT Plus row');
    assert.equal(row.checked, plus.checked);
    assert.equal(row.source, plus.source);

    settings.set(UPDATE_SETTINGS.enabled, true);
    settings.set(UPDATE_SETTINGS.url, `${base}/newer.json`);
    assert.equal((await updates.checkNow(false))?.status, 'accepted');
    const on = sourcesViewOf(await service.catalogue(), service, 'en', new Date(`${newerDate}T12:00:00Z`), updates.status()).summary.join('\n');
    assert.match(on, new RegExp(`Prices from a downloaded price update dated ${newerDate}`));
    assert.match(on, new RegExp(`Price updates: on, from http://127\\.0\\.0\\.1:\\d+/newer\\.json\\. Last check ${newerDate}: prices updated to ${newerDate}`));
    service.dispose();
    updates.dispose();
    settings.clear();
  });
});
