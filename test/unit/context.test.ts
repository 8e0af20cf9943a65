// Always-sent context: which instruction files each agent sends, counted and priced, and the
// `token-spend context` command that gates them in CI.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  alwaysSentContext,
  countContextFiles,
  compileGlob,
  INSTRUCTION_FILE_GLOBS,
  instructionFileText,
  matchesAny,
  parseFrontMatter,
  priceContext,
  splitGlobList,
  type WorkspaceFile,
} from '../../src/core/context';
import { GLOB_STEP_BUDGET } from '../../src/core/context/glob';
import { loadBundledCatalogue } from '../../src/core/pricing/catalogue';
import { loadTokenizer } from '../../src/core/tokenize';
import { discoverInstructionFiles } from '../../src/node/context/discover';
import { assumptionsAt, repoRoot } from './support';

const repo = join(repoRoot(), 'test', 'fixtures', 'context', 'repo');
const paths = (groups: ReturnType<typeof alwaysSentContext>, agent: string) =>
  groups.find((g) => g.agent === agent)?.files.map((f) => `${f.path}:${f.reason}`) ?? [];

describe('globs of instruction files', () => {
  test('** spans folders, * stays in one, {a,b} and [..] alternatives, a bare pattern matches any folder', () => {
    assert.ok(matchesAny('packages/api/src/x.ts', ['packages/api/**/*.ts']));
    assert.ok(matchesAny('packages/api/x.ts', ['packages/api/**/*.ts']));
    assert.ok(!matchesAny('packages/web/x.ts', ['packages/api/**/*.ts']));
    assert.ok(!matchesAny('src/a/b.ts', ['src/*.ts']));
    assert.ok(matchesAny('src/b.tsx', ['src/*.{ts,tsx}']));
    assert.ok(matchesAny('deep/folder/README.md', ['*.md']));
    assert.ok(matchesAny('v1.ts', ['v[0-9].ts']));
    assert.ok(!matchesAny('x.ts', ['*.md', 'docs/**']));
    assert.deepEqual(splitGlobList('**/*.md, docs/**,src/{a,b}/*.ts'), ['**/*.md', 'docs/**', 'src/{a,b}/*.ts']);
  });

  test('malformed or oversized globs match nothing instead of throwing', () => {
    assert.equal(compileGlob('src/{a,b'), undefined);
    assert.equal(compileGlob('[abc'), undefined);
    assert.equal(compileGlob('x'.repeat(501)), undefined);
    assert.ok(!matchesAny('anything', ['[abc', '']));
  });

  test('pathological globs from a cloned repository match in bounded time (before: minutes of regex backtracking)', () => {
    const deep = Array(40).fill('aa').join('/') + '/' + 'a'.repeat(60);
    const hostile = [
      '**/'.repeat(160) + 'x', // 480 characters: the old regular expression never finished against `deep`
      '*a'.repeat(240) + 'b',
      '**'.repeat(240) + 'x',
      '**/*'.repeat(120) + 'x',
      '{a,'.repeat(150) + 'b' + '}'.repeat(150), // 601 characters: over the limit, matches nothing
      '{a,{b,{c,{d,{e,{f,{g,h}}}}}}}/**/' + '*'.repeat(400),
    ];
    const started = Date.now();
    for (const g of hostile) assert.equal(matchesAny(deep, [g]), false, g.slice(0, 40));
    assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
    // The same shapes still match what they should.
    assert.ok(matchesAny(deep.replace(/a+$/, 'x'), ['**/'.repeat(160) + 'x']));
    assert.ok(matchesAny('aaab', ['*a'.repeat(3) + 'b']));
    assert.ok(matchesAny('c/x/y.md', ['{a,{b,c}}/**/*.md']));
    assert.ok(!matchesAny('d/x/y.md', ['{a,{b,c}}/**/*.md']));
    assert.ok(matchesAny('src/a.ts', ['{src,lib}/{a,b}.{ts,js}']));
    assert.ok(matchesAny('}x,', ['}x,']), 'a brace or comma outside a group is a plain character');
    assert.ok(!matchesAny('a/b', ['a?b']), '? never matches a slash');
    assert.ok(matchesAny('a/b/c.ts', ['a/**']));
  });
});

describe('many hostile globs across many instruction files', () => {
  test('300 files of 40 distinct backtracking-shaped globs against a 511-character path: one work budget, well under 5 s (before: 78 s)', () => {
    const files: WorkspaceFile[] = Array.from({ length: 300 }, (_, i) => ({
      path: `.github/instructions/d${i}.instructions.md`,
      text: `---\napplyTo: "${Array.from({ length: 40 }, (_, j) => '*a'.repeat(200 + j) + `b${i}_${j}`).join(',')}"\n---\nbody`,
    }));
    files.push({ path: '.github/instructions/real.instructions.md', text: '---\napplyTo: "**/*.md"\n---\nreal' });
    const started = Date.now();
    const groups = alwaysSentContext(files, 'a'.repeat(255) + '/' + 'a'.repeat(255));
    assert.ok(Date.now() - started < 5000, `${Date.now() - started} ms`);
    assert.deepEqual(groups, []);
    // Real globs still match within the same lookup, and the same glob in many files is matched once.
    const real = alwaysSentContext(
      [
        ...Array.from({ length: 1000 }, (_, i) => ({ path: `.github/instructions/r${i}.instructions.md`, text: '---\napplyTo: "src/**/*.ts"\n---\nr' })),
        { path: '.github/instructions/md.instructions.md', text: '---\napplyTo: "*.md"\n---\nm' },
      ],
      'src/a/b.ts',
    );
    assert.equal(real[0].files.length, 1000);
    assert.equal(GLOB_STEP_BUDGET, 20_000_000);
    const budget = { steps: 10 };
    assert.equal(matchesAny('src/a/b/c/d.ts', ['src/**/*.ts'], budget), false, 'out of budget: no match');
    assert.ok(budget.steps < 0);
    assert.equal(matchesAny('src/a/b/c/d.ts', ['src/**/*.ts'], { steps: 1000 }), true);
  });
});

describe('front matter', () => {
  test('applyTo as a string list, globs as a block list, alwaysApply', () => {
    assert.deepEqual(parseFrontMatter('---\napplyTo: "**/*.ts, docs/**"\n---\nbody'), { applyTo: ['**/*.ts', 'docs/**'] });
    assert.deepEqual(parseFrontMatter('---\nglobs:\n  - "*.test.ts"\n  - src/**\nalwaysApply: false\n---\n'), {
      globs: ['*.test.ts', 'src/**'],
      alwaysApply: false,
    });
    assert.deepEqual(parseFrontMatter('---\nglobs: ["a.ts", "b.ts"]\nalwaysApply: true\n---'), { globs: ['a.ts', 'b.ts'], alwaysApply: true });
    assert.deepEqual(parseFrontMatter('no front matter\napplyTo: x'), {});
  });
});

describe('which files each agent sends (fixture repository)', () => {
  const { files, problems } = discoverInstructionFiles(repo);

  test('discovery finds the instruction files, skips node_modules and ordinary files', () => {
    assert.deepEqual(problems, []);
    const found = files.map((f) => f.path);
    assert.ok(found.includes('AGENTS.md') && found.includes('packages/api/AGENTS.md') && found.includes('.cursor/rules/tests.mdc'));
    assert.ok(!found.some((p) => p.startsWith('node_modules/')), found.join());
    assert.ok(!found.includes('packages/api/handler.ts'));
  });

  test('the file-search globs find every instruction file discovery finds, and join into one flat {a,b,..} group', () => {
    for (const f of files)
      assert.ok(
        INSTRUCTION_FILE_GLOBS.some((g) => compileGlob(g)?.test(f.path)),
        `${f.path} is found by no glob`,
      );
    // VS Code's glob closes a {..} group at its first '}': a nested {md,mdc} made the joined pattern match nothing.
    const joined = `{${INSTRUCTION_FILE_GLOBS.join(',')}}`;
    assert.equal(joined.indexOf('}'), joined.length - 1, joined);
    assert.equal(joined.lastIndexOf('{'), 0, joined);
  });

  test('with no file open: the root files and applyTo "**" only', () => {
    const g = alwaysSentContext(files);
    assert.deepEqual(paths(g, 'copilot'), ['.github/copilot-instructions.md:always', '.github/instructions/all.instructions.md:always', 'AGENTS.md:always']);
    assert.deepEqual(paths(g, 'claude-code'), ['CLAUDE.md:always']);
    assert.deepEqual(paths(g, 'codex'), ['AGENTS.md:always']);
    assert.deepEqual(paths(g, 'cursor'), ['.cursor/rules/base.mdc:always', 'AGENTS.md:always']);
  });

  test('editing packages/api/handler.ts: applyTo matches, nested AGENTS.md and CLAUDE.md join', () => {
    const g = alwaysSentContext(files, 'packages/api/handler.ts');
    assert.deepEqual(paths(g, 'copilot'), [
      '.github/copilot-instructions.md:always',
      '.github/instructions/all.instructions.md:always',
      '.github/instructions/api.instructions.md:glob',
      'AGENTS.md:always',
    ]);
    assert.deepEqual(paths(g, 'codex'), ['AGENTS.md:always', 'packages/api/AGENTS.md:folder']);
    assert.deepEqual(paths(g, 'claude-code'), ['CLAUDE.md:always', 'packages/api/CLAUDE.md:folder']);
  });

  test('a test file pulls in the Cursor rule whose globs match; a prompt file being edited is sent', () => {
    assert.ok(paths(alwaysSentContext(files, 'packages/api/handler.test.ts'), 'cursor').includes('.cursor/rules/tests.mdc:glob'));
    assert.ok(paths(alwaysSentContext(files, '.github/prompts/summary.prompt.md'), 'copilot').includes('.github/prompts/summary.prompt.md:editing'));
  });

  test('applyTo "**/*.md, docs/**": sent for a Markdown file at the root or in a folder and for anything under docs/, not for code', () => {
    const docs = '.github/instructions/docs.instructions.md:glob';
    for (const file of ['README.md', 'packages/api/NOTES.md', 'docs/guide.txt'])
      assert.ok(paths(alwaysSentContext(files, file), 'copilot').includes(docs), file);
    for (const file of ['packages/api/handler.ts', 'src/docs/x.ts', 'README.mdx'])
      assert.ok(!paths(alwaysSentContext(files, file), 'copilot').includes(docs), file);
  });

  test('nearest and root AGENTS.md: Codex reads both on the way to the file, Copilot and Cursor the root one only', () => {
    const g = alwaysSentContext(files, 'packages/api/src/deep/x.ts');
    assert.deepEqual(paths(g, 'codex'), ['AGENTS.md:always', 'packages/api/AGENTS.md:folder']);
    assert.ok(paths(g, 'copilot').includes('AGENTS.md:always') && !paths(g, 'copilot').includes('packages/api/AGENTS.md:folder'));
    assert.ok(!paths(g, 'cursor').some((p) => p.startsWith('packages/')));
    // A file in a sibling package does not get the API package's AGENTS.md.
    assert.deepEqual(paths(alwaysSentContext(files, 'packages/web/index.ts'), 'codex'), ['AGENTS.md:always']);
  });

  test('.cursor/rules: alwaysApply always, globs only for a matching file, a rule with neither never; the legacy .cursorrules always', () => {
    assert.deepEqual(paths(alwaysSentContext(files, 'packages/api/handler.ts'), 'cursor'), ['.cursor/rules/base.mdc:always', 'AGENTS.md:always']);
    assert.deepEqual(paths(alwaysSentContext(files, 'packages/api/handler.test.ts'), 'cursor'), [
      '.cursor/rules/base.mdc:always',
      '.cursor/rules/tests.mdc:glob',
      'AGENTS.md:always',
    ]);
    const more: WorkspaceFile[] = [
      ...files,
      { path: '.cursor/rules/manual.mdc', text: '---\ndescription: ask for it\n---\nOnly when asked.' },
      { path: '.cursorrules', text: 'Legacy rules.' },
    ];
    assert.deepEqual(paths(alwaysSentContext(more, 'packages/api/handler.test.ts'), 'cursor'), [
      '.cursor/rules/base.mdc:always',
      '.cursor/rules/tests.mdc:glob',
      '.cursorrules:always',
      'AGENTS.md:always',
    ]);
  });

  test("Gemini CLI: the root GEMINI.md and every subfolder's, whatever the file", () => {
    const expected = ['GEMINI.md:always', 'packages/web/GEMINI.md:subfolder'];
    assert.deepEqual(paths(alwaysSentContext(files), 'gemini-cli'), expected);
    assert.deepEqual(paths(alwaysSentContext(files, 'packages/api/handler.ts'), 'gemini-cli'), expected);
  });

  test("AGENTS.override.md takes its folder's place for Codex", () => {
    const withOverride: WorkspaceFile[] = [...files, { path: 'AGENTS.override.md', text: 'override' }];
    assert.deepEqual(paths(alwaysSentContext(withOverride), 'codex'), ['AGENTS.override.md:always']);
  });
});

describe('hostile instruction files in a cloned repository', () => {
  test('binary, UTF-16, links to /dev/zero, to a pipe, out of the folder, in a loop: each named and not counted, no hang; a link inside the folder is followed', () => {
    const outside = mkdtempSync(join(tmpdir(), 'ts-outside-'));
    writeFileSync(join(outside, 'secret.md'), 'not part of this repository');
    const root = mkdtempSync(join(tmpdir(), 'ts-hostile-'));
    mkdirSync(join(root, 'sub'));
    mkdirSync(join(root, '.github'));
    writeFileSync(join(root, 'AGENTS.md'), '# Rules\nUse tabs.\n');
    symlinkSync('AGENTS.md', join(root, 'CLAUDE.md')); // a common setup: one file for two agents
    writeFileSync(join(root, 'sub', 'AGENTS.md'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x08, 0, 0x41, 0x42])); // a zip
    writeFileSync(join(root, 'CLAUDE.local.md'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hi', 'utf16le')]));
    symlinkSync('/dev/zero', join(root, 'GEMINI.md'));
    symlinkSync(join(outside, 'secret.md'), join(root, '.cursorrules'));
    symlinkSync('AGENTS.override.md', join(root, 'AGENTS.override.md'));
    const fifo = process.platform !== 'win32' && spawnSync('mkfifo', [join(root, '.github', 'copilot-instructions.md')]).status === 0;
    const started = Date.now();
    const { files, problems } = discoverInstructionFiles(root);
    assert.ok(Date.now() - started < 5000);
    assert.deepEqual(
      files.map((f) => `${f.path}=${f.text}`),
      ['AGENTS.md=# Rules\nUse tabs.\n', 'CLAUDE.md=# Rules\nUse tabs.\n'],
    );
    const about = (path: string) => problems.find((p) => p.startsWith(`${path}: `)) ?? `nothing about ${path} in ${problems.join(' | ')}`;
    assert.match(about('sub/AGENTS.md'), /looks like a binary file \(it contains NUL bytes\); not counted$/);
    assert.match(about('CLAUDE.local.md'), /UTF-16 text; not counted/);
    assert.match(about('GEMINI.md'), /a symbolic link to \/dev\/zero, outside .*; not counted$/);
    assert.match(about('.cursorrules'), /a symbolic link to .*secret\.md, outside .*; not counted$/);
    assert.match(about('AGENTS.override.md'), /a symbolic link loop; not counted$/);
    if (fifo) assert.match(about('.github/copilot-instructions.md'), /not a regular file \(a device, pipe or socket\); not counted$/);
  });

  test('instructionFileText: the editor and the CLI apply one rule (NUL or many control characters in the first 64K characters)', () => {
    assert.deepEqual(instructionFileText(Buffer.from('\uFEFFhello'), 'A.md'), { text: 'hello' });
    assert.deepEqual(instructionFileText(Buffer.from('a\u0001b\u0002c\u0003d\u0004e\u0005f\u0006g\u0007h\u0008'), 'A.md'), {
      problem: 'A.md: looks like a binary file (it is full of control characters); not counted',
    });
    assert.deepEqual(instructionFileText(Buffer.from('colours \u001b[31mred\u001b[0m'), 'A.md'), { text: 'colours \u001b[31mred\u001b[0m' });
  });
});

describe("priced with the model's tokenizer", () => {
  test('tokens per file, biggest first, and what they add to a request and a month', async () => {
    const catalogue = loadBundledCatalogue();
    const model = catalogue.model('deepseek/deepseek-flash@cn')!;
    const tokenizer = await loadTokenizer(model.tokenizer);
    const files: WorkspaceFile[] = [
      { path: 'AGENTS.md', text: 'a '.repeat(200) },
      { path: '.github/copilot-instructions.md', text: 'Use strict mode.' },
    ];
    const a = assumptionsAt({ currency: 'CNY', callsPerDay: 100 });
    const groups = alwaysSentContext(files);
    const [copilot] = priceContext(groups, countContextFiles(groups, tokenizer), tokenizer.exact, model, a, catalogue.exchangeRates).filter(
      (p) => p.agent === 'copilot',
    );
    const big = tokenizer.count('a '.repeat(200));
    const small = tokenizer.count('Use strict mode.');
    assert.deepEqual(
      copilot.files.map((f) => [f.path, f.tokens]),
      [
        ['AGENTS.md', big],
        ['.github/copilot-instructions.md', small],
      ],
    );
    assert.equal(copilot.tokens, big + small);
    assert.equal(copilot.exact, true);
    // DeepSeek-V4.1-Flash: ¥1 per 1M input tokens off-peak (assumptionsAt is Monday evening in Beijing).
    const perCall = ((big + small) * 1) / 1e6;
    assert.ok(Math.abs(copilot.perCall! - perCall) < 1e-15, `${copilot.perCall} vs ${perCall}`);
    assert.ok(Math.abs(copilot.perMonth! - perCall * 100 * 30) < 1e-12);
  });
});

describe('token-spend context', () => {
  const cli = join(repoRoot(), 'dist', 'cli.js');
  const run = (args: string[]) => {
    const r = spawnSync(process.execPath, [cli, 'context', ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '' } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  test('--json lists every agent with its files, tokens and costs', () => {
    const r = run([repo, '--file', 'packages/api/handler.ts', '--model', 'openai/gpt-4o', '--json']);
    assert.equal(r.code, 0, r.err);
    const json = JSON.parse(r.out);
    assert.equal(json.model, 'openai/gpt-4o');
    assert.equal(json.currentFile, 'packages/api/handler.ts');
    const codex = json.agents.find((a: { agent: string }) => a.agent === 'codex');
    assert.deepEqual(codex.files.map((f: { path: string }) => f.path).sort(), ['AGENTS.md', 'packages/api/AGENTS.md']);
    assert.ok(codex.perCall > 0 && codex.tokens > 10);
    // Biggest first.
    const tokens = json.agents.map((a: { tokens: number }) => a.tokens);
    assert.deepEqual(
      tokens,
      [...tokens].sort((x: number, y: number) => y - x),
    );
  });

  test('--budget: exit 2 over budget, 0 under, in the currency the amount names', () => {
    assert.equal(run([repo, '--budget', '0.0000001USD']).code, 2);
    assert.equal(run([repo, '--budget', '1USD']).code, 0);
    assert.equal(run([repo, '--budget', '1', '--currency', 'CNY']).code, 0);
    const bad = run([repo, '--budget', '0x10']);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /--budget expects an amount/);
  });

  test('the same exit code under every locale', () => {
    for (const LANG of ['C', 'en_US.UTF-8', 'zh_CN.UTF-8', 'zh_TW.UTF-8']) {
      const r = spawnSync(process.execPath, [cli, 'context', repo, '--budget', '0.00002'], { encoding: 'utf8', env: { ...process.env, LANG, LC_ALL: '' } });
      assert.equal(r.status, run([repo, '--budget', '0.00002']).code, LANG);
    }
  });

  test('a folder that does not exist, and a --file outside it, are clear errors', () => {
    const missing = run([join(repo, 'nope')]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /is not a folder/);
    const outside = run([repo, '--file', '../../../../package.json']);
    assert.equal(outside.code, 1);
    assert.match(outside.err, /is not inside/);
  });
});
