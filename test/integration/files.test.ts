import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { formatMoney, formatTokens } from '../../src/core/format';
import { api, fixture, openText, pricingJson, referenceO200k, repoPath, startFromDefaultSettings, waitFor, withSettings } from './helpers';

const MODEL = 'openai/gpt-4o-mini';
const SETTINGS = { model: MODEL, outputTokens: 0, currency: 'USD' };

/** What the status bar reads for `text` with gpt-4o-mini, USD, no output tokens: tokens × list input price. */
function expectedText(text: string): string {
  const model = pricingJson().models.find((m) => m.id === MODEL)!;
  const tokens = referenceO200k(text);
  return `$(symbol-numeric) ${formatTokens(tokens, 'en')} tok · ${formatMoney((tokens * model.price.rates!.input) / model.price.per!, 'USD', 'en')} · ${model.name}`;
}

async function statusBarShows(want: string, timeoutMs?: number) {
  return waitFor(
    async () => (await api()).statusBar(),
    (s) => s.text === want,
    `status bar "${want}"`,
    timeoutMs,
  );
}

/** A file system that lives in memory only, like a remote or virtual workspace's: no disk path behind its URIs. */
class MemoryFileSystem implements vscode.FileSystemProvider {
  private readonly files = new Map<string, Uint8Array>();
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    if (uri.path === '/') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const data = this.files.get(uri.path);
    if (!data) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: data.byteLength };
  }
  readDirectory(): [string, vscode.FileType][] {
    return [...this.files.keys()].map((p) => [p.slice(1), vscode.FileType.File]);
  }
  createDirectory(): void {}
  readFile(uri: vscode.Uri): Uint8Array {
    const data = this.files.get(uri.path);
    if (!data) throw vscode.FileSystemError.FileNotFound(uri);
    return data;
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.files.set(uri.path, content);
  }
  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }
  rename(from: vscode.Uri, to: vscode.Uri): void {
    const data = this.files.get(from.path);
    if (data) this.files.set(to.path, data);
    this.files.delete(from.path);
  }
}

suite('files: what is counted and what the status bar says instead', () => {
  startFromDefaultSettings();

  test('binary content says so instead of a count; readable text selected inside it is counted', async () => {
    await withSettings(SETTINGS, async () => {
      const readable = 'The readable part of an archive header.';
      const editor = await openText(`PK\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000\n${readable}\n\u0000\u0000\u0001\u0002`, 'plaintext');
      const s = await statusBarShows('$(file-binary) Binary file, not counted');
      assert.match(s.tooltip, /contains binary data \(NUL or control characters\)/);
      const line = editor.document.lineAt(1).range;
      editor.selection = new vscode.Selection(line.start, line.end);
      await statusBarShows(expectedText(readable));
    });
  });

  test('over twelve million characters the status bar says so instead of freezing; a small selection inside is counted', async () => {
    await withSettings(SETTINGS, async () => {
      const lineText = 'The quick brown fox jumps over the lazy dog, again and again.';
      const text = (lineText + '\n').repeat(Math.ceil(12_000_001 / (lineText.length + 1)));
      const editor = await openText(text, 'plaintext');
      const s = await statusBarShows('$(circle-slash) 12.0M characters, not counted', 90_000);
      assert.match(s.tooltip, /This document has 12\.0 million characters, more than Token Spend counts \(12\.0 million\)/);
      editor.selection = new vscode.Selection(0, 0, 0, lineText.length);
      await statusBarShows(expectedText(lineText));
      // Selecting (nearly) everything is over the limit again, and the tooltip speaks of the selection.
      editor.selection = new vscode.Selection(0, 0, editor.document.lineCount - 1, 0);
      const all = await statusBarShows('$(circle-slash) 12.0M characters, not counted');
      assert.match(all.tooltip, /The selection has 12\.0 million characters/);
    });
  });

  test('a file over 50 MB, which VS Code does not hand to extensions, says its size instead of a count', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'token-spend-huge-'));
    const file = join(dir, 'huge.log');
    writeFileSync(file, 'x'.repeat(51 * 1024 * 1024));
    try {
      await withSettings(SETTINGS, async () => {
        await vscode.commands.executeCommand('vscode.open', vscode.Uri.file(file));
        const s = await statusBarShows('$(circle-slash) 51.0 MB file, not counted', 90_000);
        assert.match(s.tooltip, /does not give extensions the text of files over 50\.0 MB/);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('text with replacement characters (wrongly decoded) is counted, with a warning in the tooltip', async () => {
    await withSettings(SETTINGS, async () => {
      const text = 'Prompt: \uFFFD\uFFFD\uFFFD\uFFFD, please summarise.';
      await openText(text, 'plaintext');
      const s = await statusBarShows(expectedText(text));
      assert.match(s.tooltip, /contains 4 replacement characters/);
    });
  });

  test('a read-only file on disk is counted like any other', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'token-spend-ro-'));
    const file = join(dir, 'read-only.md');
    const text = fixture('english.md');
    writeFileSync(file, text);
    chmodSync(file, 0o444);
    try {
      await withSettings(SETTINGS, async () => {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(file)), { preview: false });
        const s = await statusBarShows(expectedText(text));
        assert.match(s.tooltip, /Whole document read-only\.md/);
      });
    } finally {
      chmodSync(file, 0o644);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a document from a virtual file system (no disk behind it) is counted', async () => {
    const scheme = 'token-spend-test-memfs';
    const fs = new MemoryFileSystem();
    const registration = vscode.workspace.registerFileSystemProvider(scheme, fs);
    try {
      const text = fixture('chinese.md');
      const uri = vscode.Uri.parse(`${scheme}:/prompt-zh.md`);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      await withSettings(SETTINGS, async () => {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
        const s = await statusBarShows(expectedText(text));
        assert.match(s.tooltip, /Whole document prompt-zh\.md/);
      });
    } finally {
      registration.dispose();
    }
  });

  test('a notebook cell is counted, labelled with the notebook and the cell number', async function () {
    const text = fixture('english.md');
    const code = 'print("Summarize the report in three bullet points.")';
    const data = new vscode.NotebookData([
      new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, text, 'markdown'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, code, 'python'),
    ]);
    let notebook: vscode.NotebookDocument;
    try {
      notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    } catch {
      this.skip(); // no notebook serializer in this host (the built-in ipynb extension is absent)
    }
    await withSettings(SETTINGS, async () => {
      const editor = await vscode.window.showNotebookDocument(notebook, { preview: false, selections: [new vscode.NotebookRange(0, 1)] });
      // A rendered Markdown cell has no text editor: the selected cell is counted.
      const s = await statusBarShows(expectedText(text));
      assert.match(s.tooltip, /, cell 1/);
      // Editing the code cell: its own text editor is counted.
      editor.selections = [new vscode.NotebookRange(1, 2)];
      await vscode.commands.executeCommand('notebook.cell.edit');
      await waitFor(
        () => vscode.window.activeTextEditor?.document.uri.scheme,
        (scheme) => scheme === 'vscode-notebook-cell',
        'the code cell in edit mode',
      );
      const second = await statusBarShows(expectedText(code));
      assert.match(second.tooltip, /, cell 2/);
    });
  });

  test('HTML and script in model and vendor names from a user pricing file are shown as text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'token-spend-xss-'));
    const file = join(dir, 'hostile-names.json');
    const vendorName = '<img src=x onerror=alert(1)>';
    const modelName = '</script><script>alert("model")</script>';
    const full = JSON.parse(readFileSync(repoPath('pricing', 'pricing.json'), 'utf8')) as { models: Record<string, unknown>[] };
    const template = full.models.find((m) => m.id === MODEL)!;
    const overlay = {
      version: 1,
      vendors: [{ id: 'xss-test', name: vendorName, nameZh: vendorName, country: 'US', pricingPage: 'https://example.com/pricing' }],
      models: [{ ...template, id: 'xss-test/model', vendor: 'xss-test', name: modelName, apiId: 'model' }],
    };
    writeFileSync(file, JSON.stringify(overlay));
    try {
      await withSettings({ ...SETTINGS, pricingFile: file }, async () => {
        await openText(fixture('english.md'));
        await vscode.commands.executeCommand('tokenSpend.openComparison');
        const panel = await waitFor(
          async () => (await api()).panel(),
          (p) => !!p?.rendered?.rowIds.includes('xss-test/model'),
          'a panel with the hostile row drawn',
        );
        const rendered = panel!.rendered!;
        const row = rendered.cells[rendered.rowIds.indexOf('xss-test/model')];
        assert.ok(row[rendered.headers.indexOf('Model')].startsWith(modelName), row[rendered.headers.indexOf('Model')]);
        assert.equal(row[rendered.headers.indexOf('Vendor')], vendorName);
        const view = panel!.view!.rows.find((r) => r.modelId === 'xss-test/model')!;
        assert.equal(view.name, modelName);
        assert.equal(view.vendorName, vendorName);
        await vscode.workspace.getConfiguration('tokenSpend').update('model', 'xss-test/model', vscode.ConfigurationTarget.Global);
        await openText(fixture('english.md'));
        // The tooltip is Markdown without HTML support; the names are escaped there too.
        const s = await waitFor(
          async () => (await api()).statusBar(),
          (x) => x.tooltip.includes('alert("model")'),
          'the tooltip with the hostile model',
        );
        assert.doesNotMatch(s.tooltip, /(^|[^\\])<(img|\/?script)/, 'every < of the names is escaped');
        assert.ok(s.tooltip.includes('\\<img src=x onerror=alert(1)\\>'), s.tooltip);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('icon codes in a model name from a user pricing file show as text in the status bar and tooltip', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'token-spend-icons-'));
    const file = join(dir, 'icon-names.json');
    const full = JSON.parse(readFileSync(repoPath('pricing', 'pricing.json'), 'utf8')) as { models: Record<string, unknown>[] };
    const template = full.models.find((m) => m.id === MODEL)!;
    const overlay = { version: 1, models: [{ ...template, id: 'openai/icons-test', name: '$(rocket) Fast', apiId: 'icons-test' }] };
    writeFileSync(file, JSON.stringify(overlay));
    try {
      await withSettings({ ...SETTINGS, pricingFile: file, model: 'openai/icons-test' }, async () => {
        await openText(fixture('english.md'));
        const s = await waitFor(
          async () => (await api()).statusBar(),
          (x) => x.text.includes('Fast'),
          'the status bar with the icon-named model',
        );
        // VS Code's escape: the status bar shows "$(rocket) Fast", not a rocket.
        assert.ok(s.text.endsWith(' · \\$(rocket) Fast'), s.text);
        assert.ok(s.tooltip.includes('**\\$(rocket) Fast**'), s.tooltip);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
