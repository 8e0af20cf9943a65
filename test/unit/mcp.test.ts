// `token-spend mcp` driven by the MCP SDK's own client over stdio, as Claude Code or VS Code run it:
// the built dist/cli.js in a child process. Counts come from js-tiktoken and prices from the
// vendor file, independently of the code under test.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getEncoding } from 'js-tiktoken';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';

// Built by `node esbuild.mjs --tests`, which also builds dist/.
const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const AT = '2026-11-23T12:00:00Z';
const TEXT = 'Summarise the attached incident report in five bullet points. 请用中文总结这份事故报告。';

interface OpenAiVendorFile {
  models: { id: string; price: { currency: string; per: number; rates: { input: number; output: number } } }[];
}
const openai = JSON.parse(readFileSync(join(root, 'pricing', 'vendors', 'openai.json'), 'utf8')) as OpenAiVendorFile;
const gpt4o = openai.models.find((m) => m.id === 'openai/gpt-4o')!;
const o200k = getEncoding('o200k_base');

function textOf(result: unknown): string {
  const content = (result as { content: { type: string; text: string }[] }).content;
  assert.equal(content[0].type, 'text');
  return content[0].text;
}

describe('token-spend mcp (SDK client over stdio)', () => {
  let client: Client;
  before(async () => {
    client = new Client({ name: 'token-spend-test', version: '1.0.0' });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [cli, 'mcp'], cwd: root, stderr: 'pipe' }));
  });
  after(async () => client.close());

  test('initialize: the server names itself and offers tools', () => {
    assert.equal(client.getServerVersion()?.name, 'token-spend');
    assert.ok(client.getServerCapabilities()?.tools);
  });

  test('tools/list: the four cost tools, each with an object input schema', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(
      tools.map((t) => t.name),
      ['estimate_cost', 'compare_models', 'list_prices', 'always_sent_context'],
    );
    for (const t of tools) {
      assert.equal(t.inputSchema.type, 'object');
      assert.equal(t.annotations?.readOnlyHint, true);
    }
    const estimate = tools[0].inputSchema as { properties: Record<string, { maxLength?: number }>; additionalProperties?: boolean };
    assert.equal(estimate.properties.text.maxLength, 2_000_000);
    assert.equal(estimate.additionalProperties, false);
  });

  test('tools/call estimate_cost: tokens by o200k_base, cost from the published GPT-4o price', async () => {
    const result = await client.callTool({ name: 'estimate_cost', arguments: { text: TEXT, model: 'openai/gpt-4o', at: AT } });
    assert.notEqual(result.isError, true, textOf(result));
    const json = JSON.parse(textOf(result));
    const tokens = o200k.encode(TEXT).length;
    assert.equal(gpt4o.price.currency, 'USD');
    const total = (tokens * gpt4o.price.rates.input + 500 * gpt4o.price.rates.output) / gpt4o.price.per;
    assert.equal(json.currentModelId, 'openai/gpt-4o');
    assert.equal(json.rows.length, 1);
    assert.equal(json.rows[0].count.tokens, tokens);
    assert.equal(json.rows[0].count.exact, true);
    assert.ok(Math.abs(json.rows[0].cost.total - total) < 1e-12, `${json.rows[0].cost.total} vs ${total}`);
    assert.ok(Math.abs(json.rows[0].perMonth - total * 100 * 30) < 1e-9);
  });

  test('estimate_cost of a file by path equals the CLI --json rows for the same file', async () => {
    const result = await client.callTool({
      name: 'estimate_cost',
      arguments: { path: 'test/fixtures/prompt-en.txt', model: 'openai/gpt-4o', models: ['openai/gpt-4.1'], at: AT },
    });
    const json = JSON.parse(textOf(result));
    const r = spawnSync(
      process.execPath,
      [cli, 'test/fixtures/prompt-en.txt', '--model', 'openai/gpt-4o', '--models', 'openai/gpt-4.1', '--at', AT, '--json'],
      { cwd: root, encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    const fromCli = JSON.parse(r.stdout);
    assert.deepEqual(json.rows, fromCli.rows);
    assert.deepEqual(json.suggestions, fromCli.suggestions);
    assert.equal(json.rows[0].count.tokens, o200k.encode(readFileSync(join(root, 'test/fixtures/prompt-en.txt'), 'utf8')).length);
  });

  test('compare_models: cheaper equivalents of GPT-4o, cheapest first, each cheaper than GPT-4o', async () => {
    const result = await client.callTool({ name: 'compare_models', arguments: { text: TEXT, model: 'gpt-4o', limit: 3, at: AT } });
    const json = JSON.parse(textOf(result));
    assert.equal(json.current.model.id, 'openai/gpt-4o');
    assert.ok(json.suggestions.length >= 1 && json.suggestions.length <= 3);
    const totals = json.suggestions.map((r: { cost: { total: number } }) => r.cost.total);
    assert.deepEqual(
      totals,
      [...totals].sort((a: number, b: number) => a - b),
    );
    for (const s of json.suggestions) assert.ok(s.cost.total < json.current.cost.total && s.saving.amount > 0);
  });

  test('list_prices: filtered, sorted by id, bounded, prices as published', async () => {
    const json = JSON.parse(textOf(await client.callTool({ name: 'list_prices', arguments: { vendor: 'openai', search: 'gpt-4o', limit: 2 } })));
    assert.ok(json.total >= 2);
    assert.equal(json.models.length, 2);
    assert.ok(json.models[0].id < json.models[1].id);
    assert.equal(json.models[0].id, 'openai/gpt-4o');
    assert.deepEqual(json.models[0].price, gpt4o.price);
    const over = client.callTool({ name: 'list_prices', arguments: { limit: 51 } });
    await assert.rejects(over, /limit/);
  });

  test('always_sent_context: the same JSON as token-spend context --json', async () => {
    const folder = 'test/fixtures/context/repo';
    const json = JSON.parse(textOf(await client.callTool({ name: 'always_sent_context', arguments: { folder, file: 'packages/api/handler.ts' } })));
    const r = spawnSync(process.execPath, [cli, 'context', folder, '--file', 'packages/api/handler.ts', '--json'], { cwd: root, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(json, JSON.parse(r.stdout));
    assert.ok(json.agents.length >= 3);
    assert.ok(json.agents.every((a: { tokens: number }) => a.tokens > 0));
  });

  test('bad input is an MCP error (invalid params), and the server keeps answering', async () => {
    const invalid = async (args: Record<string, unknown>, pattern: RegExp) => {
      await assert.rejects(client.callTool({ name: 'estimate_cost', arguments: args }), (err: unknown) => {
        assert.ok(err instanceof McpError, String(err));
        assert.equal(err.code, ErrorCode.InvalidParams);
        assert.match(err.message, pattern);
        return true;
      });
    };
    await invalid({ text: 'a', path: 'b' }, /exactly one of them/);
    await invalid({}, /exactly one of them/);
    await invalid({ text: 'a', outputTokens: -1 }, /outputTokens/);
    await invalid({ text: 'a', models: Array.from({ length: 21 }, (_, i) => `m${i}`) }, /models/);
    await invalid({ text: 'a', colour: 'red' }, /colour/);
    await assert.rejects(client.callTool({ name: 'no_such_tool', arguments: {} }), /unknown tool "no_such_tool"/);
    // Well-formed input that names something missing: a tool result the agent can read and correct.
    const unknown = await client.callTool({ name: 'estimate_cost', arguments: { text: 'a', model: 'openai/gpt-0' } });
    assert.equal(unknown.isError, true);
    assert.match(textOf(unknown), /unknown model "openai\/gpt-0"/);
    const missing = await client.callTool({ name: 'estimate_cost', arguments: { path: 'no/such/file.txt' } });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /cannot read .*no such file/);
    const binary = await client.callTool({ name: 'estimate_cost', arguments: { path: 'media/icon.png' } });
    assert.equal(binary.isError, true);
    assert.match(textOf(binary), /binary/);
    const notFolder = await client.callTool({ name: 'always_sent_context', arguments: { folder: 'package.json' } });
    assert.match(textOf(notFolder), /is not a folder/);
    const escape = await client.callTool({ name: 'always_sent_context', arguments: { folder: 'test/fixtures/context/repo', file: '../../../package.json' } });
    assert.match(textOf(escape), /is not inside/);
    assert.equal((await client.listTools()).tools.length, 4);
  });
});

describe('token-spend mcp options', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [cli, 'mcp', ...args], { cwd: root, encoding: 'utf8', input: '' });

  test('--help says what it serves and that nothing leaves the machine', () => {
    const r = run(['--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /estimate_cost, compare_models,\s+list_prices and always_sent_context/);
    assert.match(r.stdout, /Nothing leaves the machine/);
  });

  test('an unknown option or a bad pricing file exits 1 before serving, with the reason', () => {
    const bogus = run(['--bogus']);
    assert.equal(bogus.status, 1);
    assert.match(bogus.stderr, /token-spend mcp: unknown option --bogus/);
    const noFile = run(['--pricing']);
    assert.equal(noFile.status, 1);
    assert.match(noFile.stderr, /--pricing expects a file/);
    const missing = run(['--pricing', 'no-such-pricing.json']);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no-such-pricing\.json/);
    assert.equal(missing.stdout, '', 'nothing on stdout, which is the protocol channel');
  });
});

describe('readToolFile on devices and pipes', () => {
  test('/dev/zero, /dev/null and a FIFO with no writer are refused at once (before: /dev/zero priced as 0 tokens, the FIFO held the request for ever)', async () => {
    const { readToolFile } = await import('../../src/node/tools/host');
    for (const path of ['/dev/zero', '/dev/null']) {
      await assert.rejects(readToolFile(path), { message: `cannot read ${path}: not a regular file (a device, pipe or socket)` });
    }
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const fifo = join(mkdtempSync(join(tmpdir(), 'token-spend-fifo-')), 'pipe.md');
    if (spawnSync('mkfifo', [fifo]).status === 0) {
      const started = Date.now();
      await assert.rejects(readToolFile(fifo), { message: `cannot read ${fifo}: not a regular file (a device, pipe or socket)` });
      assert.ok(Date.now() - started < 5000);
    }
  });
});
