import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CountWorkerClient } from '../../src/node/tokenize/worker-client';
import { loadTokenizer } from '../../src/core/tokenize/index';
import { compareText } from '../../src/core/compare';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { DEFAULT_MODEL_ID } from '../../src/core/defaults';
import type { TokenizerId } from '../../src/core/tokenize/ids';
import { assumptionsAt, repoRoot } from './support';
import { standInForVscode } from './vscode-stand-in';

// A stand-in for the few `vscode` APIs WorkerCountService uses: the two document events and a
// cancellation token.
type Listener<T> = (e: T) => void;
function emitter<T>() {
  const listeners = new Set<Listener<T>>();
  return {
    event: (l: Listener<T>) => {
      listeners.add(l);
      return { dispose: () => listeners.delete(l) };
    },
    fire: (e: T) => listeners.forEach((l) => l(e)),
  };
}
const changed = emitter<{
  document: { uri: { toString(): string }; version: number };
  contentChanges: { rangeOffset: number; rangeLength: number; text: string }[];
}>();
const closed = emitter<{ uri: { toString(): string } }>();
const fakeVscode = { workspace: { onDidChangeTextDocument: changed.event, onDidCloseTextDocument: closed.event } };
const restoreLoader = standInForVscode(fakeVscode);
const { WorkerCountService } = require('../../src/vscode/workerCountService') as typeof import('../../src/vscode/workerCountService');
const { Cancelled } = require('../../src/vscode/countService') as typeof import('../../src/vscode/countService');

function cancellation() {
  const fired = emitter<void>();
  const token = { isCancellationRequested: false, onCancellationRequested: fired.event };
  return { token, cancel: () => ((token.isCancellationRequested = true), fired.fire()) };
}

const root = repoRoot();
const workerPath = join(root, 'dist', 'count-worker.js');
const english = readFileSync(join(root, 'demo/prompt-en.md'), 'utf8');
const chinese = readFileSync(join(root, 'demo/prompt-zh.md'), 'utf8');
const chatJson = readFileSync(join(root, 'demo/chat-openai.json'), 'utf8');
const reference = async (id: TokenizerId, text: string) => (await loadTokenizer(id)).count(text);

describe('WorkerCountService (the extension side, with a vscode stand-in)', () => {
  assert.ok(existsSync(workerPath), 'build first: node esbuild.mjs');
  const log: string[] = [];
  const service = new WorkerCountService(
    (line) => log.push(line),
    () => new CountWorkerClient({ workerPath }),
  );
  after(() => {
    service.dispose();
    restoreLoader();
  });

  test('a document is counted, then kept current from change events: the next count only recounts the edit', async () => {
    let text = (english + '\n' + chinese + '\n').repeat(300);
    const uri = { toString: () => 'file:///doc.md' };
    const first = await service.count(text, ['o200k_base'], undefined, { kind: 'document', uri: uri as never, version: 1 });
    assert.equal(first.get('o200k_base')?.tokens, await reference('o200k_base', text));
    assert.equal(service.countsQuickly({ kind: 'document', uri: uri as never, version: 1 }), true);
    const change = { rangeOffset: 500, rangeLength: 3, text: '新的' };
    text = text.slice(0, 500) + '新的' + text.slice(503);
    changed.fire({ document: { uri, version: 2 }, contentChanges: [change] });
    assert.equal(service.countsQuickly({ kind: 'document', uri: uri as never, version: 2 }), true, 'the worker holds version 2 without being sent the text');
    const second = await service.count(text, ['o200k_base'], undefined, { kind: 'document', uri: uri as never, version: 2 });
    assert.equal(second.get('o200k_base')?.tokens, await reference('o200k_base', text));
    closed.fire({ uri });
    assert.equal(service.countsQuickly({ kind: 'document', uri: uri as never, version: 2 }), false);
  });

  test("a tracked document's text is read only when the worker does not hold that version", async () => {
    let text = (english + '\n').repeat(200);
    const uri = { toString: () => 'file:///lazy.md' };
    const reads: number[] = [];
    const lazily = (version: number) => () => (reads.push(version), text);
    const first = await service.count(lazily(1), ['o200k_base'], undefined, { kind: 'document', uri: uri as never, version: 1 });
    assert.equal(first.get('o200k_base')?.tokens, await reference('o200k_base', text));
    text = 'Edited: ' + text;
    changed.fire({ document: { uri, version: 2 }, contentChanges: [{ rangeOffset: 0, rangeLength: 0, text: 'Edited: ' }] });
    const second = await service.count(lazily(2), ['o200k_base'], undefined, { kind: 'document', uri: uri as never, version: 2 });
    assert.equal(second.get('o200k_base')?.tokens, await reference('o200k_base', text));
    assert.deepEqual(reads, [1], 'version 2 came from the change event, not from reading the text');
    closed.fire({ uri });
  });

  test('a cancelled count rejects with Cancelled (the status bar then stays quiet)', async () => {
    const { token, cancel } = cancellation();
    const pending = service.count(english.repeat(2000), ['deepseek_v3'], token as never, {
      kind: 'selection',
      uri: { toString: () => 'file:///s.md' } as never,
      version: 1,
    });
    cancel();
    await assert.rejects(pending, Cancelled);
    const { token: already } = cancellation();
    already.isCancellationRequested = true;
    await assert.rejects(service.count('x', ['o200k_base'], already as never), Cancelled);
  });

  test('compare() prices with counts from the workers: the same comparison as counting in this thread', async () => {
    const catalogue = loadBundledCatalogue();
    const a = assumptionsAt();
    for (const text of [chinese, chatJson]) {
      const options = { currentModelId: DEFAULT_MODEL_ID, now: new Date('2026-11-23T12:00:00Z') };
      const viaWorkers = await service.compare(text, catalogue, a, options);
      const inThread = await compareText(text, catalogue, a, options);
      assert.deepEqual(
        viaWorkers.rows.map((r) => [r.model.id, r.count, r.cost?.total]),
        inThread.rows.map((r) => [r.model.id, r.count, r.cost?.total]),
      );
      assert.equal(viaWorkers.chat, inThread.chat);
    }
    assert.deepEqual(log, [], 'no worker trouble');
  });

  test('a chat-message file: the status bar count equals the panel count (issue 13, item 2)', async () => {
    const options = { currentModelId: 'openai/gpt-4o', now: new Date('2026-11-23T12:00:00Z') };
    const panel = await compareText(chatJson, loadBundledCatalogue(), assumptionsAt(), options);
    assert.ok(panel.chat, 'counted as a chat request');
    const want = panel.rows.find((r) => r.model.id === 'openai/gpt-4o')!.count.tokens;
    assert.notEqual(want, await reference('o200k_base', chatJson), 'the request differs from the JSON text');
    const uri = { toString: () => 'file:///chat-openai.json' };
    const asDocument = await service.count(chatJson, ['o200k_base'], undefined, { kind: 'document', uri: uri as never, version: 1 });
    assert.equal(asDocument.get('o200k_base')?.tokens, want);
    assert.equal(asDocument.get('o200k_base')?.chat, 'openai', 'the tooltip says "counted as a chat request"');
    const asSelection = await service.count(chatJson, ['o200k_base'], undefined, { kind: 'selection', uri: uri as never, version: 1 });
    assert.equal(asSelection.get('o200k_base')?.tokens, want);
  });
});
