// A user's pricing file as text: where a syntax error is, comments and trailing commas named,
// keys written twice refused (JSON.parse keeps the last silently), every read bounded.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { duplicateKeys, parsePricingJson } from '../../src/core/pricing/jsonText';
import { pricingErrorInFile } from '../../src/core/pricing/errorText';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const prompt = join(root, 'test', 'fixtures', 'prompt-en.txt');
const dir = mkdtempSync(join(tmpdir(), 'token-spend-json-text-'));
const M = 'openai/gpt-6-luna';
const price = (input: number) => `{"currency":"USD","per":1000000,"rates":{"input":${input},"output":10}}`;

function cliWith(text: string | Buffer) {
  const file = join(dir, `p${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, text);
  const r = spawnSync(process.execPath, [cli, prompt, '--models', M, '--pricing', file], { encoding: 'utf8' });
  return { code: r.status, err: r.stderr.replaceAll(file, 'FILE') };
}

describe('pricing files a tester writes', () => {
  test('the same model overridden twice is refused with its path (before: the second price was used without a word)', () => {
    const r = cliWith(`{"version":1,"priceOverrides":{"${M}":${price(5)},\n"${M}":${price(1)}}}`);
    assert.equal(r.code, 1);
    assert.equal(
      r.err,
      `token-spend: FILE is not a valid pricing file:\n  priceOverrides["${M}"]: the key "${M}" is written twice; JSON keeps only the last, so remove or rename one\n`,
    );
  });

  test('comments and trailing commas (JSONC, as in VS Code settings) are named with line and column', () => {
    assert.match(
      cliWith(`{"version":1,\n  // my prices\n  "priceOverrides":{}}`).err,
      /\(root\): not valid JSON at line 2, column 3: comments are not allowed \(a pricing file is plain JSON, not JSONC\)/,
    );
    assert.match(
      cliWith(`{"version":1,"priceOverrides":{"${M}":${price(5)},\n}}`).err,
      /not valid JSON at line 2, column 1: a comma before "}" is not allowed in JSON/,
    );
    assert.match(cliWith('').err, /the file is empty; a pricing file is a JSON object such as \{ "version": 1 \}/);
    assert.match(cliWith('{"version":1,').err, /not valid JSON/);
  });

  test('a byte-order mark is accepted; a 100 MB file is refused before it is read, worded for a pricing file', () => {
    assert.equal(cliWith(`\uFEFF{"version":1,"priceOverrides":{"${M}":${price(5)}}}`).code, 0);
    const big = join(dir, 'big.json');
    writeFileSync(big, Buffer.alloc(100_000_000, ' '));
    const r = spawnSync(process.execPath, [cli, prompt, '--pricing', big], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /big\.json is over the input limit of .*; a pricing file is far smaller\n$/);
  });

  test('duplicateKeys: the path of each repeated key, in nested objects and arrays, at most 20, and no recursion', () => {
    assert.deepEqual(duplicateKeys('{"a":1,"b":{"x":[{"k":1,"k":2}],"x":3},"a":2}'), [
      { path: 'b.x[0].k', key: 'k' },
      { path: 'b.x', key: 'x' },
      { path: 'a', key: 'a' },
    ]);
    assert.deepEqual(duplicateKeys('{"a\\"b":1,"a\\u0022b":2,"s":"{\\"a\\":1,\\"a\\":2}"}'), [{ path: '["a\\"b"]', key: 'a"b' }]);
    assert.equal(duplicateKeys(`{${Array.from({ length: 100 }, () => '"k":1').join(',')}}`).length, 20);
    assert.deepEqual(duplicateKeys('['.repeat(200_000) + ']'.repeat(200_000)), []);
    assert.deepEqual(duplicateKeys('{"__proto__":1,"__proto__":2}'), [{ path: '__proto__', key: '__proto__' }]);
  });

  test('the editor words the same problems in Chinese', () => {
    const dup = parsePricingJson('{"version":1,"version":1}', 'p.json');
    assert.ok('errors' in dup);
    assert.equal(pricingErrorInFile(dup.errors[0], 'zh-cn'), '"version"：键 "version" 写了两次；JSON 只保留最后一个，请删除或重命名其中一个。');
    const jsonc = parsePricingJson('{\n// x\n}', 'p.json');
    assert.ok('errors' in jsonc);
    assert.equal(pricingErrorInFile(jsonc.errors[0], 'zh-cn'), '整个文件：第 2 行第 1 列不是有效的 JSON：不允许注释（价格文件是普通 JSON，不是 JSONC）。');
    assert.equal(
      pricingErrorInFile(jsonc.errors[0], 'en'),
      'the whole file: not valid JSON at line 2, column 1: comments are not allowed (a pricing file is plain JSON, not JSONC).',
    );
  });
});
