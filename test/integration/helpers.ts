/**
 * Shared helpers of the extension-host suites. They run inside a real VS Code (test-electron) or
 * code-server (the e2e harness), with `vscode` provided by the host.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { TokenSpendApi } from '../../src/vscode/api';

export const EXTENSION_ID = 'token-spend.token-spend';

export function extension(): vscode.Extension<TokenSpendApi> {
  const ext = vscode.extensions.getExtension<TokenSpendApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
  return ext;
}

export async function api(): Promise<TokenSpendApi> {
  return extension().activate();
}

export function repoPath(...parts: string[]): string {
  return join(extension().extensionPath, ...parts);
}

export function fixture(name: string): string {
  return readFileSync(repoPath('test', 'fixtures', 'integration', name), 'utf8');
}

/**
 * Opens text as an untitled Markdown document (no file in the workspace is touched), always in
 * the first column: the comparison panel opens beside it and must stay visible.
 */
export async function openText(content: string, language = 'markdown'): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ content, language });
  return vscode.window.showTextDocument(doc, { preview: false, viewColumn: vscode.ViewColumn.One });
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Polls until `probe` returns a value `accept` likes; fails with the last value seen. */
export async function waitFor<T>(probe: () => Promise<T> | T, accept: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const start = Date.now();
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (accept(last)) return last;
    if (Date.now() - start > timeoutMs) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type SettingValues = Record<string, unknown>;

/** Sets user settings of tokenSpend for the test and puts the previous values back afterwards. */
export async function withSettings<T>(values: SettingValues, run: () => Promise<T>): Promise<T> {
  const config = () => vscode.workspace.getConfiguration('tokenSpend');
  const previous = Object.keys(values).map((k) => [k, config().inspect(k)?.globalValue] as const);
  try {
    for (const [k, v] of Object.entries(values)) await config().update(k, v, vscode.ConfigurationTarget.Global);
    return await run();
  } finally {
    for (const [k, v] of previous) await config().update(k, v, vscode.ConfigurationTarget.Global);
  }
}

/** Clears every tokenSpend setting the suites may have changed (user level). */
export async function resetSettings(): Promise<void> {
  const config = vscode.workspace.getConfiguration('tokenSpend');
  const keys = [
    'model',
    'currency',
    'exchangeRates',
    'outputTokens',
    'reasoningTokens',
    'cachedShare',
    'callsPerDay',
    'vendorDiscounts',
    'vendors',
    'statusBar.show',
    'statusBar.format',
    'pricingFile',
  ];
  for (const k of keys) if (config.inspect(k)?.globalValue !== undefined) await config.update(k, undefined, vscode.ConfigurationTarget.Global);
}

/**
 * The hooks of a suite that starts from default settings: reset them and wait for the extension
 * before the suite, close editors after each test, reset the settings after the suite.
 */
export function startFromDefaultSettings(): void {
  suiteSetup(async () => {
    await resetSettings();
    await api();
  });
  teardown(closeAllEditors);
  suiteTeardown(resetSettings);
}

interface PricingJson {
  models: {
    id: string;
    name: string;
    tokenizer: string;
    price: { currency?: string; per?: number; rates?: { input: number; output: number }; unpriced?: string };
  }[];
  vendors: { id: string }[];
  exchangeRates?: { base: string; rates: Record<string, number> };
}

/** The shipped pricing file read as plain JSON: the tests' independent source of prices. */
export function pricingJson(): PricingJson {
  return JSON.parse(readFileSync(repoPath('pricing', 'pricing.json'), 'utf8')) as PricingJson;
}

/** o200k_base count with js-tiktoken, the exactness reference (the extension uses a faster library). */
export function referenceO200k(text: string): number {
  const { getEncoding } = require('js-tiktoken') as typeof import('js-tiktoken');
  return getEncoding('o200k_base').encode(text, [], []).length;
}
