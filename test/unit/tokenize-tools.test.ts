// Tool definitions in a chat request are counted: OpenAI with the framing its Cookbook publishes
// (checked against its worked example), Anthropic and the others as labelled estimates.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countInput, loadTokenizer, parseChat } from '../../src/core/tokenize';
import { ANTHROPIC_TOOL_PROMPT, countTools, MAX_SCHEMA_DEPTH, MAX_TOOLS, nestsAtMost, parseToolChoice, parseTools } from '../../src/core/tokenize/tools';
import { readFixture } from './support';

const weather = readFixture('tools/cookbook-weather.json');

describe('OpenAI Cookbook worked example (one weather function, a system and a user message)', () => {
  test('gpt-4o (o200k_base): 101 prompt tokens, as the Cookbook and the API report', async () => {
    const r = countInput(weather, await loadTokenizer('o200k_base'));
    assert.equal(r.tokens, 101);
    assert.equal(r.chat, 'openai');
    assert.deepEqual(r.tools, { tools: 1, tokens: 68, method: 'openai-cookbook' });
  });

  test('gpt-4 (cl100k_base): 105 prompt tokens', async () => {
    const r = countInput(weather, await loadTokenizer('cl100k_base'));
    assert.equal(r.tokens, 105);
    assert.equal(r.tools?.tokens, 71);
  });

  test('without the tools array the same messages are 33 tokens: the 68 are the definitions', async () => {
    const json = JSON.parse(weather);
    delete json.tools;
    assert.equal(countInput(JSON.stringify(json), await loadTokenizer('o200k_base')).tokens, 33);
  });

  test('the legacy functions array is counted the same way', async () => {
    const json = JSON.parse(weather);
    json.functions = json.tools.map((t: { function: unknown }) => t.function);
    delete json.tools;
    assert.equal(countInput(JSON.stringify(json), await loadTokenizer('o200k_base')).tokens, 101);
  });
});

describe('framing by hand', () => {
  const words = { id: 'o200k_base' as const, count: (s: string) => (s ? s.split(/[\s:]+/).filter(Boolean).length : 0) };

  test('func_init + "name:description" (final period dropped) + prop_init + per property + enum + func_end', () => {
    const tools = parseTools([
      {
        type: 'function',
        function: {
          name: 'f',
          description: 'Do it.',
          parameters: { type: 'object', properties: { a: { type: 'string', description: 'x y' }, b: { type: 'string', description: '', enum: ['p', 'q'] } } },
        },
      },
    ])!;
    // 7 + count("f:Do it")=3 + 3 + (3 + count("a:string:x y")=4) + (3 - 3 + (3+1) + (3+1) + count("b:string:")=2) + 12
    assert.equal(countTools(tools, words).tokens, 7 + 3 + 3 + 3 + 4 + 3 - 3 + 4 + 4 + 2 + 12);
  });

  test('a function without properties has no prop_init', () => {
    const tools = parseTools([{ name: 'ping', description: 'Ping' }])!;
    assert.equal(countTools(tools, words).tokens, 7 + 2 + 12);
  });

  test('nested schemas beyond the Cookbook are counted as their JSON, not dropped', () => {
    const flat = parseTools([{ name: 'f', description: '', parameters: { properties: { a: { type: 'array', description: '' } } } }])!;
    const nested = parseTools([
      {
        name: 'f',
        description: '',
        parameters: { properties: { a: { type: 'array', description: '', items: { type: 'object', properties: { deep: { type: 'string' } } } } } },
      },
    ])!;
    assert.ok(countTools(nested, words).tokens > countTools(flat, words).tokens);
  });
});

describe('Anthropic and other vendors: estimates, labelled', () => {
  test('Claude adds the tool-use system prompt: 346 tokens for auto, 313 for a forced tool', async () => {
    const claude = await loadTokenizer('claude_est');
    const request = (choice?: unknown) =>
      JSON.stringify({
        model: 'claude-sonnet-5',
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools: [{ name: 'get_weather', description: 'Weather of a city', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
        ...(choice ? { tool_choice: choice } : {}),
      });
    const auto = countInput(request(), claude);
    const forced = countInput(request({ type: 'tool', name: 'get_weather' }), claude);
    assert.equal(auto.chat, 'anthropic');
    assert.equal(auto.tools?.method, 'json-estimate');
    assert.equal(auto.tokens - forced.tokens, ANTHROPIC_TOOL_PROMPT.auto - ANTHROPIC_TOOL_PROMPT.tool);
    assert.ok(auto.tools!.tokens > 346, `definitions plus the prompt: ${auto.tools!.tokens}`);
  });

  test('tool choice in both vocabularies', () => {
    assert.equal(parseToolChoice(undefined), 'auto');
    assert.equal(parseToolChoice('required'), 'any');
    assert.equal(parseToolChoice({ type: 'any' }), 'any');
    assert.equal(parseToolChoice({ type: 'function', function: { name: 'f' } }), 'tool');
    assert.equal(parseToolChoice({ name: 'f' }), 'tool');
    assert.equal(parseToolChoice('none'), 'none');
  });
});

describe('MCP tools/list results and bad input', () => {
  test('a saved tools/list response is counted as its tool definitions alone', async () => {
    const text = readFixture('tools/mcp-tools-list.json');
    const chat = parseChat(text)!;
    assert.equal(chat.messages.length, 0);
    assert.deepEqual(
      chat.tools!.map((t) => t.name),
      ['read_file', 'search_files'],
    );
    const r = countInput(text, await loadTokenizer('o200k_base'));
    assert.equal(r.tools?.tools, 2);
    assert.equal(r.tokens, r.tools?.tokens, 'no message framing without messages');
    assert.ok(r.tokens > 40 && r.tokens < 150, `${r.tokens}`);
  });

  test('a tools entry that is not a definition makes the file ordinary text, counted as text', async () => {
    const o200k = await loadTokenizer('o200k_base');
    const bad = JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], tools: [{ description: 'no name' }] });
    assert.equal(parseChat(bad), undefined);
    assert.equal(countInput(bad, o200k).tokens, o200k.count(bad));
  });

  test('more than MAX_TOOLS definitions are not read as a request', () => {
    const many = Array.from({ length: MAX_TOOLS + 1 }, (_, i) => ({ name: `t${i}` }));
    assert.equal(parseTools(many), undefined);
    assert.equal(parseTools(many.slice(0, MAX_TOOLS))?.length, MAX_TOOLS);
  });
});

describe("hostile tool definitions (a tester's inputs)", () => {
  // Built as text: JSON.stringify itself cannot serialize 10,000 levels.
  const deepSchema = (levels: number) => '{"type":"object","properties":{"x":'.repeat(levels) + '{"type":"string"}' + '}}'.repeat(levels);
  const request = (parameters: string) =>
    `{"messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","description":"d","parameters":${parameters}}}]}`;

  test('a schema nested 10,000 deep is counted as plain text, with every tokenizer (before: "Maximum call stack size exceeded")', async () => {
    const text = request(deepSchema(10_000));
    assert.equal(parseChat(text), undefined);
    for (const id of ['o200k_base', 'cl100k_base', 'claude_est', 'qwen3'] as const) {
      const t = await loadTokenizer(id);
      assert.equal(countInput(text, t).tokens, t.count(text), id);
    }
  });

  test('an Anthropic tool_use input nested 10,000 deep is plain text too (before: the same stack overflow)', async () => {
    const input = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    const text = `{"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"f","input":${input}}]}]}`;
    const t = await loadTokenizer('claude_est');
    assert.equal(parseChat(text), undefined);
    assert.equal(countInput(text, t).tokens, t.count(text));
  });

  test(`schemas up to ${MAX_SCHEMA_DEPTH} JSON levels are still tool definitions; nestsAtMost walks 200,000 levels without recursion`, async () => {
    // Each level is two JSON levels (the schema and its properties): 63 levels are 127 deep, 64 are 129.
    assert.equal(MAX_SCHEMA_DEPTH, 128);
    assert.equal(parseChat(request(deepSchema(63)))?.tools?.length, 1);
    assert.equal(parseChat(request(deepSchema(64))), undefined);
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    assert.equal(nestsAtMost(deep, 64), false);
    assert.equal(nestsAtMost({ a: [1, { b: 'x' }] }, 3), true);
    assert.equal(nestsAtMost({ a: [1, { b: 'x' }] }, 2), false);
  });

  test('enum items that are objects count as their JSON, not "[object Object]"; strings and numbers as before', async () => {
    const o200k = await loadTokenizer('o200k_base');
    const tool = (items: unknown[]) => [{ name: 'f', description: 'd', schema: { type: 'object', properties: { u: { type: 'string', enum: items } } } }];
    const objects = countTools(tool([{ unit: 'celsius', scale: 1 }]), o200k).tokens;
    const asText = countTools(tool(['{"unit":"celsius","scale":1}']), o200k).tokens;
    assert.equal(objects, asText);
    assert.equal(countTools(tool([5, 'x']), o200k).tokens, countTools(tool(['5', 'x']), o200k).tokens);
  });

  test('__proto__ and constructor as tool, property and key names are counted like any name; a 100,000-item enum counts in bounded time', async () => {
    const o200k = await loadTokenizer('o200k_base');
    const text =
      '{"messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"__proto__","description":"constructor",' +
      '"parameters":{"type":"object","properties":{"__proto__":{"type":"string"},"constructor":{"type":"string"}}}}}]}';
    const chat = parseChat(text);
    assert.equal(chat?.tools?.[0].name, '__proto__');
    // func_init 7 + "__proto__:constructor", prop_init 3, and per property prop_key 3 + "key:string:", func_end 12.
    const expected = 7 + o200k.count('__proto__:constructor') + 3 + 3 + o200k.count('__proto__:string:') + 3 + o200k.count('constructor:string:') + 12;
    assert.equal(countInput(text, o200k).tools?.tokens, expected);
    const items = Array.from({ length: 100_000 }, (_, i) => `v${i}`);
    const started = Date.now();
    const r = countTools([{ name: 'f', description: 'd', schema: { type: 'object', properties: { x: { type: 'string', enum: items } } } }], o200k);
    assert.ok(Date.now() - started < 10_000);
    assert.equal(r.tokens, 7 + o200k.count('f:d') + 3 + 3 - 3 + items.reduce((sum, v) => sum + 3 + o200k.count(v), 0) + o200k.count('x:string:') + 12);
  });
});

describe('the CLI report names the tool definitions it counted', () => {
  test('compareText marks the comparison and the report says so, in both languages', async () => {
    const { compareText } = await import('../../src/core/compare');
    const { loadBundledCatalogue } = await import('../../src/core/pricing/catalogue');
    const { comparisonToMarkdown } = await import('../../src/core/report');
    const { assumptionsAt } = await import('./support');
    const c = await compareText(weather, loadBundledCatalogue(), assumptionsAt(), { currentModelId: 'openai/gpt-4o', modelIds: ['openai/gpt-4o'] });
    assert.equal(c.toolDefinitions, 1);
    assert.equal(c.rows[0].count.tokens, 101);
    assert.match(comparisonToMarkdown(c, 'en'), /Tool definitions included: 1, with their framing/);
    assert.match(comparisonToMarkdown(c, 'zh-cn'), /已计入工具定义：1 个/);
  });
});
