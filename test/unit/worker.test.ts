import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CountSupersededError, CountWorkerClient, TRANSFER_PART } from '../../src/node/tokenize/worker-client';
import { IncrementalCountService } from '../../src/core/tokenize/incremental/service';
import type { FromWorker } from '../../src/core/tokenize/incremental/protocol';
import { countInput, loadTokenizer, type Tokenizer } from '../../src/core/tokenize/index';
import type { TokenizerId } from '../../src/core/tokenize/ids';
import type { TextChange } from '../../src/core/tokenize/incremental/blocks';

const root = join(__dirname, '..', '..', '..');
const workerPath = join(root, 'dist', 'count-worker.js');
const english = readFileSync(join(root, 'demo/prompt-en.md'), 'utf8');
const chinese = readFileSync(join(root, 'demo/prompt-zh.md'), 'utf8');
const bigText = (english + '\n' + chinese + '\n').repeat(200);

function applyToString(text: string, c: TextChange): string {
  return text.slice(0, c.rangeOffset) + c.text + text.slice(c.rangeOffset + c.rangeLength);
}

async function count(id: TokenizerId, text: string): Promise<number> {
  return (await loadTokenizer(id)).count(text);
}

describe('count worker thread (dist/count-worker.js)', () => {
  assert.ok(existsSync(workerPath), 'build first: node esbuild.mjs');
  const client = new CountWorkerClient({ workerPath });
  after(() => client.dispose());

  test('counts a document, then follows edits sent as ranges', async () => {
    let text = bigText;
    const doc = { uri: 'file:///a.md', version: 1, getText: () => text };
    const first = await client.countDocument(doc, ['o200k_base', 'qwen3', 'claude_est']);
    assert.equal(first.version, 1);
    assert.deepEqual(first.counts, [
      { tokenizer: 'o200k_base', tokens: await count('o200k_base', text), exact: true },
      { tokenizer: 'qwen3', tokens: await count('qwen3', text), exact: true },
      { tokenizer: 'claude_est', tokens: await count('claude_est', text), exact: false },
    ]);
    const edits: TextChange[][] = [
      [{ rangeOffset: 100, rangeLength: 0, text: 'x' }],
      [{ rangeOffset: 5000, rangeLength: 20, text: '新增的中文，' }],
      // A multi-cursor event: later offsets first, applied in order as VS Code sends them.
      [
        { rangeOffset: 9000, rangeLength: 1, text: '\n' },
        { rangeOffset: 10, rangeLength: 0, text: '  ' },
      ],
      [{ rangeOffset: 0, rangeLength: 3000, text: '' }],
    ];
    for (const changes of edits) {
      for (const c of changes) text = applyToString(text, c);
      doc.version++;
      client.documentChanged(doc.uri, doc.version, changes);
    }
    const updated = await client.countDocument({ ...doc, getText: () => assert.fail('text must not be sent again') }, ['o200k_base', 'qwen3']);
    assert.equal(updated.version, 5);
    assert.deepEqual(
      updated.counts.map((c) => c.tokens),
      [await count('o200k_base', text), await count('qwen3', text)],
    );
  });

  test('a range (selection) is counted as the text between its offsets', async () => {
    const doc = { uri: 'file:///b.md', version: 3, getText: () => bigText };
    const r = await client.countDocument(doc, ['cl100k_base'], { range: { start: 1234, end: 156789 } });
    assert.equal(r.version, 3);
    assert.equal(r.counts[0].tokens, await count('cl100k_base', bigText.slice(1234, 156789)));
  });

  test('a newer request for the same document supersedes the older one', async () => {
    const doc = { uri: 'file:///c.md', version: 1, getText: () => bigText };
    const older = client.countDocument(doc, ['deepseek_v3']);
    const newer = client.countDocument(doc, ['deepseek_v3']);
    await assert.rejects(older, CountSupersededError);
    assert.equal((await newer).counts[0].tokens, await count('deepseek_v3', bigText));
  });

  test('a missed change event makes the client send the text again instead of a wrong count', async () => {
    let text = english;
    const doc = { uri: 'file:///d.md', version: 1, getText: () => text };
    await client.countDocument(doc, ['o200k_base']);
    text = 'hello world';
    doc.version = 3;
    client.documentChanged(doc.uri, 3, [{ rangeOffset: 0, rangeLength: english.length, text }]);
    assert.deepEqual((await client.countDocument(doc, ['o200k_base'])).counts[0].tokens, 2);
  });

  test('plain text and bad requests', async () => {
    assert.deepEqual((await client.countText('hello world', ['cl100k_base', 'gemini_est'])).counts, [
      { tokenizer: 'cl100k_base', tokens: 2, exact: true },
      { tokenizer: 'gemini_est', tokens: await count('gemini_est', 'hello world'), exact: false },
    ]);
    await assert.rejects(client.countText('x', ['nope' as TokenizerId]), /unknown tokenizer "nope"/);
    const doc = { uri: 'file:///e.md', version: 1, getText: () => 'short' };
    await assert.rejects(client.countDocument(doc, ['o200k_base'], { range: { start: 2, end: 99 } }), /range 2\.\.99 is outside the document \(length 5\)/);
  });

  test('a text longer than one transfer part crosses in parts and is counted whole', async () => {
    const long = bigText.repeat(Math.ceil((3 * TRANSFER_PART) / bigText.length));
    assert.ok(long.length > 2 * TRANSFER_PART);
    const doc = { uri: 'file:///long.md', version: 1, getText: () => long };
    assert.equal((await client.countDocument(doc, ['o200k_base'])).counts[0].tokens, await count('o200k_base', long));
    assert.ok(client.holds(doc.uri, 1));
    // A long text that is no document goes over the same way, as a temporary document.
    assert.equal((await client.countText(long, ['cl100k_base'])).counts[0].tokens, await count('cl100k_base', long));
  });

  test('an edit that arrives while the text is still being sent makes that count out of date, the next one exact', async () => {
    let text = bigText.repeat(Math.ceil((3 * TRANSFER_PART) / bigText.length));
    const doc = { uri: 'file:///sending.md', version: 1, getText: () => text };
    const first = client.countDocument(doc, ['o200k_base']);
    const change = { rangeOffset: 10, rangeLength: 0, text: 'z' };
    text = applyToString(text, change);
    doc.version = 2;
    client.documentChanged(doc.uri, 2, [change]);
    await assert.rejects(first, CountSupersededError);
    assert.equal((await client.countDocument(doc, ['o200k_base'])).counts[0].tokens, await count('o200k_base', text));
  });

  test('an aborted request rejects at once', async () => {
    const abort = new AbortController();
    const doc = { uri: 'file:///abort.md', version: 1, getText: () => bigText };
    const pending = client.countDocument(doc, ['deepseek_v3'], { signal: abort.signal });
    abort.abort();
    await assert.rejects(pending, /count cancelled/);
    assert.equal(client.busy, false);
  });

  test('as input, chat-message JSON is counted as the request it encodes, like countInput', async () => {
    for (const file of ['demo/chat-openai.json', 'demo/chat-anthropic.json']) {
      const json = readFileSync(join(root, file), 'utf8');
      const r = await client.countText(json, ['o200k_base', 'qwen3'], { input: true });
      const expected = await Promise.all(['o200k_base', 'qwen3'].map(async (id) => countInput(json, await loadTokenizer(id as TokenizerId))));
      assert.deepEqual(
        r.counts.map((c) => c.tokens),
        expected.map((e) => e.tokens),
        file,
      );
      assert.equal(r.chat, expected[0].chat, file);
      assert.ok(r.chat, `${file} is read as a chat`);
      // Without `input` the same JSON is plain text.
      assert.equal((await client.countText(json, ['o200k_base'])).counts[0].tokens, await count('o200k_base', json));
    }
  });
});

describe('count service (in-thread)', () => {
  function service(counted: string[]) {
    const posted: FromWorker[] = [];
    let now = 0;
    const wrap = (tok: Tokenizer): Tokenizer => ({ ...tok, count: (t: string) => (counted.push(t), tok.count(t)) });
    const released: TokenizerId[][] = [];
    const s = new IncrementalCountService({
      loadTokenizer: async (id) => wrap(await loadTokenizer(id)),
      releaseTokenizers: (ids) => released.push(ids),
      post: (m) => posted.push(m),
      // Each reading of the clock moves it on, so counts run in several slices.
      now: () => (now += 0.5),
    });
    return { s, posted, released, advance: (ms: number) => (now += ms) };
  }

  test('an edit that arrives while a document is being counted is included, and the count is for the newest version', async () => {
    const counted: string[] = [];
    const { s, posted } = service(counted);
    let text = bigText;
    s.handle({ type: 'open', uri: 'u', version: 1, text, complete: true });
    s.handle({ type: 'countDocument', requestId: 1, uri: 'u', tokenizers: ['o200k_base'] });
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    assert.ok(counted.length > 0, 'counting has started');
    assert.deepEqual(posted, [], 'and is not finished');
    const change = { rangeOffset: 150_000, rangeLength: 5, text: 'edited ' };
    text = applyToString(text, change);
    s.handle({ type: 'edit', uri: 'u', version: 2, changes: [change] });
    await s.idle();
    assert.deepEqual(posted, [
      { type: 'result', requestId: 1, version: 2, counts: [{ tokenizer: 'o200k_base', tokens: await count('o200k_base', text), exact: true }] },
    ]);
  });

  test('idle vocabularies are released; block counts survive, so the next edit recounts one block', async () => {
    const counted: string[] = [];
    const { s, posted, released, advance } = service(counted);
    // English only: mostly-CJK blocks of cl100k would go to the WebAssembly BPE, which this stand-in does not see.
    let text = (english + '\n').repeat(400);
    s.handle({ type: 'configure', releaseIdleAfterMs: 60_000 });
    s.handle({ type: 'open', uri: 'u', version: 1, text, complete: true });
    s.handle({ type: 'countDocument', requestId: 1, uri: 'u', tokenizers: ['cl100k_base'] });
    await s.idle();
    advance(59_000);
    assert.deepEqual(s.releaseIdle(), []);
    advance(1_000);
    assert.deepEqual(s.releaseIdle(), ['cl100k_base']);
    assert.deepEqual(released, [['cl100k_base']]);
    assert.deepEqual(s.loadedTokenizers, []);
    const change = { rangeOffset: 7777, rangeLength: 0, text: 'y' };
    text = applyToString(text, change);
    s.handle({ type: 'edit', uri: 'u', version: 2, changes: [change] });
    counted.length = 0;
    s.handle({ type: 'countDocument', requestId: 2, uri: 'u', tokenizers: ['cl100k_base'] });
    await s.idle();
    assert.equal((posted[1] as { counts: { tokens: number }[] }).counts[0].tokens, await count('cl100k_base', text));
    assert.ok(counted.length >= 1 && counted.length <= 3, `${counted.length} blocks recounted`);
  });

  test('a cancelled request gets no answer', async () => {
    const { s, posted } = service([]);
    s.handle({ type: 'countText', requestId: 7, text: bigText, tokenizers: ['o200k_base'] });
    s.handle({ type: 'cancel', requestId: 7 });
    await s.idle();
    assert.deepEqual(posted, []);
  });
});
