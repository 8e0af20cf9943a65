import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { countChat, countInput, loadTokenizer, parseChat } from '../../src/core/tokenize/index';

describe('parseChat', () => {
  test('OpenAI {messages} with string content and content parts', () => {
    const chat = parseChat(
      JSON.stringify({
        model: 'gpt-4o',
        messages: [
          { role: 'system', content: 'Be brief.' },
          {
            role: 'user',
            name: 'bob',
            content: [
              { type: 'text', text: 'Hi' },
              { type: 'image_url', image_url: { url: 'x' } },
            ],
          },
        ],
      }),
    );
    assert.deepEqual(chat, {
      format: 'openai',
      messages: [
        { role: 'system', text: 'Be brief.' },
        { role: 'user', name: 'bob', text: 'Hi' },
      ],
    });
  });

  test('a bare array of {role, content} is OpenAI', () => {
    assert.deepEqual(
      parseChat(
        '[{"role":"user","content":"你好"},{"role":"assistant","content":null,"tool_calls":[{"type":"function","function":{"name":"f","arguments":"{}"}}]}]',
      ),
      {
        format: 'openai',
        messages: [
          { role: 'user', text: '你好' },
          { role: 'assistant', text: 'f{}' },
        ],
      },
    );
  });

  test('Anthropic: top-level system and content blocks', () => {
    const chat = parseChat(
      JSON.stringify({
        model: 'claude-sonnet-4-5',
        system: [{ type: 'text', text: 'Be brief.' }],
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Hello' }] },
          { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'calc', input: { a: 1 } }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: '2' }] },
        ],
      }),
    );
    assert.deepEqual(chat, {
      format: 'anthropic',
      system: 'Be brief.',
      messages: [
        { role: 'user', text: 'Hello' },
        { role: 'assistant', text: '{"a":1}' },
        { role: 'user', text: '2' },
      ],
    });
  });

  test('Anthropic blocks without a system prompt are recognized by their block types', () => {
    const chat = parseChat(
      '{"messages":[{"role":"user","content":[{"type":"image","source":{"type":"base64","data":"AAAA"}},{"type":"text","text":"What is this?"}]}]}',
    );
    assert.equal(chat?.format, 'anthropic');
  });

  test('anything else is not a chat, and nothing throws', () => {
    for (const text of [
      '',
      '# A prompt in Markdown\n\nmessages: []',
      '{"name":"token-spend","version":"0.1.0"}',
      '{"messages":[]}',
      '{"messages":[{"role":1,"content":"x"}]}',
      '{"messages":[{"role":"user"}]}',
      '{"messages":[{"role":"user","content":{"not":"text"}}]}',
      '[1,2,3]',
      '{"messages": [ {"role": "user", "content": "unterminated" ',
      '\uD800{',
    ]) {
      assert.equal(parseChat(text), undefined, JSON.stringify(text));
    }
  });
});

describe('countChat and countInput', () => {
  test('OpenAI cookbook overhead, worked by hand with o200k_base', async () => {
    const tok = await loadTokenizer('o200k_base');
    const chat = parseChat('[{"role":"system","content":"You are terse."},{"role":"user","name":"bob","content":"Hi"}]');
    assert.ok(chat);
    // system: 3 + "system" 1 + "You are terse." 4 = 8
    // user:   3 + "user" 1 + "Hi" 1 + name ("bob" 1 + 1) = 7
    // reply priming: 3                                     => 18
    assert.equal(countChat(chat, tok), 18);
  });

  test('Anthropic framing as documented in chat.ts, worked by hand with o200k_base arithmetic', async () => {
    const tok = await loadTokenizer('o200k_base');
    const text = '{"system":"Be brief.","messages":[{"role":"user","content":[{"type":"text","text":"Hello, Claude"}]}]}';
    // system: 3 + "system" 1 + "Be brief." 3 = 7; user: 3 + "user" 1 + "Hello, Claude" 3 = 7; priming 3 => 17
    assert.deepEqual(countInput(text, tok), { tokens: 17, chat: 'anthropic' });
  });

  test('plain text, Markdown and code are counted as text', async () => {
    const tok = await loadTokenizer('o200k_base');
    for (const text of ['hello world', '# Title\n\n- item', 'const x = { messages: [] };', '{"a":1}']) {
      assert.deepEqual(countInput(text, tok), { tokens: tok.count(text) });
    }
  });

  test('chat counting works with every kind of tokenizer', async () => {
    const text = '[{"role":"user","content":"请用一句话总结这篇文章。"}]';
    for (const id of ['cl100k_base', 'qwen3', 'kimi_est'] as const) {
      const tok = await loadTokenizer(id);
      const { tokens, chat } = countInput(text, tok);
      assert.equal(chat, 'openai');
      assert.equal(tokens, 3 + tok.count('user') + tok.count('请用一句话总结这篇文章。') + 3);
    }
  });
});
