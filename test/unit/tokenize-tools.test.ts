// Tool definitions in a chat request are counted: OpenAI with the framing its Cookbook publishes
// (checked against its worked example), Anthropic and the others as labelled estimates.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countInput, loadTokenizer, parseChat } from '../../src/core/tokenize';
import { ANTHROPIC_TOOL_PROMPT, countTools, parseToolChoice, parseTools, MAX_TOOLS } from '../../src/core/tokenize/tools';
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
