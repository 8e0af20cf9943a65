// ESLint: typescript-eslint's recommended rules, and the layers of CONTRIBUTING.md as import
// restrictions (test/unit/layering.test.ts checks the same on the sources). Formatting is
// Prettier's job (eslint-config-prettier turns the stylistic rules off).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'crypto',
  'url',
  'util',
  'stream',
  'events',
  'http',
  'https',
  'net',
  'zlib',
];

/** An import restriction: `groups` of module patterns the files may not import, and why. */
const forbid = (message, ...group) => ({ group, message });

const layers = [
  {
    files: ['src/core/**/*.ts'],
    patterns: [
      forbid('src/core is pure TypeScript: no vscode API.', 'vscode'),
      forbid('src/core runs in browsers too: no Node built-ins (use src/node).', ...NODE_BUILTINS),
      forbid('src/core may not import a front end or the Node-only layer.', '**/vscode/**', '**/webview/**', '**/cli/**', '**/node/**', '**/extension'),
    ],
  },
  {
    files: ['src/webview/**/*.ts'],
    patterns: [
      forbid('The webview is browser code: no vscode API (talk to the host through protocol.ts).', 'vscode'),
      forbid('The webview is browser code: no Node built-ins.', ...NODE_BUILTINS),
      forbid('The webview may import the core and its own protocol only.', '**/vscode/**', '**/cli/**', '**/node/**', '**/extension'),
    ],
  },
  {
    files: ['src/node/**/*.ts'],
    patterns: [
      forbid('src/node is shared by the CLI and the extension: no vscode API.', 'vscode'),
      forbid('src/node builds on the core only.', '**/vscode/**', '**/webview/**', '**/cli/**', '**/extension'),
    ],
  },
  {
    files: ['src/cli/**/*.ts'],
    patterns: [
      forbid('The CLI runs without VS Code.', 'vscode'),
      forbid('The CLI builds on the core and src/node only.', '**/vscode/**', '**/webview/**', '**/extension'),
    ],
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.e2e/**', 'bench/results/**', 'pricing/upstream/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // The shipped code and the pricing tools meet arrays as long as a user's input; the benchmarks'
    // and e2e's arrays hold a handful of repetitions or boxes, where Math.min(...xs) is fine.
    files: ['src/**', 'scripts/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min)$/] > SpreadElement",
          message: 'Math.max/min(...array) overflows the stack on large arrays: use a loop or reduce.',
        },
      ],
    },
  },
  ...layers.map(({ files, patterns }) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } })),
  {
    // Scripts, tests and benchmarks run under Node.
    files: ['**/*.mjs', '**/*.cjs', '**/*.js', 'scripts/**', 'bench/**', 'test/**'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        performance: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        structuredClone: 'readonly',
        queueMicrotask: 'readonly',
        globalThis: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // package.json has no "type": "module", so Node loads .js (and .cjs) files as CommonJS.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  {
    // The webview's e2e scenarios run in the browser page through playwright.
    files: ['test/e2e/**'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', getComputedStyle: 'readonly', innerWidth: 'readonly', innerHeight: 'readonly' } },
  },
  prettier,
);
