import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkerCounts, type CountClient } from '../../src/node/tokenize/worker-counts';
import { CountSupersededError, CountWorkerClient, CountWorkerLostError, type DocumentCounts } from '../../src/node/tokenize/worker-client';
import { countInput, loadTokenizer } from '../../src/core/tokenize/index';
import type { TokenizerId } from '../../src/core/tokenize/ids';
import type { TextChange } from '../../src/core/tokenize/incremental/blocks';

const root = join(__dirname, '..', '..', '..');
const english = readFileSync(join(root, 'demo/prompt-en.md'), 'utf8');
const chinese = readFileSync(join(root, 'demo/prompt-zh.md'), 'utf8');
const chatJson = readFileSync(join(root, 'demo/chat-openai.json'), 'utf8');

async function reference(text: string, ids: TokenizerId[]): Promise<DocumentCounts['counts']> {
  return Promise.all(
    ids.map(async (id) => {
      const tok = await loadTokenizer(id);
      return { tokenizer: id, tokens: tok.count(text), exact: tok.exact };
    }),
  );
}

/**
 * A stand-in client that counts in this thread with the real tokenizers, records what it was
 * asked, and whose "worker" can be made to die on the next requests.
 */
class StandInClient implements CountClient {
  static made = 0;
  readonly calls: string[] = [];
  /** How many of the next requests fail as if the worker died (each death is a new worker number). */
  dieOn = 0;
  private worker = 1;
  disposed = false;

  constructor() {
    StandInClient.made++;
  }

  async countDocument(doc: { uri: string; version: number; getText(): string }, ids: TokenizerId[]): Promise<DocumentCounts> {
    this.calls.push(`document ${doc.uri}@${doc.version}`);
    return this.answer(doc.getText(), ids, doc.version);
  }

  async countText(text: string, ids: TokenizerId[]): Promise<DocumentCounts> {
    this.calls.push(`text ${text.length}`);
    return this.answer(text, ids);
  }

  documentChanged(uri: string, version: number, changes: readonly TextChange[]): void {
    this.calls.push(`changed ${uri}@${version} ${changes.length}`);
  }

  documentClosed(uri: string): void {
    this.calls.push(`closed ${uri}`);
  }

  holds(uri: string, version: number): boolean {
    return this.calls.includes(`document ${uri}@${version}`);
  }

  dispose(): void {
    this.disposed = true;
  }

  private async answer(text: string, ids: TokenizerId[], version?: number): Promise<DocumentCounts> {
    if (this.dieOn > 0) {
      this.dieOn--;
      throw new CountWorkerLostError('exit code 1', this.worker++);
    }
    const counts = await reference(text, ids);
    return version === undefined ? { counts } : { version, counts };
  }
}

function setUp() {
  const clients: StandInClient[] = [];
  const log: string[] = [];
  const counts = new WorkerCounts({
    createClient: () => {
      const c = new StandInClient();
      clients.push(c);
      return c;
    },
    log: (line) => log.push(line),
  });
  return { counts, clients, log };
}

describe('counting through the worker, with restart and fallback', () => {
  test('the worker client is created by the first count, not before', async () => {
    const { counts, clients } = setUp();
    counts.documentChanged('file:///a', 2, [{ rangeOffset: 0, rangeLength: 0, text: 'x' }]);
    counts.documentClosed('file:///a');
    assert.equal(clients.length, 0);
    const r = await counts.count({ text: english, tokenizers: ['o200k_base', 'o200k_base'] });
    assert.equal(clients.length, 1);
    assert.deepEqual(r.counts, await reference(english, ['o200k_base']), 'duplicates asked once');
  });

  test('Qwen3 and DeepSeek-V3 are counted by two workers at once; the answer keeps the order asked', async () => {
    const { counts, clients } = setUp();
    const ids: TokenizerId[] = ['claude_est', 'qwen3', 'deepseek_v3', 'o200k_base', 'cl100k_base'];
    const r = await counts.count({ text: chinese, tokenizers: ids, document: { uri: 'file:///zh.md', version: 7 } });
    assert.deepEqual(r.counts, await reference(chinese, ids));
    assert.equal(r.version, 7);
    assert.equal(clients.length, 2);
    const asked = clients.map((c) => c.calls.join());
    assert.equal(asked.filter((calls) => calls === 'document file:///zh.md@7').length, 2, 'each worker was sent its share');
    // Edits go to every worker holding the document.
    counts.documentChanged('file:///zh.md', 8, [{ rangeOffset: 0, rangeLength: 0, text: '字' }]);
    assert.ok(clients.every((c) => c.calls.includes('changed file:///zh.md@8 1')));
  });

  test('a whole document is counted as that document at its version; edits and closes reach the worker', async () => {
    const { counts, clients } = setUp();
    const r = await counts.count({ text: chinese, tokenizers: ['qwen3'], document: { uri: 'file:///zh.md', version: 4 } });
    assert.equal(r.version, 4);
    assert.deepEqual(r.counts, await reference(chinese, ['qwen3']));
    assert.ok(counts.isIncremental('file:///zh.md', 4));
    assert.ok(!counts.isIncremental('file:///zh.md', 5));
    counts.documentChanged('file:///zh.md', 5, [{ rangeOffset: 1, rangeLength: 0, text: '字' }]);
    counts.documentClosed('file:///zh.md');
    assert.deepEqual(clients[0].calls, ['document file:///zh.md@4', 'changed file:///zh.md@5 1', 'closed file:///zh.md']);
  });

  test('one worker death: the request is sent again to a new worker, with one log line', async () => {
    const { counts, clients, log } = setUp();
    await counts.count({ text: 'warm up', tokenizers: ['cl100k_base'] });
    clients[0].dieOn = 1;
    const r = await counts.count({ text: english, tokenizers: ['cl100k_base'] });
    assert.deepEqual(r.counts, await reference(english, ['cl100k_base']));
    assert.equal(log.length, 1);
    assert.match(log[0], /count worker stopped: exit code 1; starting it again/);
    assert.equal(counts.countingInThread, false);
  });

  test('two requests waiting when the worker dies count as one death, not two', async () => {
    const { counts, clients, log } = setUp();
    await counts.count({ text: 'warm up', tokenizers: ['cl100k_base'] });
    const client = clients[0];
    // Both waiting requests are failed by the same (first) worker.
    const die = client['answer'].bind(client);
    let failures = 0;
    client['answer'] = async (text: string, ids: TokenizerId[], version?: number) => {
      if (failures++ < 2) throw new CountWorkerLostError('exit code 1', 1);
      return die(text, ids, version);
    };
    const [a, b] = await Promise.all([
      counts.count({ text: english, tokenizers: ['cl100k_base'] }),
      counts.count({ text: chinese, tokenizers: ['cl100k_base'], key: 'other' }),
    ]);
    assert.deepEqual(a.counts, await reference(english, ['cl100k_base']));
    assert.deepEqual(b.counts, await reference(chinese, ['cl100k_base']));
    assert.equal(log.length, 1);
    assert.equal(counts.countingInThread, false);
  });

  test('a second death moves counting into this thread for good: exact counts, never 0, one more log line', async () => {
    const { counts, clients, log } = setUp();
    await counts.count({ text: 'warm up', tokenizers: ['o200k_base'] });
    clients[0].dieOn = 2;
    const r = await counts.count({ text: english, tokenizers: ['o200k_base'], document: { uri: 'file:///en.md', version: 1 } });
    assert.deepEqual(r.counts, await reference(english, ['o200k_base']));
    assert.ok(r.counts.every((c) => c.tokens > 0));
    assert.equal(counts.countingInThread, true);
    assert.equal(clients[0].disposed, true);
    assert.equal(log.length, 2);
    assert.match(log[1], /again; counting continues on the extension host's own thread/);
    // Later counts stay in this thread, chat input included, and the dead client is not asked again.
    const callsBefore = clients[0].calls.length;
    const chat = await counts.count({ text: chatJson, tokenizers: ['o200k_base', 'gemini_est'], input: true });
    assert.equal(chat.counts[1].tokens, countInput(chatJson, await loadTokenizer('gemini_est')).tokens, 'an estimate counts the chat request too');
    const expected = countInput(chatJson, await loadTokenizer('o200k_base'));
    assert.equal(chat.counts[0].tokens, expected.tokens);
    assert.equal(chat.chat, expected.chat);
    counts.documentChanged('file:///en.md', 2, []);
    assert.equal(clients[0].calls.length, callsBefore);
    assert.equal(clients.length, 1);
    assert.equal(log.length, 2);
    assert.equal(counts.isIncremental('file:///en.md', 1), false);
  });

  test('in this thread too, an aborted count is cancelled rather than answered', async () => {
    const { counts, clients } = setUp();
    await counts.count({ text: 'warm up', tokenizers: ['o200k_base'] });
    clients[0].dieOn = 2;
    await counts.count({ text: 'x', tokenizers: ['o200k_base'] });
    const abort = new AbortController();
    const pending = counts.count({ text: english, tokenizers: ['o200k_base'], signal: abort.signal });
    abort.abort();
    await assert.rejects(pending, CountSupersededError);
  });

  test('other errors are not deaths: they reach the caller and the worker stays', async () => {
    const { counts, log } = setUp();
    await assert.rejects(counts.count({ text: 'x', tokenizers: ['nope' as TokenizerId] }), /unknown tokenizer "nope"/);
    assert.equal(log.length, 0);
    assert.equal(counts.countingInThread, false);
  });

  test('with the real client, a worker that cannot start is tried twice, then counting happens here', async () => {
    const missing = join(root, 'dist', 'no-such-count-worker.js');
    assert.ok(!existsSync(missing));
    const log: string[] = [];
    const counts = new WorkerCounts({ createClient: () => new CountWorkerClient({ workerPath: missing }), log: (line) => log.push(line) });
    const r = await counts.count({ text: english + chinese, tokenizers: ['deepseek_v3'], document: { uri: 'file:///x.md', version: 1 } });
    assert.deepEqual(r.counts, await reference(english + chinese, ['deepseek_v3']));
    assert.equal(counts.countingInThread, true);
    assert.equal(log.length, 2, log.join('\n'));
    assert.match(log[0], /Cannot find module/);
    counts.dispose();
  });
});
