// The comparison panel's "include always-sent context": the instruction files of the agent that
// sends the most are counted with every row's tokenizer and added to its input; the panel says which.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { compareText } from '../../src/core/compare';
import { alwaysSentContext, includedContext, type AgentContext } from '../../src/core/context';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { comparisonToMarkdown } from '../../src/core/report';
import { loadTokenizer } from '../../src/core/tokenize';
import type { TokenizerId } from '../../src/core/tokenize/ids';
import { discoverInstructionFiles } from '../../src/node/context/discover';
import { alwaysSentView, toView, type ViewContext } from '../../src/vscode/viewModel';
import { alwaysSentLine } from '../../src/webview/alwaysSent';
import { AlwaysSentViewSchema, ComparisonViewSchema, HostStateSchema, WebviewMessageSchema, type PanelAssumptions } from '../../src/webview/protocol';
import { translator } from '../../src/webview/strings';
import { assumptionsAt, near, repoRoot } from './support';

const catalogue = loadBundledCatalogue();
const { files } = discoverInstructionFiles(join(repoRoot(), 'test', 'fixtures', 'context', 'repo'));
const groups = alwaysSentContext(files, 'packages/api/handler.ts');
const TEXT = 'Add input validation to the order handler and return typed errors.';
const MODELS = ['openai/gpt-4o', 'deepseek/deepseek-flash@cn'];
const COPILOT_FILES = ['.github/copilot-instructions.md', '.github/instructions/all.instructions.md', '.github/instructions/api.instructions.md', 'AGENTS.md'];

async function tokensOf(paths: string[], id: TokenizerId): Promise<number> {
  const tokenizer = await loadTokenizer(id);
  return paths.reduce((sum, p) => sum + tokenizer.count(files.find((f) => f.path === p)!.text), 0);
}

describe('included in the priced request (core)', () => {
  test('every row gets the files of the agent sending the most, counted with its own tokenizer', async () => {
    const a = assumptionsAt({ currency: 'USD' });
    const without = await compareText(TEXT, catalogue, a, { currentModelId: 'openai/gpt-4o', modelIds: MODELS });
    const withContext = await compareText(TEXT, catalogue, a, { currentModelId: 'openai/gpt-4o', modelIds: MODELS, alwaysSent: groups });
    const included = withContext.alwaysSent!;
    // Copilot sends four files for packages/api/handler.ts, more than Codex (2), Claude Code (2), Cursor (2), Gemini (2).
    assert.equal(included.agent, 'copilot');
    assert.deepEqual([...included.files.map((f) => f.path)].sort(), COPILOT_FILES);
    const o200k = await tokensOf(COPILOT_FILES, 'o200k_base');
    const deepseek = await tokensOf(COPILOT_FILES, 'deepseek_v3');
    assert.equal(o200k, 64, 'the four fixture files with o200k_base (js-tiktoken: 10 + 11 + 25 + 18)');
    assert.equal(included.tokens, o200k);
    assert.deepEqual(
      included.files.map((f) => f.tokens),
      [...included.files.map((f) => f.tokens)].sort((x, y) => y - x),
      'biggest first',
    );
    for (const [id, extra] of [
      ['openai/gpt-4o', o200k],
      ['deepseek/deepseek-flash@cn', deepseek],
    ] as const) {
      const before = without.rows.find((r) => r.model.id === id)!;
      const after = withContext.rows.find((r) => r.model.id === id)!;
      assert.equal(after.count.tokens, before.count.tokens + extra, id);
    }
    // GPT-4o input: $2.50 per million tokens, so the 64 tokens add $0.00016 to each call.
    const gpt4o = (c: typeof without) => c.rows.find((r) => r.model.id === 'openai/gpt-4o')!.cost!.total;
    near(gpt4o(withContext) - gpt4o(without), (o200k * 2.5) / 1e6, 'extra cost per call');
  });

  test("the biggest agent is chosen with the current model's tokenizer; ties go to the first; no files, nothing", async () => {
    const count = async (text: string, ids: TokenizerId[]) => new Map(ids.map((id) => [id, { tokenizer: id, tokens: text.length, exact: true }]));
    const g: AgentContext[] = [
      { agent: 'codex', files: [{ path: 'AGENTS.md', reason: 'always', text: 'x'.repeat(10) }] },
      { agent: 'claude-code', files: [{ path: 'CLAUDE.md', reason: 'always', text: 'y'.repeat(10) }] },
      {
        agent: 'cursor',
        files: [
          { path: '.cursorrules', reason: 'always', text: 'z'.repeat(11) },
          { path: 'AGENTS.md', reason: 'always', text: 'x'.repeat(10) },
        ],
      },
    ];
    const r = await includedContext(g, ['o200k_base', 'cl100k_base'], 'o200k_base', count);
    assert.equal(r?.agent, 'cursor');
    assert.deepEqual(r?.byTokenizer.cl100k_base, { tokens: 21, exact: true });
    assert.equal((await includedContext(g.slice(0, 2), ['o200k_base'], 'o200k_base', count))?.agent, 'codex');
    assert.equal(await includedContext([], ['o200k_base'], 'o200k_base', count), undefined);
  });

  test('the Markdown report names the agent, the files and the tokens, in both languages', async () => {
    const c = await compareText(TEXT, catalogue, assumptionsAt(), { currentModelId: 'openai/gpt-4o', modelIds: MODELS, alwaysSent: groups });
    assert.match(
      comparisonToMarkdown(c, 'en'),
      /Every row includes the instruction files GitHub Copilot sends with every request \(.*AGENTS\.md.*\): 64 tokens for the current model\./,
    );
    assert.match(comparisonToMarkdown(c, 'zh-cn'), /每行都计入了 GitHub Copilot 每次请求都发送的指令文件（.*AGENTS\.md.*）：当前模型计 64 Token。/);
  });
});

describe('the panel: view, line and messages', () => {
  const panel: PanelAssumptions = {
    outputTokens: 500,
    reasoningTokens: 0,
    cachedShare: 0,
    callsPerDay: 100,
    currency: 'USD',
    batch: false,
    offPeak: false,
    alwaysSent: true,
  };
  const ctx = (locale: 'en' | 'zh-cn', extra: Partial<ViewContext> = {}): ViewContext => ({
    locale,
    source: { kind: 'document', label: 'handler.ts', pinned: false },
    assumptions: panel,
    overridden: ['alwaysSent'],
    notices: [],
    ...extra,
  });

  test('the view lists the files with their tokens; the tokenizer note stays about the text alone', async () => {
    const c = await compareText(TEXT, catalogue, assumptionsAt(), { currentModelId: 'openai/gpt-4o', modelIds: MODELS, alwaysSent: groups });
    const plain = await compareText(TEXT, catalogue, assumptionsAt(), { currentModelId: 'openai/gpt-4o', modelIds: MODELS });
    const v = ComparisonViewSchema.parse(toView(c, ctx('en')));
    assert.equal(v.alwaysSent?.state, 'included');
    if (v.alwaysSent?.state !== 'included') return;
    assert.equal(v.alwaysSent.agentName, 'GitHub Copilot');
    assert.equal(v.alwaysSent.tokens, 64);
    assert.equal(v.alwaysSent.files.length, 4);
    const textOnly = ComparisonViewSchema.parse(toView(plain, { ...ctx('en'), assumptions: { ...panel, alwaysSent: false } }));
    assert.deepEqual(v.tokenizers, textOnly.tokenizers);
    assert.equal(v.rows.find((r) => r.current)!.tokens, textOnly.rows.find((r) => r.current)!.tokens + 64);

    const en = alwaysSentLine(v, translator('en'), 'en')!;
    assert.match(en, /^Every row includes what GitHub Copilot sends with every request: .*AGENTS\.md \(\d+\).*; 64 tokens for GPT-4o\.$/);
    const zh = alwaysSentLine(ComparisonViewSchema.parse(toView(c, ctx('zh-cn'))), translator('zh-cn'), 'zh-CN')!;
    assert.match(zh, /^每行的输入都计入了 GitHub Copilot 每次请求都发送的内容：.*AGENTS\.md（\d+）.*；GPT-4o 计 64 Token。$/);
    assert.ok(!/[(),;:]/.test(zh.replace(/[A-Za-z0-9._/-]+/g, '')), `full-width punctuation: ${zh}`);
  });

  test('without a workspace folder or instruction files the line says why, and nothing is added', async () => {
    const plain = await compareText(TEXT, catalogue, assumptionsAt(), { currentModelId: 'openai/gpt-4o', modelIds: MODELS });
    assert.deepEqual(alwaysSentView(plain, ctx('en', { alwaysSentNone: 'noFolder' })), { alwaysSent: { state: 'none', reason: 'noFolder' } });
    assert.deepEqual(alwaysSentView(plain, ctx('en')), {});
    const v = ComparisonViewSchema.parse(toView(plain, ctx('zh-cn', { alwaysSentNone: 'noFiles' })));
    assert.equal(alwaysSentLine(v, translator('zh-cn'), 'zh-CN'), '未计入常驻上下文：在此工作区文件夹中，没有智能体在每次请求时发送指令文件。');
    assert.equal(
      alwaysSentLine(ComparisonViewSchema.parse(toView(plain, ctx('en', { alwaysSentNone: 'noFolder' }))), translator('en'), 'en'),
      'No always-sent context added: the text is not a file in a workspace folder.',
    );
  });

  test('the option travels as a validated boolean; the view part refuses what it does not describe', () => {
    assert.equal(WebviewMessageSchema.safeParse({ type: 'setAssumptions', values: { alwaysSent: true } }).success, true);
    for (const bad of [{ alwaysSent: 'yes' }, { alwaysSent: 1 }, { alwaysSent: null }]) {
      assert.equal(WebviewMessageSchema.safeParse({ type: 'setAssumptions', values: bad }).success, false, JSON.stringify(bad));
    }
    assert.equal(HostStateSchema.safeParse({ overrides: { alwaysSent: true }, pinned: false }).success, true);
    for (const bad of [
      { state: 'included', agentName: 'Codex CLI', files: [], tokens: 0, exact: true },
      { state: 'included', agentName: 'Codex CLI', files: [{ path: 'AGENTS.md', tokens: -1 }], tokens: 1, exact: true },
      { state: 'included', agentName: 'Codex CLI', files: [{ path: 'AGENTS.md', tokens: 1 }], tokens: 1, exact: true, text: 'file contents' },
      { state: 'none', reason: 'offline' },
      { state: 'maybe' },
    ]) {
      assert.equal(AlwaysSentViewSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });
});
