// The layers of CONTRIBUTING.md as eslint.config.mjs states them: a deliberate violation in each
// layer is reported by `npm run lint` (ESLint's API on source text, at a path inside the layer).
// layering.test.ts checks the same rules on the files as they are, requires included.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { repoRoot } from './support';

const root = repoRoot();
const eslint = new ESLint({ cwd: root });

/** The rules ESLint reports for `code` placed at `file` (relative to the repository root). */
async function rulesHit(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const cases: { file: string; code: string; allowed: boolean }[] = [
  { file: 'src/core/probe.ts', code: "import * as vscode from 'vscode';\nexport const v = vscode;\n", allowed: false },
  { file: 'src/core/probe.ts', code: "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", allowed: false },
  { file: 'src/core/probe.ts', code: "import { readFile } from 'fs/promises';\nexport const r = readFile;\n", allowed: false },
  { file: 'src/core/probe.ts', code: "import { join } from 'path';\nexport const j = join;\n", allowed: false },
  {
    file: 'src/core/pricing/probe.ts',
    code: "import { discoverInstructionFiles } from '../../node/context/discover';\nexport const d = discoverInstructionFiles;\n",
    allowed: false,
  },
  { file: 'src/core/probe.ts', code: "import type { TokenSpendApi } from '../extension';\nexport type A = TokenSpendApi;\n", allowed: false },
  { file: 'src/core/probe.ts', code: "import { main } from '../cli/main';\nexport const m = main;\n", allowed: false },
  { file: 'src/core/probe.ts', code: "import type { Comparison } from './types';\nexport type C = Comparison;\n", allowed: true },
  { file: 'src/webview/probe.ts', code: "import * as vscode from 'vscode';\nexport const v = vscode;\n", allowed: false },
  { file: 'src/webview/probe.ts', code: "import { join } from 'node:path';\nexport const j = join;\n", allowed: false },
  { file: 'src/webview/probe.ts', code: "import { start } from '../vscode/engine';\nexport const s = start;\n", allowed: false },
  { file: 'src/webview/probe.ts', code: "import type { Comparison } from '../core/types';\nexport type C = Comparison;\n", allowed: true },
  { file: 'src/node/probe.ts', code: "import * as vscode from 'vscode';\nexport const v = vscode;\n", allowed: false },
  { file: 'src/node/probe.ts', code: "import { start } from '../vscode/engine';\nexport const s = start;\n", allowed: false },
  { file: 'src/node/probe.ts', code: "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", allowed: true },
  { file: 'src/cli/probe.ts', code: "import * as vscode from 'vscode';\nexport const v = vscode;\n", allowed: false },
  { file: 'src/vscode/probe.ts', code: "import * as vscode from 'vscode';\nexport const v = vscode;\n", allowed: true },
];

describe('eslint.config.mjs: the layers as import restrictions', () => {
  for (const { file, code, allowed } of cases) {
    const what = code.split('\n')[0];
    test(`${file}: ${what} is ${allowed ? 'allowed' : 'reported'}`, async () => {
      const hit = await rulesHit(file, code);
      // A path can match two patterns (../vscode/x is both 'vscode' and '**/vscode/**'): reported once or twice.
      assert.deepEqual([...new Set(hit)], allowed ? [] : ['no-restricted-imports'], hit.join(', '));
    });
  }
});
