/**
 * The comparison panel's security: the page the host generates (CSP, nonce, no inline code, no
 * remote origin), validation of every message crossing the host/webview boundary, text-only DOM
 * building, and a webview bundle that cannot reach the network. webviewHtml.ts runs on a small
 * stand-in for `vscode` (Uri and Webview are all it touches).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { standInForVscode } from './vscode-stand-in';

// ---- the stand-in for `vscode` -----------------------------------------------------------------
interface FakeUri {
  path: string;
  toString(): string;
}
const uri = (path: string): FakeUri => ({ path, toString: () => `file://${path}` });
const fakeVscode = {
  Uri: { joinPath: (base: FakeUri, ...parts: string[]) => uri([base.path, ...parts].join('/')) },
};
standInForVscode(fakeVscode); // for the whole file: every test here loads src/vscode modules
const { webviewHtml, webviewOptions } = require('../../src/vscode/webviewHtml') as typeof import('../../src/vscode/webviewHtml');
const { HostMessageSchema, WebviewMessageSchema, WebviewStateSchema } = require('../../src/webview/protocol') as typeof import('../../src/webview/protocol');
const { h } = require('../../src/webview/dom') as typeof import('../../src/webview/dom');

const root = join(__dirname, '..', '..', '..');
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const EXTENSION = uri('/ext/token-spend');
const fakeWebview = {
  cspSource: CSP_SOURCE,
  asWebviewUri: (u: FakeUri) => ({ toString: () => `${CSP_SOURCE}${u.path}` }),
} as unknown as import('vscode').Webview;

function render(lang = 'en'): string {
  return webviewHtml(fakeWebview, EXTENSION as unknown as import('vscode').Uri, lang);
}

/** The Content-Security-Policy of the page as directive → sources. */
function csp(html: string): Map<string, string[]> {
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(meta, 'the page has a CSP meta tag');
  return new Map(
    meta[1]
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('generated panel HTML', () => {
  test("CSP: default-src 'none'; scripts only by nonce; styles, fonts and images only from the extension; nothing else", () => {
    const html = render();
    const policy = csp(html);
    assert.deepEqual(policy.get('default-src'), ["'none'"]);
    const scripts = policy.get('script-src')!;
    assert.equal(scripts.length, 1);
    assert.match(scripts[0], /^'nonce-[A-Za-z0-9+/]{24}'$/);
    for (const d of ['style-src', 'font-src', 'img-src']) assert.deepEqual(policy.get(d), [CSP_SOURCE], d);
    // No connect-src, frame-src, worker-src…: they fall back to default-src 'none' (no fetch, no WebSocket, no frames).
    assert.deepEqual([...policy.keys()].sort(), ['default-src', 'font-src', 'img-src', 'script-src', 'style-src']);
    const all = [...policy.values()].flat();
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", '*', 'http:', 'https:', 'data:', 'blob:']) {
      assert.ok(!all.includes(bad), `CSP allows ${bad}`);
    }
  });

  test('the one script carries the nonce, loads from the built webview folder and has no inline code; no inline style or handlers', () => {
    const html = render();
    const nonce = /'nonce-([^']+)'/.exec(html)![1];
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    assert.ok(scripts[0][1].includes(`nonce="${nonce}"`), scripts[0][1]);
    assert.ok(scripts[0][1].includes(`src="${CSP_SOURCE}/ext/token-spend/dist/webview/main.js"`), scripts[0][1]);
    assert.equal(scripts[0][2].trim(), '');
    assert.doesNotMatch(html, /<style\b|\sstyle=|\son[a-z]+=|javascript:/i);
    for (const [, url] of html.matchAll(/\s(?:src|href)="([^"]*)"/g)) assert.ok(url.startsWith(`${CSP_SOURCE}/ext/token-spend/dist/webview/`), url);
  });

  test('the nonce is fresh on every render: 200 renders, 200 different 144-bit nonces from node:crypto', () => {
    const nonces = new Set(Array.from({ length: 200 }, () => /'nonce-([^']+)'/.exec(render())![1]));
    assert.equal(nonces.size, 200);
    for (const n of nonces) assert.equal(Buffer.from(n, 'base64').length, 18);
    const source = readFileSync(join(root, 'src', 'vscode', 'webviewHtml.ts'), 'utf8');
    assert.match(source, /import \{ randomBytes \} from 'node:crypto'/);
    assert.doesNotMatch(source, /Math\.random/);
  });

  test('language attribute follows the UI; the panel may load only the built webview folder', () => {
    assert.match(render('zh-cn'), /<html lang="zh-CN">/);
    assert.match(render('en'), /<html lang="en">/);
    const options = webviewOptions(EXTENSION as unknown as import('vscode').Uri);
    assert.equal(options.enableScripts, true);
    assert.deepEqual(
      options.localResourceRoots!.map((u) => (u as unknown as FakeUri).path),
      ['/ext/token-spend/dist/webview'],
    );
  });
});

const VALID_FROM_WEBVIEW: unknown[] = [
  { type: 'ready' },
  { type: 'setAssumptions', values: { outputTokens: 800, currency: 'CNY', offPeak: true } },
  { type: 'setAssumptions', values: { alwaysSent: true } },
  { type: 'resetAssumptions' },
  { type: 'pin', pinned: true },
  { type: 'export', format: 'csv' },
  { type: 'selectModel', modelId: 'deepseek/deepseek-chat' },
  { type: 'openSource', modelId: 'openai/gpt-4o-mini' },
];

/** A valid message changed in one way: a key added, removed, retyped or set to a hostile value. */
function mutateMessage(message: unknown, pick: number, value: unknown): unknown {
  const copy = structuredClone(message) as Record<string, unknown>;
  const target = copy.values && typeof copy.values === 'object' && pick % 2 ? (copy.values as Record<string, unknown>) : copy;
  const keys = Object.keys(target);
  const key = keys[pick % Math.max(keys.length, 1)];
  switch (pick % 4) {
    case 0:
      Object.defineProperty(target, ['__proto__', 'constructor', 'extra', 'text'][pick % 4], { value, enumerable: true, configurable: true, writable: true });
      break;
    case 1:
      if (key) delete target[key];
      break;
    default:
      if (key) target[key] = value;
  }
  return copy;
}

describe('messages across the panel boundary are validated', () => {
  test('the messages the webview really sends are accepted', () => {
    for (const m of VALID_FROM_WEBVIEW) assert.equal(WebviewMessageSchema.safeParse(m).success, true, JSON.stringify(m));
  });

  test('random values never throw and are refused unless they are a valid message, which passes unchanged', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything({ maxDepth: 3 }),
          fc
            .constantFrom(...VALID_FROM_WEBVIEW)
            .chain((m) => fc.tuple(fc.constant(m), fc.nat(), fc.anything({ maxDepth: 2 })).map(([msg, pick, v]) => mutateMessage(msg, pick, v))),
        ),
        (raw) => {
          for (const schema of [WebviewMessageSchema, HostMessageSchema, WebviewStateSchema]) {
            let parsed: { success: boolean; data?: unknown } | undefined;
            assert.doesNotThrow(() => (parsed = schema.safeParse(raw)));
            // Accepted means exactly what was sent: no coercion, no extra keys carried along.
            if (parsed!.success) assert.deepEqual(parsed!.data, raw);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('out-of-range what-if inputs and unknown message types are refused', () => {
    for (const bad of [
      { type: 'setAssumptions', values: { outputTokens: -1 } },
      { type: 'setAssumptions', values: { outputTokens: 1.5 } },
      { type: 'setAssumptions', values: { cachedShare: 2 } },
      { type: 'setAssumptions', values: { callsPerDay: Number.POSITIVE_INFINITY } },
      { type: 'setAssumptions', values: { currency: 'BTC' } },
      { type: 'setAssumptions', values: { alwaysSent: 'yes' } },
      { type: 'setAssumptions', values: { outputTokens: 10, script: 'alert(1)' } },
      { type: 'selectModel', modelId: '' },
      { type: 'export', format: 'html' },
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      { type: 'ready', extra: true },
      null,
      'ready',
    ]) {
      assert.equal(WebviewMessageSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });
});

describe('the webview builds its DOM from text only', () => {
  test('no HTML-parsing sink anywhere in the webview sources', () => {
    const dir = join(root, 'src', 'webview');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const source = readFileSync(join(dir, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      assert.doesNotMatch(
        source,
        /\.innerHTML|\.outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment|\beval\(|new Function\(|srcdoc/,
        f,
      );
    }
  });

  test('h() puts hostile names into text nodes, never into markup', () => {
    const made: { kind: string; value: string }[] = [];
    const element = (tag: string) => ({
      tag,
      attrs: new Map<string, string>(),
      children: [] as unknown[],
      setAttribute(k: string, v: string) {
        this.attrs.set(k, v);
      },
      append(...nodes: unknown[]) {
        this.children.push(...nodes);
      },
    });
    const fakeDocument = {
      createElement: (tag: string) => (made.push({ kind: 'element', value: tag }), element(tag)),
      createElementNS: (_ns: string, tag: string) => (made.push({ kind: 'element', value: tag }), element(tag)),
      createTextNode: (data: string) => (made.push({ kind: 'text', value: data }), { data }),
    };
    const g = globalThis as { document?: unknown };
    const previous = g.document;
    g.document = fakeDocument;
    try {
      const names = ['<img src=x onerror=alert(1)>', '</script><script>alert(1)</script>', '"><svg onload=alert(1)>', '&lt;b&gt;'];
      for (const name of names) {
        made.length = 0;
        const cell = h('td', { title: name }, name) as unknown as ReturnType<typeof element>;
        assert.deepEqual(made, [
          { kind: 'element', value: 'td' },
          { kind: 'text', value: name },
        ]);
        assert.deepEqual(cell.children, [{ data: name }]);
        assert.equal(cell.attrs.get('title'), name, 'attribute values are set as values, not parsed');
      }
    } finally {
      g.document = previous;
    }
  });
});

describe('the built webview cannot reach the network', () => {
  const dist = join(root, 'dist', 'webview');

  for (const page of ['main.js', 'sources.js'])
    test(`dist/webview/${page} has no fetch, XMLHttpRequest, WebSocket, EventSource, sendBeacon or dynamic import, and no URL but the SVG namespace`, () => {
      const file = join(dist, page);
      assert.ok(existsSync(file), `${file} is missing: build first (node esbuild.mjs --tests)`);
      const bundle = readFileSync(file, 'utf8');
      for (const api of [
        /\bfetch\s*\(/,
        /XMLHttpRequest/,
        /WebSocket/,
        /EventSource/,
        /sendBeacon/,
        /\bimport\s*\(/,
        /importScripts/,
        /RTCPeerConnection/,
        /\.src\s*=/,
      ]) {
        assert.doesNotMatch(bundle, api, `the webview bundle uses ${api}`);
      }
      const urls = new Set([...bundle.matchAll(/(?:https?:|wss?:|ftp:)\/\/[^\s"'`)]*/g)].map((m) => m[0]));
      // Inert strings only: the SVG namespace the chart needs, zod's JSON Schema dialect ids, and the
      // template zod passes to `new URL()` to check an IPv6 literal. Any new URL fails this test.
      const INERT = [
        'http://www.w3.org/2000/svg',
        'https://json-schema.org/draft/2020-12/schema',
        'http://json-schema.org/draft-07/schema#',
        'http://json-schema.org/draft-04/schema#',
      ];
      const ipv6Template = /^http:\/\/\[\$\{\w+\}\]$/;
      assert.deepEqual(
        [...urls].filter((u) => !INERT.includes(u) && !ipv6Template.test(u)),
        [],
      );
    });

  test('outside the webview, only the opt-in price updates may use the network', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, name.name);
        if (name.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(join(root, 'src'));
    const network = /\bfetch\b|node:https?\b|node:net\b|node:tls\b|node:dgram\b|XMLHttpRequest|WebSocket|child_process/;
    const users = files
      .filter((f) => network.test(readFileSync(f, 'utf8')))
      .map((f) =>
        f
          .slice(root.length + 1)
          .split('\\')
          .join('/'),
      )
      .sort();
    assert.deepEqual(users, ['src/core/pricing/update.ts', 'src/vscode/priceUpdates.ts']);
  });

  test('the stylesheets load nothing remote', () => {
    for (const f of readdirSync(dist).filter((n) => n.endsWith('.css'))) {
      const css = readFileSync(join(dist, f), 'utf8');
      assert.doesNotMatch(css, /url\(\s*['"]?(?:https?:)?\/\//, f);
      assert.doesNotMatch(css, /@import/, f);
    }
  });
});
