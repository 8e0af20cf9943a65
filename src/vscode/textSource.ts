import * as vscode from 'vscode';
import { Cancelled } from './countService';
import {
  EDITOR_SYNC_LIMIT_BYTES,
  NOTEBOOK_CELL_SCHEME,
  SNIFF_LENGTH,
  checkLength,
  inMillions,
  inspectText,
  isPaneScheme,
  verdictWithoutDocument,
  type TextVerdict,
} from '../core/textPolicy';

/** What is being counted: the selections (joined) or the whole document. */
export interface CountedText {
  kind: 'selection' | 'document';
  /** For a document, read from it on first use (a large document's text costs tens of milliseconds). */
  readonly text: string;
  /** Length of the text in UTF-16 code units, known without reading it. */
  length: number;
  /** The file's base name, shown in the panel (never its content); for a notebook cell, with its number. */
  label: string;
  uri: vscode.Uri;
  version: number;
  /** How many selections were joined (more than one: a multi-cursor selection, counted together). */
  selections?: number;
  /** A warning about the text to show with its count (e.g. it looks wrongly decoded), already localized. */
  note?: string;
}

/** A document and its selections: a text editor, or the selected cell of a notebook that has no cell editor focused. */
export interface TextView {
  readonly document: vscode.TextDocument;
  readonly selections: readonly vscode.Selection[];
}

/** Why a text is not counted, in words for the status bar (short) and its tooltip. */
export interface NotCounted {
  verdict: TextVerdict;
  text: string;
  tooltip: string;
}

/**
 * The text the user is looking at: the active text editor, or else the selected cell of the
 * active notebook (a notebook in command mode has no active text editor).
 */
export function activeTextView(): TextView | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor) return editor;
  const notebook = vscode.window.activeNotebookEditor;
  const range = notebook?.selection;
  if (!notebook || !range || range.isEmpty || range.start >= notebook.notebook.cellCount) return undefined;
  return { document: notebook.notebook.cellAt(range.start).document, selections: [] };
}

/** Output, debug console and similar panes: they keep the last count rather than being counted. */
export function isIgnoredPane(editor: TextView | undefined): boolean {
  return !!editor && isPaneScheme(editor.document.uri.scheme);
}

/** A document (or selection) that is counted: not a pane, not binary, not over the size limit. */
export function isCountable<T extends TextView>(editor: T | undefined, preferSelection = true): editor is T {
  return !!editor && !isPaneScheme(editor.document.uri.scheme) && !notCounted(editor, preferSelection);
}

/** With `textOf(…, lazy)`, documents longer than this are read only when their text is used. */
const LARGE_INSPECTION = 1_000_000;

/** Verdicts on the first SNIFF_LENGTH characters of documents, for the version they were read at. */
const startVerdicts = new WeakMap<vscode.TextDocument, { version: number; verdict: TextVerdict }>();

/**
 * The binary and encoding check of a document's first SNIFF_LENGTH characters. Kept per version:
 * a status-bar update asks twice (notCounted, then textOf for a large document).
 */
function documentStartVerdict(doc: vscode.TextDocument): TextVerdict {
  const known = startVerdicts.get(doc);
  if (known && known.version === doc.version) return known.verdict;
  const verdict = inspectText(doc.getText(new vscode.Range(new vscode.Position(0, 0), doc.positionAt(SNIFF_LENGTH))));
  startVerdicts.set(doc, { version: doc.version, verdict });
  return verdict;
}

function documentLength(doc: vscode.TextDocument): number {
  return doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
}

function nonEmptySelections(editor: TextView, preferSelection: boolean): vscode.Selection[] {
  return preferSelection ? editor.selections.filter((s) => !s.isEmpty) : [];
}

/**
 * Why the selection (or, with none, the document) is not counted, or undefined when it is.
 * Reads only a sample of the text and the length, never a whole huge document.
 */
export function notCounted(editor: TextView, preferSelection = true): NotCounted | undefined {
  const doc = editor.document;
  const selected = nonEmptySelections(editor, preferSelection);
  const length = selected.length ? selected.reduce((n, s) => n + doc.offsetAt(s.end) - doc.offsetAt(s.start), 0) : documentLength(doc);
  const large = checkLength(length);
  if (large) return describeNotCounted(large, selected.length ? 'selection' : 'document');
  let verdict: TextVerdict;
  if (selected.length) {
    const parts: string[] = [];
    let left = SNIFF_LENGTH;
    for (const s of selected) {
      if (left <= 0) break;
      const start = doc.offsetAt(s.start);
      const end = Math.min(doc.offsetAt(s.end), start + left);
      parts.push(doc.getText(new vscode.Range(s.start, doc.positionAt(end))));
      left -= end - start;
    }
    verdict = inspectText(parts.join('\n'));
  } else {
    verdict = documentStartVerdict(doc);
  }
  return verdict.kind === 'count' ? undefined : describeNotCounted(verdict, selected.length ? 'selection' : 'document');
}

/**
 * For a text tab with no document (VS Code gives extensions no document for files over 50 MB or
 * files it shows as binary): what to say, from the file's size where the file system tells it.
 * Undefined when the active tab is not such a tab.
 */
export async function notCountedWithoutDocument(): Promise<NotCounted | undefined> {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (!(input instanceof vscode.TabInputText) || vscode.window.activeTextEditor || isPaneScheme(input.uri.scheme)) return undefined;
  let size: number | undefined;
  try {
    size = (await vscode.workspace.fs.stat(input.uri)).size;
  } catch {
    size = undefined;
  }
  let start: string | undefined;
  if (size === undefined || size <= EDITOR_SYNC_LIMIT_BYTES) {
    try {
      // workspace.fs reads whole files; under the sync limit that is at most 50 MB, once per tab.
      const bytes = await vscode.workspace.fs.readFile(input.uri);
      start = new TextDecoder('utf-8').decode(bytes.subarray(0, SNIFF_LENGTH * 4)).slice(0, SNIFF_LENGTH);
    } catch {
      start = undefined;
    }
  }
  // The editor may have arrived while the file system answered.
  if (vscode.window.activeTextEditor) return undefined;
  return describeNotCounted(verdictWithoutDocument(size, start), 'document');
}

export function describeNotCounted(verdict: TextVerdict, what: 'selection' | 'document'): NotCounted | undefined {
  switch (verdict.kind) {
    case 'count':
      return undefined;
    case 'binary':
      return {
        verdict,
        text: `$(file-binary) ${vscode.l10n.t('Binary file, not counted')}`,
        tooltip:
          verdict.reason === 'notText'
            ? vscode.l10n.t('VS Code shows this file as binary or in an unsupported encoding, so it has no text to count.')
            : what === 'selection'
              ? vscode.l10n.t('The selection contains binary data (NUL or control characters), so it is not counted.')
              : vscode.l10n.t(
                  'This file contains binary data (NUL or control characters), so it is not counted. Select readable text inside it to count that part.',
                ),
      };
    case 'waiting':
      return {
        verdict,
        text: `$(sync~spin) ${vscode.l10n.t('counting…')}`,
        tooltip: vscode.l10n.t(
          'VS Code has not given extensions the text of this file yet: it is still opening, or VS Code holds it back as very large until you choose to open it anyway. It is counted as soon as VS Code hands it over.',
        ),
      };
    case 'tooLarge': {
      const size = inMillions(verdict.length, verdict.unit);
      const limit = inMillions(verdict.limit, verdict.unit);
      if (verdict.unit === 'bytes') {
        return {
          verdict,
          text: `$(circle-slash) ${vscode.l10n.t('{0} MB file, not counted', size)}`,
          tooltip: vscode.l10n.t('VS Code does not give extensions the text of files over {0} MB, so this {1} MB file cannot be counted.', limit, size),
        };
      }
      return {
        verdict,
        text: `$(circle-slash) ${vscode.l10n.t('{0}M characters, not counted', size)}`,
        tooltip:
          what === 'selection'
            ? vscode.l10n.t('The selection has {0} million characters, more than Token Spend counts ({1} million). Select a smaller part.', size, limit)
            : vscode.l10n.t(
                'This document has {0} million characters, more than Token Spend counts ({1} million). Select a part of it to count the selection.',
                size,
                limit,
              ),
      };
    }
  }
}

/**
 * The text of every non-empty selection (joined by newlines) or, with none, the whole document.
 * `lazy`: a document over LARGE_INSPECTION characters is read only when its text is used (the
 * status bar's worker usually holds it already); reading it after the document changed throws Cancelled.
 */
export function textOf(editor: TextView, preferSelection = true, lazy = false): CountedText {
  const doc = editor.document;
  const label = documentLabel(doc);
  const selected = nonEmptySelections(editor, preferSelection);
  let counted: CountedText;
  let deferred = false;
  if (selected.length) {
    // Sorted by position so the joined text reads in document order, whatever order they were made in.
    const ordered = [...selected].sort((a, b) => a.start.compareTo(b.start));
    const text = ordered.map((s) => doc.getText(s)).join('\n');
    counted = { kind: 'selection', text, length: text.length, label, uri: doc.uri, version: doc.version, selections: ordered.length };
  } else {
    const length = documentLength(doc);
    const version = doc.version;
    deferred = lazy && length > LARGE_INSPECTION;
    let text = deferred ? undefined : doc.getText();
    const read = () => {
      // Read later than this call: only while the document is still at the version it was asked for.
      if (text === undefined && doc.version !== version) throw new Cancelled();
      return (text ??= doc.getText());
    };
    counted = {
      kind: 'document',
      get text() {
        return read();
      },
      length,
      label,
      uri: doc.uri,
      version,
    };
  }
  // A document not read yet is inspected on its first part only, so an edit does not read all of it here.
  const verdict = deferred ? documentStartVerdict(doc) : inspectText(counted.text);
  if (verdict.kind === 'count' && verdict.replacementCharacters > 0) {
    counted.note = vscode.l10n.t(
      'The text contains {0} replacement characters (�): the file was probably decoded with the wrong encoding. Use "Reopen with Encoding" for a true count.',
      verdict.replacementCharacters,
    );
  }
  return counted;
}

/** The base name; for a notebook cell, the notebook's name and the cell's number. */
function documentLabel(doc: vscode.TextDocument): string {
  const name = baseName(doc.uri);
  if (doc.uri.scheme !== NOTEBOOK_CELL_SCHEME) return name;
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cell = notebook.getCells().find((c) => c.document === doc);
    if (cell) return vscode.l10n.t('{0}, cell {1}', baseName(notebook.uri), cell.index + 1);
  }
  return name;
}

export function baseName(uri: vscode.Uri): string {
  const path = uri.path;
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name || uri.toString(true);
}

/** Unicode code points, the unit the core reports characters in. */
export function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) n++;
    else {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      n++;
    }
  }
  return n;
}
