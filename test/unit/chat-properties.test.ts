import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { countInput, loadTokenizer, parseChat } from '../../src/core/tokenize/index';
import { CHAT_OVERHEAD } from '../../src/core/tokenize/chat';

const root = join(__dirname, '..', '..', '..');
const demoChats = ['demo/chat-openai.json', 'demo/chat-anthropic.json'].map((p) => readFileSync(join(root, p), 'utf8'));

/** Text with the pieces that trouble parsers and tokenizers: surrogates, specials, quotes, controls. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .array(fc.constantFrom('a', ' ', '\n', '"', '\\', '{', '[', '<|endoftext|>', '\uD800', '\uDC00', '👨‍👩‍👧', '汉字', '\u0000', '\u202E', 'role', 'content'), {
      maxLength: 20,
    })
    .map((a) => a.join('')),
);

/** Content in the shapes chat APIs accept, and some they do not. */
const contentArb = fc.oneof(
  hostileText,
  fc.constant(null),
  fc.array(
    fc.oneof(
      fc.record({ type: fc.constant('text'), text: hostileText }),
      fc.record({
        type: fc.constantFrom('image_url', 'image', 'tool_use', 'tool_result', 'thinking', 'document', 'unknown'),
        text: fc.option(hostileText, { nil: undefined }),
        content: fc.option(hostileText, { nil: undefined }),
        input: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
      }),
      hostileText,
      fc.jsonValue({ maxDepth: 1 }),
    ),
    { maxLength: 4 },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

const messageArb = fc.record(
  {
    role: fc.oneof(fc.constantFrom('user', 'assistant', 'system', 'tool', 'developer', ''), hostileText),
    content: contentArb,
    name: fc.option(hostileText, { nil: undefined }),
    tool_calls: fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
  },
  { requiredKeys: ['role'] },
);

const chatJsonArb = fc.oneof(
  fc.array(messageArb, { maxLength: 5 }),
  fc.record(
    {
      model: fc.oneof(fc.constantFrom('gpt-4o', 'claude-sonnet-4-5'), hostileText),
      system: fc.option(contentArb, { nil: undefined }),
      messages: fc.array(messageArb, { maxLength: 5 }),
    },
    { requiredKeys: ['messages'] },
  ),
);

describe('chat-message parser: arbitrary input never throws', () => {
  test('arbitrary strings, JSON values and chat-shaped JSON (with hostile text) parse or are plain text, and count', async () => {
    const o200k = await loadTokenizer('o200k_base');
    const input = fc.oneof(
      hostileText,
      fc.jsonValue({ maxDepth: 4 }).map((j) => JSON.stringify(j)),
      chatJsonArb.map((j) => JSON.stringify(j)),
    );
    fc.assert(
      fc.property(input, (text) => {
        const chat = parseChat(text);
        const counted = countInput(text, o200k);
        assert.ok(Number.isInteger(counted.tokens) && counted.tokens >= 0);
        assert.equal(counted.chat, chat?.format);
        if (!chat) assert.equal(counted.tokens, o200k.count(text), 'not a chat: counted as the plain text it is');
      }),
      { numRuns: 400 },
    );
  });

  test('every prefix of the demo chat files (a file being typed) parses or counts as plain text', async () => {
    const o200k = await loadTokenizer('o200k_base');
    for (const text of demoChats) {
      const step = Math.max(1, Math.floor(text.length / 150));
      for (let end = 0; end <= text.length; end += step) {
        const prefix = text.slice(0, end);
        const counted = countInput(prefix, o200k);
        assert.ok(Number.isInteger(counted.tokens) && counted.tokens >= 0);
      }
      assert.ok(countInput(text, o200k).chat, 'the whole file is a chat');
    }
  });

  test('tool results nested thousands deep are plain text, not a stack overflow', async () => {
    const o200k = await loadTokenizer('o200k_base');
    let inner = '"x"';
    for (let i = 0; i < 20_000; i++) inner = `[{"type":"tool_result","content":${inner}}]`;
    const text = `{"messages":[{"role":"user","content":${inner}}]}`;
    assert.equal(parseChat(text), undefined);
    assert.deepEqual(countInput(text, o200k), { tokens: o200k.count(text) });
    // Two levels, as real requests nest them, are still a chat.
    assert.equal(
      parseChat('{"messages":[{"role":"user","content":[{"type":"tool_result","content":[{"type":"tool_result","content":"ok"}]}]}]}')?.messages[0].text,
      'ok',
    );
  });

  test('arrays nested 200,000 deep are plain text', async () => {
    const o200k = await loadTokenizer('o200k_base');
    const text = '['.repeat(200_000) + ']'.repeat(200_000);
    assert.equal(parseChat(text), undefined);
    assert.equal(countInput(text, o200k).tokens, o200k.count(text));
  });
});

describe('chat-message parser: what is counted', () => {
  test('OpenAI messages with string content: every content is read back exactly and the count is the Cookbook formula', async () => {
    const tok = await loadTokenizer('o200k_base');
    const plain = fc.array(fc.record({ role: fc.constantFrom('user', 'assistant', 'system'), content: hostileText }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(plain, (messages) => {
        const text = JSON.stringify({ model: 'gpt-4o', messages });
        const chat = parseChat(text);
        assert.ok(chat);
        assert.equal(chat.format, 'openai');
        assert.deepEqual(
          chat.messages.map((m) => m.text),
          messages.map((m) => m.content),
        );
        const o = CHAT_OVERHEAD.openai;
        const want = o.replyPriming + messages.reduce((n, m) => n + o.perMessage + tok.count(m.role) + tok.count(m.content), 0);
        const counted = countInput(text, tok);
        assert.equal(counted.tokens, want);
        // The contract the status bar relies on: never fewer tokens than the message texts alone.
        assert.ok(counted.tokens >= messages.reduce((n, m) => n + tok.count(m.content), 0));
      }),
      { numRuns: 200 },
    );
  });

  test('text parts are joined by newlines; media parts add no text', async () => {
    const tok = await loadTokenizer('cl100k_base');
    fc.assert(
      fc.property(fc.array(hostileText, { minLength: 1, maxLength: 4 }), (texts) => {
        const content = texts.flatMap((t) => [
          { type: 'text', text: t },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
        ]);
        const chat = parseChat(JSON.stringify([{ role: 'user', content }]));
        assert.equal(chat?.messages[0].text, texts.join('\n'));
        assert.ok(countInput(JSON.stringify([{ role: 'user', content }]), tok).tokens >= tok.count(texts.join('\n')));
      }),
      { numRuns: 150 },
    );
  });
});
