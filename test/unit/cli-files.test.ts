import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getEncoding } from 'js-tiktoken';
import { runCli } from '../../src/cli/main';
import { parseCliArgs, UsageError } from '../../src/cli/args';
import { expandGlob, expandInputs, printableName } from '../../src/cli/files';
import { isTokenizerLoaded, releaseTokenizers } from '../../src/core/tokenize';
import { EXACT_TOKENIZER_IDS } from '../../src/core/tokenize/ids';

const o200k = getEncoding('o200k_base');
const AT = '2026-11-23T12:00:00Z';
let dir = '';
const cwd = process.cwd();

async function cli(args: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(args, { stdout: (t) => (out += t), stderr: (t) => (err += t), stdin: process.stdin, env: { LANG: 'C' } });
  return { code, out, err };
}

const PROMPTS: Record<string, string> = {
  'prompts/a.md': 'Summarise the attached meeting notes in three bullet points.',
  'prompts/sub/b.md': 'Translate this paragraph into French, keeping the tone formal and the names unchanged. '.repeat(3),
  'prompts/sub/deeper/c.md': '请把这段话翻译成英文。',
  'prompts/notes.txt': 'not markdown',
  'prompts/.hidden/d.md': 'hidden',
};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'token-spend-files-'));
  for (const [p, text] of Object.entries(PROMPTS)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  // A link back up the tree: following it would never end.
  symlinkSync(join(dir, 'prompts'), join(dir, 'prompts', 'sub', 'loop'));
  process.chdir(dir);
});

after(() => {
  process.chdir(cwd);
  rmSync(dir, { recursive: true, force: true });
});

describe('CLI inputs: globs', () => {
  test('** matches any depth, * one name; dot folders and linked folders are skipped; sorted', () => {
    assert.deepEqual(expandGlob('prompts/**/*.md'), ['prompts/a.md', 'prompts/sub/b.md', 'prompts/sub/deeper/c.md']);
    assert.deepEqual(expandGlob('prompts/*.md'), ['prompts/a.md']);
    assert.deepEqual(expandGlob('prompts/*/?.md'), ['prompts/sub/b.md']);
    assert.deepEqual(expandGlob('prompts/[ab].md'), ['prompts/a.md']);
    assert.deepEqual(expandGlob('prompts/.hidden/*.md'), ['prompts/.hidden/d.md']);
    assert.deepEqual(expandGlob(join(dir, 'prompts', '*.txt')), [join(dir, 'prompts', 'notes.txt')]);
  });

  test('inputs keep their order without repeats; a pattern that matches nothing and stdin among files are refused', () => {
    assert.deepEqual(expandInputs(['prompts/notes.txt', 'prompts/**/*.md', 'prompts/a.md']), [
      'prompts/notes.txt',
      'prompts/a.md',
      'prompts/sub/b.md',
      'prompts/sub/deeper/c.md',
    ]);
    assert.throws(
      () => expandInputs(['prompts/**/*.pdf']),
      (e: Error) => e instanceof UsageError && e.message === 'no file matches prompts/**/*.pdf',
    );
    assert.throws(() => expandInputs(['-', 'prompts/a.md']), /cannot be combined with files/);
  });

  test('control characters in a file name are shown as escapes, never sent to the terminal', () => {
    assert.equal(printableName('a\u001b[31mred.md'), 'a\\u001b[31mred.md');
  });
});

describe('CLI: several files in one run', () => {
  test('each file priced with its own count, under its own heading; --json gives one entry per file', async () => {
    const r = await cli(['prompts/**/*.md', '--model', 'gpt-4o', '--tokenizers', 'o200k_base', '--at', AT, '--json']);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out) as { file: string; comparison: { rows: { model: { id: string }; count: { tokens: number } }[] } }[];
    assert.deepEqual(
      json.map((j) => j.file),
      ['prompts/a.md', 'prompts/sub/b.md', 'prompts/sub/deeper/c.md'],
    );
    for (const j of json) {
      const row = j.comparison.rows.find((x) => x.model.id === 'openai/gpt-4o')!;
      assert.equal(row.count.tokens, o200k.encode(PROMPTS[j.file]).length, j.file);
    }
    const table = await cli(['prompts/a.md', 'prompts/sub/b.md', '--model', 'gpt-4o', '--tokenizers', 'o200k_base', '--at', AT]);
    assert.equal(table.code, 0, table.err);
    assert.ok(table.out.startsWith('== prompts/a.md ==\n'), table.out.slice(0, 80));
    assert.ok(table.out.includes('\n== prompts/sub/b.md ==\n'));
  });

  test('--budget: exit 2 when any file is over it, naming that file', async () => {
    // gpt-4o, 500 output tokens: $0.005 of output alone; b.md is longer than a.md.
    const cost = (n: number) => (n * 2.5 + 500 * 10) / 1e6;
    const a = o200k.encode(PROMPTS['prompts/a.md']).length;
    const b = o200k.encode(PROMPTS['prompts/sub/b.md']).length;
    const budget = (cost(a) + cost(b)) / 2;
    const r = await cli([
      'prompts/a.md',
      'prompts/sub/b.md',
      '--model',
      'gpt-4o',
      '--tokenizers',
      'o200k_base',
      '--at',
      AT,
      '--budget',
      String(budget),
      '--csv',
    ]);
    assert.equal(r.code, 2, r.err);
    assert.match(r.err, /^token-spend: prompts\/sub\/b\.md: over budget/);
    assert.doesNotMatch(r.err, /prompts\/a\.md/);
    const lines = r.out.trim().split('\r\n');
    assert.ok(lines[0].startsWith('file,model_id,'));
    assert.equal(lines.filter((l) => l.startsWith('file,')).length, 1, 'one header for all files');
    assert.ok(lines.some((l) => l.startsWith('prompts/sub/b.md,openai/gpt-4o,')));
  });
});

describe('CLI: --tokenizers', () => {
  test('only the listed vocabularies load, and only their models are priced (plus the current one)', async () => {
    releaseTokenizers();
    const r = await cli(['prompts/a.md', '--model', 'deepseek/deepseek-flash@cn', '--tokenizers', 'o200k_base,claude_est', '--at', AT, '--json']);
    assert.equal(r.code, 0, r.err);
    const loaded = EXACT_TOKENIZER_IDS.filter((id) => isTokenizerLoaded(id));
    assert.deepEqual(loaded, ['o200k_base', 'deepseek_v3'], 'the current model brings its own tokenizer');
    const rows = (JSON.parse(r.out) as { rows: { model: { id: string; tokenizer: string } }[] }).rows;
    assert.deepEqual([...new Set(rows.map((x) => x.model.tokenizer))].sort(), ['claude_est', 'deepseek_v3', 'o200k_base']);
    assert.equal(rows.filter((x) => x.model.tokenizer === 'deepseek_v3').length, 1);
  });

  test('an unknown tokenizer is a usage error that lists the known ones', async () => {
    assert.throws(() => parseCliArgs(['x.md', '--tokenizers', 'o200k,qwen3']), /--tokenizers: unknown tokenizer "o200k"; known: o200k_base, cl100k_base/);
    const r = await cli(['prompts/a.md', '--tokenizers', ' , ']);
    assert.equal(r.code, 1);
    assert.match(r.err, /--tokenizers: no tokenizer; known:/);
  });
});
